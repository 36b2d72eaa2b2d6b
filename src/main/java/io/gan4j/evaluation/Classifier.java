package io.gan4j.evaluation;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.gan4j.Gan4jException;
import io.gan4j.Engines;
import io.gan4j.data.LabeledImages;
import io.gan4j.io.AtomicFiles;
import io.gan4j.io.Json;
import io.gan4j.losses.Losses;
import io.gan4j.training.Adam;
import io.gan4j.training.Network;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The fixed image classifier the evaluation metrics are computed with (TF-GAN's answer to
 * Inception features on 28×28 digits), in two kinds:
 *
 * <ul>
 *   <li>{@code cnn}: LeNet-style, Conv(32, 5×5) → ReLU → MaxPool 2 → Conv(64, 5×5) → ReLU → MaxPool 2 →
 *       Linear(128) → ReLU (the penultimate <em>features</em>) → Dropout(0.3) → Linear(K) (the
 *       <em>logits</em>); softmax cross-entropy, Adam(1e-3); the images of small training sets
 *       (under 20k) randomly shifted by up to 2 pixels.
 *   <li>{@code mlp}: seed 002's sigmoid network, 784 → 200 sigmoid (features) → K sigmoid, no biases
 *       (so it can be run backwards, see {@link Backquery}), MSE against 0.01/0.99 targets, inputs
 *       rescaled to [0.01, 1] as the book does; trained with Adam(1e-3) instead of the book's SGD.
 * </ul>
 *
 * Both take images in the generators' range [-1, 1], shape [B, 1, H, W]. Saved as a directory
 * holding {@value #WEIGHTS} (DJL NDList) and {@value #INFO} (what it is, how it was trained, its test
 * accuracy and the weights' SHA-256, checked on load).
 */
public final class Classifier {

    public static final String WEIGHTS = "classifier.params";
    public static final String INFO = "classifier.json";
    /** Version of the default recipe; part of the cache directory name. */
    public static final String RECIPE_VERSION = "v2";
    public static final long DEFAULT_SEED = 1;
    public static final int DEFAULT_BATCH = 64;
    public static final float DEFAULT_LR = 1e-3f;
    private static final int FEATURES_CNN = 128;
    private static final int C1 = 32;
    private static final int C2 = 64;
    private static final int HIDDEN_MLP = 200;
    private static final int INFERENCE_BATCH = 500;
    /** Largest random translation (pixels, each axis) of the cnn recipe's training images. */
    private static final int SHIFT = 2;
    /**
     * Training sets smaller than this get the shifts: the 8k embedded digits need them, while the 60k
     * Fashion-MNIST images lose accuracy with them (docs/evaluation.md).
     */
    private static final int AUGMENT_BELOW = 20_000;

    public enum Kind { cnn, mlp }

    /**
     * What classifier.json holds.
     *
     * @param testAccuracy accuracy on the data set's test split, in [0, 1]
     * @param sha256       of the weights file
     * @param command      a command that retrains it
     */
    public record Info(String kind, String dataset, int classes, int rows, int cols, long seed, int epochs,
            long steps, int batchSize, float lr, double testAccuracy, String sha256, String command, Integer channels) {

        /** Image channels (files written before colour data sets have none: 1). */
        public int imageChannels() {
            return channels == null ? 1 : channels;
        }
    }

    private final Kind kind;
    private final Network network;
    private final Block body;
    private final Block head;
    private final int classes;
    private final int channels;
    private final int rows;
    private final int cols;
    private Info info;

    private Classifier(Kind kind, int classes, int channels, int rows, int cols, NDManager manager) {
        this.kind = kind;
        this.classes = classes;
        this.channels = channels;
        this.rows = rows;
        this.cols = cols;
        if (kind == Kind.cnn) {
            body = new SequentialBlock()
                    .add(conv(C1)).add(Activation.reluBlock()).add(pool())
                    .add(conv(C2)).add(Activation.reluBlock()).add(pool())
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(FEATURES_CNN).build()).add(Activation.reluBlock());
            head = new SequentialBlock().add(Dropout.builder().optRate(0.3f).build())
                    .add(Linear.builder().setUnits(classes).build());
        } else {
            body = new SequentialBlock().add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(HIDDEN_MLP).optBias(false).build()).add(Activation.sigmoidBlock());
            head = Linear.builder().setUnits(classes).optBias(false).build();
        }
        network = Network.create("classifier", new SequentialBlock().add(body).add(head), manager,
                new Shape(1, channels, rows, cols));
    }

    private static Block conv(int filters) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(5, 5)).build();
    }

    private static Block pool() {
        return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2), new Shape(0, 0));
    }

    /** A freshly initialised classifier of gray images (weights drawn from libtorch's generator: seed it first). */
    public static Classifier create(Kind kind, int classes, int rows, int cols, NDManager manager) {
        return create(kind, classes, 1, rows, cols, manager);
    }

    /** A freshly initialised classifier of images with {@code channels} channels. */
    public static Classifier create(Kind kind, int classes, int channels, int rows, int cols, NDManager manager) {
        if (classes < 2) {
            throw new Gan4jException("a classifier needs a labelled data set with at least 2 classes, got " + classes);
        }
        return new Classifier(kind, classes, channels, rows, cols, manager);
    }

    public Kind kind() {
        return kind;
    }

    public int classes() {
        return classes;
    }

    public int channels() {
        return channels;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** What it was trained on and how, once trained or loaded; null for a fresh one. */
    public Info info() {
        return info;
    }

    Network network() {
        return network;
    }

    /** (features, logits) of images in [-1, 1], [B, 1, H, W]. */
    public NDList forward(NDArray images, boolean training) {
        NDArray x = images;
        if (kind == Kind.mlp) {
            x = x.add(1f).mul(0.99f / 2f).add(0.01f); // the book's input scaling, [0.01, 1]
        }
        ParameterStore ps = new ParameterStore(x.getManager(), false);
        NDArray features = body.forward(ps, new NDList(x), training).singletonOrThrow();
        NDArray logits = head.forward(ps, new NDList(features), training).singletonOrThrow();
        return new NDList(features, logits);
    }

    /** The training loss of a batch: softmax cross-entropy (cnn) or the book's MSE on sigmoid outputs (mlp). */
    NDArray loss(NDArray images, NDArray labels) {
        NDArray logits = forward(images, true).get(1);
        if (kind == Kind.cnn) {
            return Losses.crossEntropy(logits, labels);
        }
        NDArray target = labels.oneHot(classes).mul(0.98f).add(0.01f);
        return Activation.sigmoid(logits).sub(target).square().mean();
    }

    /** Per-batch training losses and the resulting test accuracy. */
    public record TrainResult(float[] losses, double testAccuracy) {}

    /**
     * Trains with Adam for {@code epochs} epochs (or at most {@code maxSteps} steps when positive),
     * batches drawn from a permutation seeded by (seed, epoch), every step's dropout from (seed,
     * step). Prints one line per epoch to {@code log} (may be null).
     */
    public TrainResult train(LabeledImages train, LabeledImages test, long seed, int epochs, long maxSteps,
            int batchSize, float lr, NDManager manager, PrintStream log) {
        checkImages(train);
        if (batchSize <= 0 || batchSize > train.count()) {
            throw new Gan4jException("batch size " + batchSize + " impossible for " + train.count() + " images");
        }
        if (epochs <= 0) {
            throw new Gan4jException("--epochs must be positive, not " + epochs);
        }
        Adam adam = new Adam(network.trainableParameters(), manager, lr, 0.9f, 0.999f);
        int perEpoch = train.count() / batchSize;
        long total = (long) epochs * perEpoch;
        if (maxSteps > 0) {
            total = Math.min(total, maxSteps);
        }
        List<Float> losses = new ArrayList<>();
        float[] pixels = scaled(train.pixels());
        long[] allLabels = labels(train);
        int size = channels * rows * cols;
        boolean augment = kind == Kind.cnn && train.count() < AUGMENT_BELOW;
        long step = 0;
        for (int epoch = 0; step < total; epoch++) {
            long[] order = permutation(train.count(), seed * 1_000_003L + epoch);
            double sum = 0;
            int count = 0;
            long started = System.nanoTime();
            for (int b = 0; b < perEpoch && step < total; b++, step++) {
                float[] bx = new float[batchSize * size];
                long[] by = new long[batchSize];
                Random shifts = new Random(mix(seed, step));
                for (int i = 0; i < batchSize; i++) {
                    int src = (int) order[b * batchSize + i];
                    by[i] = allLabels[src];
                    if (augment) {
                        shift(pixels, src * size, bx, i * size, shifts.nextInt(2 * SHIFT + 1) - SHIFT,
                                shifts.nextInt(2 * SHIFT + 1) - SHIFT);
                    } else {
                        System.arraycopy(pixels, src * size, bx, i * size, size);
                    }
                }
                try (NDManager stepManager = manager.newSubManager(); NDScope scope = new NDScope()) {
                    Engines.seed(mix(seed, step));
                    NDArray loss;
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        loss = loss(stepManager.create(bx, new Shape(batchSize, channels, rows, cols)), stepManager.create(by));
                        collector.backward(loss);
                    }
                    adam.step();
                    float value = loss.getFloat();
                    if (!Float.isFinite(value)) {
                        throw new Gan4jException("classifier loss became " + value + " at step " + (step + 1));
                    }
                    losses.add(value);
                    sum += value;
                    count++;
                }
            }
            if (log != null) {
                log.printf("epoch %d: loss %.4f (%d steps, %.1f s)%n", epoch + 1, sum / count, count,
                        (System.nanoTime() - started) / 1e9);
            }
        }
        float[] l = new float[losses.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = losses.get(i);
        }
        return new TrainResult(l, test == null ? Double.NaN : accuracy(test, manager));
    }

    /** Fraction of {@code test} classified correctly (inference mode). */
    public double accuracy(LabeledImages test, NDManager manager) {
        checkImages(test);
        Outputs out = outputs(scaled(test.pixels()), test.count(), manager);
        int[] y = new int[test.count()];
        for (int i = 0; i < y.length; i++) {
            y[i] = test.label(i);
        }
        return out.accuracy(y);
    }

    /** Features, logits and softmax probabilities of N images, row by row. */
    public record Outputs(float[][] features, float[][] logits, float[][] probabilities) {

        public int[] predictions() {
            int[] p = new int[logits.length];
            for (int i = 0; i < p.length; i++) {
                int best = 0;
                for (int j = 1; j < logits[i].length; j++) {
                    if (logits[i][j] > logits[i][best]) {
                        best = j;
                    }
                }
                p[i] = best;
            }
            return p;
        }

        public double accuracy(int[] labels) {
            int[] p = predictions();
            int correct = 0;
            for (int i = 0; i < p.length; i++) {
                correct += p[i] == labels[i] ? 1 : 0;
            }
            return (double) correct / p.length;
        }

        /** The first {@code n} rows. */
        public Outputs head(int n) {
            return new Outputs(java.util.Arrays.copyOf(features, n), java.util.Arrays.copyOf(logits, n),
                    java.util.Arrays.copyOf(probabilities, n));
        }
    }

    /** Runs N images (values in [-1, 1], N·H·W of them) through the classifier in inference mode. */
    public Outputs outputs(float[] images, int n, NDManager manager) {
        if ((long) n * channels * rows * cols != images.length) {
            throw new IllegalArgumentException(images.length + " values are not " + n + " images of " + channels + "x" + rows
                    + "x" + cols);
        }
        float[][] features = new float[n][];
        float[][] logits = new float[n][];
        float[][] probs = new float[n][];
        int size = channels * rows * cols;
        for (int from = 0; from < n; from += INFERENCE_BATCH) {
            int count = Math.min(INFERENCE_BATCH, n - from);
            try (NDManager step = manager.newSubManager(); NDScope scope = new NDScope()) {
                NDArray x = step.create(java.util.Arrays.copyOfRange(images, from * size, (from + count) * size),
                        new Shape(count, channels, rows, cols));
                NDList out = forward(x, false);
                split(out.get(0), features, from);
                split(out.get(1), logits, from);
                split(out.get(1).softmax(-1), probs, from);
            }
        }
        return new Outputs(features, logits, probs);
    }

    private static void split(NDArray array, float[][] rows, int from) {
        int count = (int) array.getShape().get(0);
        float[] v = array.toFloatArray();
        int width = v.length / count;
        for (int i = 0; i < count; i++) {
            rows[from + i] = java.util.Arrays.copyOfRange(v, i * width, (i + 1) * width);
        }
    }

    /**
     * Copies one image translated by (dx, dy) pixels, the background (-1) filling what moves in:
     * the cnn recipe's augmentation for small training sets.
     */
    private void shift(float[] from, int fromOffset, float[] to, int toOffset, int dx, int dy) {
        for (int c = 0, plane = rows * cols; c < channels; c++) {
            for (int y = 0; y < rows; y++) {
                int sy = y - dy;
                for (int x = 0; x < cols; x++) {
                    int sx = x - dx;
                    to[toOffset + c * plane + y * cols + x] = sy >= 0 && sy < rows && sx >= 0 && sx < cols
                            ? from[fromOffset + c * plane + sy * cols + sx] : -1f;
                }
            }
        }
    }

    /** uint8 pixels → [-1, 1], as the GANs' real data (ImageBatches). */
    public static float[] scaled(byte[] pixels) {
        float[] v = new float[pixels.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (pixels[i] & 0xff) / 127.5f - 1f;
        }
        return v;
    }

    private static long[] labels(LabeledImages images) {
        long[] y = new long[images.count()];
        for (int i = 0; i < y.length; i++) {
            y[i] = images.label(i);
        }
        return y;
    }

    private void checkImages(LabeledImages images) {
        if (images.labels() == null) {
            throw new Gan4jException(images.source() + ": a classifier needs labelled images");
        }
        if (images.channels() != channels || images.rows() != rows || images.cols() != cols) {
            throw new Gan4jException(images.source() + ": images are " + images.channels() + "x" + images.rows() + "x"
                    + images.cols() + " but the classifier takes " + channels + "x" + rows + "x" + cols);
        }
        if (images.numClasses() > classes) {
            throw new Gan4jException(images.source() + ": has " + images.numClasses()
                    + " classes but the classifier has " + classes);
        }
    }

    static long[] permutation(int n, long seed) {
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** splitmix64 of (seed, i): independent per-step seeds. */
    static long mix(long seed, long i) {
        long z = seed * 0x9E3779B97F4A7C15L + i + 1;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Writes the weights, then classifier.json with their SHA-256 (each file atomically). */
    public void save(Path dir, Info trained) {
        byte[] weights = network.state().encode();
        String sha = sha256(weights);
        info = new Info(kind.name(), trained.dataset(), classes, rows, cols, trained.seed(), trained.epochs(),
                trained.steps(), trained.batchSize(), trained.lr(), trained.testAccuracy(), sha, trained.command(), channels);
        AtomicFiles.writeBytes(dir.resolve(WEIGHTS), weights);
        AtomicFiles.writeString(dir.resolve(INFO), Json.GSON.toJson(info));
    }

    /** Loads a saved classifier, checking its weights against the recorded SHA-256. */
    public static Classifier load(Path dir, NDManager manager) {
        Path infoFile = dir.resolve(INFO);
        Path weightsFile = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(infoFile)) {
            throw new Gan4jException("no classifier at " + dir + " (expected " + infoFile
                    + "; make one with 'gan4j classifier train')");
        }
        Info info = Json.read(infoFile, Info.class);
        if (!Files.isRegularFile(weightsFile)) {
            throw new Gan4jException("missing classifier weights " + weightsFile);
        }
        Kind kind;
        try {
            kind = Kind.valueOf(String.valueOf(info.kind()));
        } catch (IllegalArgumentException e) {
            throw new Gan4jException(infoFile + ": unknown classifier kind '" + info.kind() + "'");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(weightsFile);
        } catch (IOException e) {
            throw new Gan4jException("cannot read " + weightsFile + ": " + e.getMessage(), e);
        }
        String sha = sha256(bytes);
        if (info.sha256() != null && !info.sha256().equals(sha)) {
            throw new Gan4jException(weightsFile + ": SHA-256 " + sha + " does not match " + infoFile + " ("
                    + info.sha256() + ")");
        }
        Classifier c = create(kind, info.classes(), info.imageChannels(), info.rows(), info.cols(), manager);
        try (NDManager scratch = manager.newSubManager(); InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            c.network.loadState(NDList.decode(scratch, in), weightsFile.toString());
        } catch (IOException | RuntimeException e) {
            if (e instanceof Gan4jException g) {
                throw g;
            }
            throw new Gan4jException(weightsFile + ": not a readable parameter file (" + e.getMessage() + ")", e);
        }
        c.info = new Info(info.kind(), info.dataset(), info.classes(), info.rows(), info.cols(), info.seed(),
                info.epochs(), info.steps(), info.batchSize(), info.lr(), info.testAccuracy(), sha, info.command(),
                info.channels());
        return c;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
