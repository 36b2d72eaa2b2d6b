package io.gan4j.cli;

import ai.djl.ndarray.NDManager;
import io.gan4j.Gan4jException;
import io.gan4j.Engines;
import io.gan4j.UsageException;
import io.gan4j.data.ImageDecoder;
import io.gan4j.data.ImageFolder;
import io.gan4j.data.LabeledImages;
import io.gan4j.data.Split;
import io.gan4j.evaluation.Classifier;
import io.gan4j.evaluation.Classifiers;
import io.gan4j.evaluation.GanEvaluation;
import io.gan4j.evaluation.TranslationEvaluation;
import io.gan4j.io.Json;
import io.gan4j.evaluation.DiscriminatorAccuracy;
import io.gan4j.models.Gan;
import io.gan4j.models.ImageClassifying;
import io.gan4j.models.Models;
import io.gan4j.models.Translator;
import io.gan4j.options.Options;
import io.gan4j.training.Checkpoint;
import io.gan4j.training.ConfiguredData;
import io.gan4j.training.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a generator with a fixed classifier: fd (Frechet distance of its penultimate features),"
                + " fd_logits, score (Inception-score analogue), precision/recall (k=3), cond_acc for conditional"
                + " models (code_acc for InfoGAN's code, under the best code-to-class matching), and the real-vs-real floor (train subset vs test set) of each.",
            "For a translation model (pix2pix): L1, PSNR and SSIM of its outputs on every test pair, next to the"
                + " input-as-output baseline (--classifier, --n and --seed do not apply).",
            "With --images DIR --data DATA: the same numbers for a folder of images made elsewhere (another"
                + " tool's samples), against DATA's test images."})
final class EvalCommand implements Runnable {

    @Option(names = "--checkpoint", arity = "1..*", description = "A run directory or one of its checkpoints;"
            + " several (e.g. the runs of train --seeds): each one's metrics, then their mean and standard deviation"
            + " (required unless --images is given).")
    List<Path> checkpoints;

    @Option(names = "--images", description = "A folder of generated images to score instead of a checkpoint"
            + " (every image file in it; decoded at the classifier's size and channels; needs --data; default: none).")
    Path images;

    @Option(names = "--data", description = "With --images: the data set they imitate (a name, an IDX directory or an"
            + " image folder), whose test images and classifier are used (required with --images).")
    String data;

    @Option(names = "--image-size", paramLabel = "<pixels>", description = "With --images and an image-folder --data:"
            + " the size that folder is decoded at (default: " + ConfiguredData.DEFAULT_FOLDER_SIZE + ").")
    Integer imageSize;

    @Option(names = "--classifier", description = "Classifier directory (default: the data set's cached one,"
            + " trained once with the fixed recipe into ~/.gan4j/classifiers/<dataset>-v2).")
    Path classifier;

