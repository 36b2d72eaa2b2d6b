package io.gan4j.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.gan4j.Gan4jException;
import io.gan4j.Engines;
import io.gan4j.data.Datasets;
import io.gan4j.data.LabeledImages;
import io.gan4j.data.Split;
import io.gan4j.io.AtomicFiles;
import io.gan4j.io.Json;
import io.gan4j.models.Gan;
import io.gan4j.models.LearnedCodes;
import io.gan4j.models.Models;
import io.gan4j.options.Options;
import io.gan4j.training.TrainConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers of {@code gan4j eval}: N samples of a generator, run through a fixed classifier,
 * compared with the data set's real test images.
 *
 * <ul>
 *   <li>{@code fd}: Fréchet distance of the penultimate features (FID with the classifier in place of Inception);
 *   <li>{@code fd_logits}: the same on the logits (TF-GAN's MNIST "frechet classifier distance");
 *   <li>{@code score}: the Inception-Score analogue, exp E KL(p(y|x) ‖ p(y)) (1 … number of classes),
 *       mean over 10 splits when N ≥ 1000;
 *   <li>{@code precision}/{@code recall}: k-NN manifold estimates (k = 3) on the features;
 *   <li>{@code class_shares}, {@code max_share}, {@code classes_covered}: how the samples spread over the
 *       classifier's classes (coverage); a class is covered with a share of at least 1%, so that a few
 *       stray samples of noise do not count as a mode;
 *   <li>for conditional models {@code cond_acc}: how often the classifier finds the class asked for, and per class;
 *   <li>for models whose labels are learned codes (InfoGAN) {@code code_acc} instead: the code as an
 *       unsupervised classifier, scored under the best matching of code values to classes;
 *   <li>{@code real_vs_real}: the same numbers for min(N, train size) real training images vs the
 *       test set, the floor a perfect generator would reach with this N.
 * </ul>
 */
public final class GanEvaluation {

    /** Samples per generator call. */
    public static final int BATCH = 500;
    /** The share of the samples from which a class counts as covered. */
    public static final double COVERED_SHARE = 0.01;
    /** Samples of the evaluation run during training ({@code --eval-every}). */
    public static final int TRAINING_SAMPLES = 1000;

    private GanEvaluation() {}

    /** Generated images scaled to [-1, 1] (N·C·H·W values) and the labels they were asked for (null if unconditional). */
    public record Samples(float[] images, int[] labels, int n) {}

    /** Fails with one line unless {@code config}'s model generates images. */
    public static void requireImageModel(TrainConfig config) {
        if (!Models.get(config.model).usesImages()) {
            throw new Gan4jException("model '" + config.model + "' does not generate images: only image models"
                    + " (" + String.join(", ", Models.all().values().stream().filter(s -> s.usesImages())
                    .map(s -> s.name()).toList()) + ") can be evaluated");
        }
    }

    /**
     * N samples in inference mode, noise drawn from libtorch's generator seeded with {@code seed};
     * a conditional model's labels cycle 0..K-1.
     */
    public static Samples generate(Gan gan, int n, long seed, NDManager manager) {
        int classes = gan.numClasses();
        int per = (int) gan.sampleShape().size();
        float lo = gan.outputLow();
        float span = gan.outputHigh() - lo;
        float[] images = new float[n * per];
        int[] labels = classes > 0 ? new int[n] : null;
        Engines.seed(seed);
        for (int from = 0; from < n; from += BATCH) {
            int count = Math.min(BATCH, n - from);
            long[] y = new long[count];
            for (int i = 0; i < count; i++) {
                y[i] = classes > 0 ? (from + i) % classes : 0;
                if (labels != null) {
                    labels[from + i] = (int) y[i];
                }
            }
            try (NDManager step = manager.newSubManager(); NDScope scope = new NDScope()) {
                NDArray x = gan.generate(gan.noise(step, count), step.create(y), false);
                float[] v = x.toFloatArray();
                for (int i = 0; i < v.length; i++) {
                    images[from * per + i] = (v[i] - lo) / span * 2f - 1f; // the output range → [-1, 1]
                }
            }
        }
        return new Samples(images, labels, n);
    }

    /**
     * Every metric for {@code n} samples of {@code gan} (trained on {@code config.data}) with
     * {@code classifier}; keys in the order they are reported.
     */
    public static Map<String, Object> evaluate(Gan gan, TrainConfig config, Classifier classifier, int n, long seed,
            NDManager manager) {
        requireImageModel(config);
        if (n < 10) {
            throw new Gan4jException("--n must be at least 10, not " + n);
        }
        if (gan.sampleShape().get(0) != classifier.channels() || gan.sampleShape().get(1) != classifier.rows()
                || gan.sampleShape().get(2) != classifier.cols()) {
            throw new Gan4jException("the generator makes " + gan.sampleShape() + " images but the classifier takes "
                    + classifier.channels() + "x" + classifier.rows() + "x" + classifier.cols());
        }
        long started = System.nanoTime();
        Samples samples = generate(gan, n, seed, manager);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", config.model);
        r.putAll(score(samples, gan.numClasses(), gan instanceof LearnedCodes, config.get(Options.DATA), Classifiers.folderSize(config),
                classifier, seed, manager));
        r.put("time_s", Math.round((System.nanoTime() - started) / 1e6) / 1e3);
        return r;
    }

    /**
     * Every metric for images made elsewhere (another tool's samples, say), scored like a
     * generator's: {@code images} are N·C·H·W values in [-1, 1], the classifier's size, without labels.
     */
    public static Map<String, Object> evaluateImages(float[] images, int n, String data, Integer imageSize,
            Classifier classifier, NDManager manager) {
        if (n < 10) {
            throw new Gan4jException("at least 10 images are needed, not " + n);
        }
        long started = System.nanoTime();
        Map<String, Object> r = score(new Samples(images, null, n), 0, false, data, imageSize, classifier, 0, manager);
        r.put("time_s", Math.round((System.nanoTime() - started) / 1e6) / 1e3);
        return r;
    }

    /**
     * The metrics of {@code samples} against {@code data}'s test images, and the real-vs-real floor
     * (a train subset chosen by {@code seed}); samples labelled with one of {@code labelValues}
     * values add cond_acc, or code_acc when the labels are a learned code.
     */
    private static Map<String, Object> score(Samples samples, int labelValues, boolean learnedCodes, String data, Integer imageSize,
            Classifier classifier, long seed, NDManager manager) {
        int n = samples.n();
        LabeledImages test = Classifiers.images(data, imageSize, Split.TEST, null);
        LabeledImages train = Classifiers.images(data, imageSize, Split.TRAIN, null);
        Classifier.Outputs real = outputs(classifier, test, manager);
        int nReal = Math.min(n, train.count());
        long[] order = Classifier.permutation(train.count(), seed);
        int[] pick = new int[nReal];
        for (int i = 0; i < nReal; i++) {
            pick[i] = (int) order[i];
        }
        Classifier.Outputs trainOut = outputs(classifier, train.subset(pick), manager);
        Classifier.Outputs fake = classifier.outputs(samples.images(), n, manager);

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("dataset", data);
        r.put("n", n);
        r.put("n_test", test.count());
        r.put("seed", seed);
        r.put("classifier_sha256", classifier.info() != null ? classifier.info().sha256() : null);
        r.put("classifier_kind", classifier.kind().name());
        r.put("classifier_test_accuracy", classifier.info() != null ? classifier.info().testAccuracy() : null);
        r.putAll(metrics(fake, real));
        if (samples.labels() != null && learnedCodes) {
            r.putAll(codeAccuracy(fake.predictions(), samples.labels(), labelValues, classifier.classes()));
        } else if (samples.labels() != null) {
            r.putAll(conditionalAccuracy(fake.predictions(), samples.labels(), labelValues));
        }
        Map<String, Object> floor = new LinkedHashMap<>();
        floor.put("n", nReal);
        floor.putAll(metrics(trainOut, real));
        floor.put("classifier_acc", trainOut.accuracy(labelsOf(train, pick)));
        r.put("real_vs_real", floor);
        return r;
    }

    /** cond_acc: how often the classifier finds the class asked for, overall and per class. */
    private static Map<String, Object> conditionalAccuracy(int[] predicted, int[] wanted, int classes) {
        int[] hits = new int[classes];
        int[] counts = new int[classes];
        int correct = 0;
        for (int i = 0; i < wanted.length; i++) {
            counts[wanted[i]]++;
            if (predicted[i] == wanted[i]) {
                hits[wanted[i]]++;
                correct++;
            }
        }
        double[] perClass = new double[classes];
        for (int k = 0; k < classes; k++) {
            perClass[k] = counts[k] == 0 ? Double.NaN : (double) hits[k] / counts[k];
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cond_acc", (double) correct / wanted.length);
        m.put("cond_acc_per_class", perClass);
        return m;
    }

    /**
     * A learned code used as an unsupervised classifier: {@code code_to_class}, the best
     * one-to-one matching of code values to classes (Hungarian, on the code × predicted-class
     * counts); {@code code_acc}, the share of samples whose classifier class is the one matched to
     * their code value; and that share per code value. Needs as many code values as classes.
     */
    static Map<String, Object> codeAccuracy(int[] predicted, int[] codes, int codeValues, int classes) {
        if (codeValues != classes) {
            throw new Gan4jException("the code has " + codeValues + " values but the classifier " + classes
                    + " classes: code accuracy needs a one-to-one matching");
        }
        double[][] counts = new double[classes][classes];
        int[] perCode = new int[classes];
        for (int i = 0; i < codes.length; i++) {
            counts[codes[i]][predicted[i]]++;
            perCode[codes[i]]++;
        }
        int[] classOf = Hungarian.maximumMatching(counts);
        double matched = 0;
        double[] accuracy = new double[classes];
        for (int c = 0; c < classes; c++) {
            matched += counts[c][classOf[c]];
            accuracy[c] = perCode[c] == 0 ? Double.NaN : counts[c][classOf[c]] / perCode[c];
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code_acc", matched / codes.length);
        m.put("code_acc_per_code", accuracy);
        m.put("code_to_class", classOf);
        return m;
    }

    /** fd, fd_logits, score (+ std, splits), precision, recall of {@code sample} against {@code real}. */
    static Map<String, Object> metrics(Classifier.Outputs sample, Classifier.Outputs real) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fd", FrechetDistance.distance(FrechetDistance.fit(sample.features()), FrechetDistance.fit(real.features())));
        m.put("fd_logits", FrechetDistance.distance(FrechetDistance.fit(sample.logits()), FrechetDistance.fit(real.logits())));
        int splits = sample.probabilities().length >= 1000 ? 10 : 1;
        ClassifierScore.Result score = ClassifierScore.score(sample.probabilities(), splits);
        m.put("score", score.mean());
        m.put("score_std", score.std());
        m.put("score_splits", splits);
        PrecisionRecall.Result pr = PrecisionRecall.compute(real.features(), sample.features());
        m.put("precision", pr.precision());
        m.put("recall", pr.recall());
        // Coverage: the classifier's class shares (the dcgan and wgan-gp targets: every class, none above 20%).
        double[] shares = new double[sample.probabilities()[0].length];
        for (int k : sample.predictions()) {
            shares[k] += 1.0 / sample.probabilities().length;
        }
        m.put("max_share", Arrays.stream(shares).max().orElseThrow());
        m.put("classes_covered", (int) Arrays.stream(shares).filter(share -> share >= COVERED_SHARE).count());
        m.put("class_shares", shares);
        return m;
    }

    private static Classifier.Outputs outputs(Classifier classifier, LabeledImages images, NDManager manager) {
        return classifier.outputs(Classifier.scaled(images.pixels()), images.count(), manager);
    }

    private static int[] labelsOf(LabeledImages images, int[] pick) {
        int[] y = new int[pick.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = images.label(pick[i]);
        }
        return y;
    }

    /**
     * The {@code --eval-every} hook of training: evaluates {@value #TRAINING_SAMPLES} samples with the
     * data set's cached default classifier (trained first if absent) and appends
     * {@code {"step": S, "eval": {...}}} to {@code metrics}.
     */
    public static void appendToMetrics(Gan gan, TrainConfig config, long step, Path metrics, NDManager manager,
            PrintStream console) {
        try (NDManager scratch = manager.newSubManager()) {
            Classifier classifier = Classifiers.resolve(null, config.get(Options.DATA), Classifiers.folderSize(config), scratch, console);
            Map<String, Object> result = evaluate(gan, config, classifier, TRAINING_SAMPLES, config.get(Options.SEED), scratch);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("step", step);
            line.put("eval", result);
            AtomicFiles.appendLine(metrics, Json.LINE.toJson(line));
        }
    }

    /** Keys a report always has (conditional models add cond_acc and cond_acc_per_class). */
    public static final List<String> KEYS = List.of("fd", "fd_logits", "score", "precision", "recall", "real_vs_real",
            "n", "seed", "classifier_sha256");
}
