package io.gan4j.evaluation;

import ai.djl.ndarray.NDManager;
import io.gan4j.Gan4jException;
import io.gan4j.Engines;
import io.gan4j.data.Datasets;
import io.gan4j.data.FashionMnist;
import io.gan4j.data.LabeledImages;
import io.gan4j.options.Options;
import io.gan4j.training.TrainConfig;
import io.gan4j.training.ConfiguredData;
import io.gan4j.data.Split;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The training recipe of evaluation classifiers and the cache of the default one: when no
 * classifier is named, {@code eval} uses {@code $gan4j.home/classifiers/<dataset>-v2} (home
 * {@code ~/.gan4j} unless the system property {@code gan4j.home} says otherwise), training it once
 * with the fixed recipe (cnn, seed 1, batch 64, Adam 1e-3, {@link #defaultEpochs} epochs, one compute thread).
 */
public final class Classifiers {

    private Classifiers() {}

    /**
     * Epochs of the recipe: about 160k images seen, so 20 epochs of the 8k embedded digits (fewer
     * cost accuracy: docs/evaluation.md), at least 3 (a 60k set such as Fashion-MNIST).
     */
    public static int defaultEpochs(int trainCount) {
        return Math.max(3, Math.min(20, (int) Math.ceil(160_000.0 / trainCount)));
    }

    /**
     * Trains a classifier on {@code dataset}'s train split, measures it on the test split and
     * saves it to {@code out}; {@code epochs} null takes the recipe's, {@code maxSteps} > 0 cuts training short.
     */
    public static Classifier train(Classifier.Kind kind, String dataset, Integer imageSize, long seed, Integer epochs,
            long maxSteps, int batchSize, float lr, Path out, NDManager manager, PrintStream log) {
        LabeledImages train = images(dataset, imageSize, Split.TRAIN, log);
        LabeledImages test = images(dataset, imageSize, Split.TEST, null);
        int e = epochs != null ? epochs : defaultEpochs(train.count());
        Engines.seed(seed);
        Classifier c = Classifier.create(kind, Math.max(train.numClasses(), test.numClasses()), train.channels(),
                train.rows(), train.cols(), manager);
        if (log != null) {
            log.printf("training %s classifier on %s (%d train / %d test images): %d epochs, batch %d, seed %d%n",
                    kind, dataset, train.count(), test.count(), e, batchSize, seed);
        }
        Classifier.TrainResult result = c.train(train, test, seed, e, maxSteps, batchSize, lr, manager, log);
        String command = String.format(Locale.ROOT, "gan4j classifier train --data %s%s --kind %s --seed %d --epochs %d"
                + " --batch-size %d --lr %s%s --out %s", dataset, imageSize != null ? " --image-size " + imageSize : "",
                kind, seed, e, batchSize, lr,
                maxSteps > 0 ? " --steps " + maxSteps : "", out);
        c.save(out, new Classifier.Info(kind.name(), dataset, c.classes(), c.rows(), c.cols(), seed, e,
                result.losses().length, batchSize, lr, result.testAccuracy(), null, command, c.channels()));
        if (log != null) {
            log.printf(Locale.ROOT, "test accuracy %.4f on %d images; wrote %s (sha256 %s)%n",
                    result.testAccuracy(), test.count(), out, c.info().sha256());
        }
        return c;
    }

    /**
     * The split's images of a data set: an image folder (its held-out share as the test split;
     * decoded at {@code imageSize}, default {@value ConfiguredData#DEFAULT_FOLDER_SIZE}) or an IDX set.
     */
    public static LabeledImages images(String dataset, Integer imageSize, Split split, PrintStream log) {
        TrainConfig c = new TrainConfig();
        c.set(Options.DATA, dataset);
        c.set(Options.IMAGE_SIZE, imageSize);
        if (!ConfiguredData.isFolder(c)) {
            return Datasets.load(dataset, split);
        }
        return ConfiguredData.load(c, split, log != null ? log : new PrintStream(java.io.OutputStream.nullOutputStream()));
    }

    /** The image size a run's classifier is keyed by: the folder's decoding size, none for IDX data. */
    public static Integer folderSize(TrainConfig run) {
        return ConfiguredData.isFolder(run) ? run.get(Options.IMAGE_SIZE) : null;
    }

    public static Path home() {
        String home = System.getProperty(FashionMnist.HOME_PROPERTY);
        return home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".gan4j");
    }

    /** The cache directory of the default classifier of a data set (a directory gets a name from its path's hash). */
    public static Path defaultDir(String dataset, Integer imageSize) {
        String name = Datasets.names().contains(dataset) ? dataset
                : "dir-" + Classifier.sha256(Path.of(dataset).toAbsolutePath().normalize().toString()
                        .getBytes(StandardCharsets.UTF_8)).substring(0, 12) + (imageSize != null ? "-" + imageSize : "");
        return home().resolve("classifiers").resolve(name + "-" + Classifier.RECIPE_VERSION);
    }

    /** The cached default classifier of {@code dataset}, trained with the recipe first if absent. */
    public static Classifier loadOrTrainDefault(String dataset, Integer imageSize, NDManager manager, PrintStream log) {
        Path dir = defaultDir(dataset, imageSize);
        if (!Files.isRegularFile(dir.resolve(Classifier.INFO))) {
            if (log != null) {
                log.println("no default classifier for " + dataset + " yet: training it once (recipe "
                        + Classifier.RECIPE_VERSION + ") and caching it in " + dir);
            }
            train(Classifier.Kind.cnn, dataset, imageSize, Classifier.DEFAULT_SEED, null, 0, Classifier.DEFAULT_BATCH,
                    Classifier.DEFAULT_LR, dir, manager, log);
        }
        return Classifier.load(dir, manager);
    }

    /** Loads {@code dir}, or the default classifier of {@code dataset} when {@code dir} is null. */
    public static Classifier resolve(Path dir, String dataset, Integer imageSize, NDManager manager, PrintStream log) {
        Classifier c = dir != null ? Classifier.load(dir, manager) : loadOrTrainDefault(dataset, imageSize, manager, log);
        if (c.info().dataset() != null && !sameData(c.info().dataset(), dataset)) {
            throw new Gan4jException("classifier " + (dir != null ? dir : defaultDir(dataset, imageSize)) + " was trained on '"
                    + c.info().dataset() + "' but the model on '" + dataset + "'");
        }
        return c;
    }

    private static boolean sameData(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (Datasets.names().contains(a) || Datasets.names().contains(b)) {
            return false;
        }
        return Path.of(a).toAbsolutePath().normalize().equals(Path.of(b).toAbsolutePath().normalize());
    }
}