    @Option(names = "--n", defaultValue = "10000", description = "Number of generated samples (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", defaultValue = "0", description = "Noise seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Mixin
    EngineOptions engine;

    /** Numbers of a report that describe the evaluation, not the generator. */
    private static final java.util.Set<String> NOT_METRICS = java.util.Set.of("step", "time_s", "n", "n_test", "seed", "score_splits",
            "classifier_test_accuracy");

    @Override
    public void run() {
        if (n < 10) {
            throw new Gan4jException("--n must be at least 10, not " + n);
        }
        if ((checkpoints == null) == (images == null)) {
            throw new UsageException("give --checkpoint, or --images with --data");
        }
        if (images != null && data == null) {
            throw new UsageException("--images needs --data: the data set the images are compared with");
        }
        // One thread unless told: see ClassifierCommand.
        Engines.configure(engine.threads(1));
        if (images != null) {
            Map<String, Object> report = evaluateImages();
            System.out.println(json ? Json.GSON.toJson(report) : table(report));
            return;
        }
        List<Map<String, Object>> reports = new ArrayList<>();
        for (Path checkpoint : checkpoints) {
            Map<String, Object> report = evaluate(Checkpoint.resolve(checkpoint));
            reports.add(report);
            boolean translation = !report.containsKey("classifier");
            System.out.println(json ? Json.GSON.toJson(report) : translation ? TranslationEvaluation.table(report) : table(report));
        }
        if (reports.size() > 1) {
            Map<String, double[]> summary = summary(reports);
            System.out.println(json ? Json.GSON.toJson(summary) : summaryTable(summary, reports.size()));
        }
    }

    private Map<String, Object> evaluate(Path dir) {
        TrainConfig config = Checkpoint.config(dir);
        Map<String, Object> report = new LinkedHashMap<>();
        try (NDManager manager = Engines.newManager(engine.deviceOrCpu())) {
            Gan gan = Models.create(config, manager);
            boolean translation = gan instanceof Translator;
            if (!translation) {
                GanEvaluation.requireImageModel(config);
            }
            Classifier c = translation ? null
                    : Classifiers.resolve(classifier, config.get(Options.DATA), Classifiers.folderSize(config), manager, json ? System.err : System.out);
            long step = Checkpoint.loadForSampling(dir, gan, manager);
            report.put("checkpoint", dir.toString());
            report.put("step", step);
            if (translation) {
                report.put("model", config.model);
                report.putAll(TranslationEvaluation.evaluate(gan, manager));
            } else {
                report.put("classifier", (classifier != null ? classifier
                        : Classifiers.defaultDir(config.get(Options.DATA), Classifiers.folderSize(config))).toString());
                report.putAll(GanEvaluation.evaluate(gan, config, c, n, seed, manager));
            }
            if (gan instanceof ImageClassifying classifying) {
                LabeledImages test = Classifiers.images(config.get(Options.DATA), Classifiers.folderSize(config), Split.TEST, null);
                report.put("d_test_accuracy", DiscriminatorAccuracy.accuracy(
                        DiscriminatorAccuracy.predict(classifying, test, config.imageShape, manager), test));
            }
        }
        return report;
    }

    private Map<String, Object> evaluateImages() {
        Integer size = !ConfiguredData.isFolder(data) ? null : imageSize != null ? imageSize : ConfiguredData.DEFAULT_FOLDER_SIZE;
        Map<String, Object> report = new LinkedHashMap<>();
        try (NDManager manager = Engines.newManager(engine.deviceOrCpu())) {
            Classifier c = Classifiers.resolve(classifier, data, size, manager, json ? System.err : System.out);
            LabeledImages made = ImageFolder.load(images, Split.TRAIN, new ImageFolder.Options(c.rows(), c.channels(),
                    ImageDecoder.Background.WHITE, 0), json ? System.err : System.out);
            if (made.rows() != c.rows() || made.cols() != c.cols()) {
                throw new Gan4jException(images + ": images are " + made.rows() + "x" + made.cols() + " but the classifier takes "
                        + c.rows() + "x" + c.cols());
            }
            report.put("images", images.toString());
            report.put("classifier", (classifier != null ? classifier : Classifiers.defaultDir(data, size)).toString());
            report.putAll(GanEvaluation.evaluateImages(Classifier.scaled(made.pixels()), made.count(), data, size, c, manager));
        }
        return report;
    }

    /**
     * For every number all the reports have (top level; counts, seeds and timing excluded): {mean, sample
     * standard deviation (n − 1; 0 for one run), then each run's value}.
     */
    static Map<String, double[]> summary(List<Map<String, Object>> reports) {
        Map<String, double[]> summary = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : reports.get(0).entrySet()) {
            String key = entry.getKey();
            if (!(entry.getValue() instanceof Number) || NOT_METRICS.contains(key)
                    || !reports.stream().allMatch(r -> r.get(key) instanceof Number)) {
                continue;
            }
            double[] values = reports.stream().mapToDouble(r -> ((Number) r.get(key)).doubleValue()).toArray();
            double mean = Arrays.stream(values).average().orElseThrow();
            double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
            double std = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0;
            double[] row = new double[values.length + 2];
            row[0] = mean;
            row[1] = std;
            System.arraycopy(values, 0, row, 2, values.length);
            summary.put(key, row);
        }
        return summary;
    }

    static String summaryTable(Map<String, double[]> summary, int runs) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "over %d runs: mean ± standard deviation (n − 1), then each run's%n", runs));
        summary.forEach((key, row) -> {
            s.append(String.format(Locale.ROOT, "%-16s %10.4f ± %-8.4f", key, row[0], row[1]));
            for (int i = 2; i < row.length; i++) {
                s.append(String.format(Locale.ROOT, " %10.4f", row[i]));
            }
            s.append('\n');
        });
        return s.toString().stripTrailing();
    }

    @SuppressWarnings("unchecked")
    static String table(Map<String, Object> r) {
        Map<String, Object> floor = (Map<String, Object>) r.get("real_vs_real");
        StringBuilder s = new StringBuilder();
        s.append(r.containsKey("images") ? String.format(Locale.ROOT, "%s: %s images%n", r.get("images"), r.get("n"))
                : String.format(Locale.ROOT, "%s at step %s (%s), %s samples, seed %s%n", r.get("model"), r.get("step"),
                        r.get("checkpoint"), r.get("n"), r.get("seed")));
        s.append(String.format(Locale.ROOT, "classifier %s (%s, test accuracy %.4f, sha256 %s)%n", r.get("classifier"),
                r.get("classifier_kind"), (Double) r.get("classifier_test_accuracy"), r.get("classifier_sha256")));
        s.append(String.format(Locale.ROOT, "%-12s %12s %16s%n", "metric", "generated",
                "real vs real (" + floor.get("n") + ")"));
        for (String key : new String[] {"fd", "fd_logits", "score", "precision", "recall", "max_share"}) {
            s.append(String.format(Locale.ROOT, "%-12s %12.4f %16.4f%n", key, (Double) r.get(key), (Double) floor.get(key)));
        }
        StringBuilder shares = new StringBuilder("class shares");
        for (double share : (double[]) r.get("class_shares")) {
            shares.append(String.format(Locale.ROOT, " %.3f", share));
        }
        s.append(shares).append('\n');
        s.append(String.format(Locale.ROOT, "classes covered %s of %d (a share of at least 1%%)%n", r.get("classes_covered"),
                ((double[]) r.get("class_shares")).length));
        if (r.containsKey("cond_acc")) {
            s.append(String.format(Locale.ROOT, "%-12s %12.4f %16.4f%n", "cond_acc", (Double) r.get("cond_acc"),
                    (Double) floor.get("classifier_acc")));
            double[] per = (double[]) r.get("cond_acc_per_class");
            StringBuilder line = new StringBuilder("per class   ");
            for (int k = 0; k < per.length; k++) {
                line.append(String.format(Locale.ROOT, " %d:%.3f", k, per[k]));
            }
            s.append(line).append('\n');
        }
        if (r.containsKey("d_test_accuracy")) {
            s.append(String.format(Locale.ROOT, "%-12s %12.4f   (the discriminator as a classifier, on the %s test images)%n",
                    "d_test_acc", (Double) r.get("d_test_accuracy"), r.get("n_test")));
        }
        if (r.containsKey("code_acc")) {
            int[] classOf = (int[]) r.get("code_to_class");
            double[] per = (double[]) r.get("code_acc_per_code");
            s.append(String.format(Locale.ROOT, "%-12s %12.4f%n", "code_acc", (Double) r.get("code_acc")));
            StringBuilder line = new StringBuilder("per code    ");
            for (int c = 0; c < per.length; c++) {
                line.append(String.format(Locale.ROOT, " %d->%d:%.3f", c, classOf[c], per[c]));
            }
            s.append(line).append('\n');
        }
        s.append(String.format(Locale.ROOT, "(score: mean of %s splits; real vs real: %s train images vs the %s test images;"
                + " %.1f s)", r.get("score_splits"), floor.get("n"), r.get("n_test"), (Double) r.get("time_s")));
        return s.toString();
    }
}
