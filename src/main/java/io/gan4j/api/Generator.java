package io.gan4j.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gan4j.Gan4jException;
import io.gan4j.Engines;
import io.gan4j.data.Pixels;
import io.gan4j.models.Gan;
import io.gan4j.models.Models;
import io.gan4j.options.Options;
import io.gan4j.training.Checkpoint;
import io.gan4j.training.TrainConfig;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained generator loaded from a run directory or a checkpoint, for sampling. It holds the
 * network's weights in native memory: close it (try-with-resources) when done. Samples come
 * from the generator's weight average when the run kept one, in inference mode; the same seed
 * gives the same samples.
 */
public final class Generator implements AutoCloseable {

    private final NDManager manager;
    private final Gan gan;
    private final TrainConfig config;

    private Generator(NDManager manager, Gan gan, TrainConfig config) {
        this.manager = manager;
        this.gan = gan;
        this.config = config;
    }

    /** Loads the generator of a run directory (its latest checkpoint) or of a checkpoint directory, on the CPU. */
    public static Generator load(Path runOrCheckpoint) {
        Path dir = Checkpoint.resolve(runOrCheckpoint);
        TrainConfig config = Checkpoint.config(dir);
        Engines.configure(config.get(Options.THREADS, 0));
        NDManager manager = Engines.newManager("cpu");
        try {
            Gan gan = Models.create(config, manager);
            Checkpoint.loadForSampling(dir, gan, manager);
            return new Generator(manager, gan, config);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The registered model name, e.g. {@code "acgan"}. */
    public String model() {
        return config.model;
    }

    /** Classes the generator is conditioned on; 0 for an unconditional one (labels are then ignored). */
    public int numClasses() {
        return gan.numClasses();
    }

    /** Shape [C, H, W] of one sample. */
    public Shape sampleShape() {
        return gan.sampleShape();
    }

    /** One generated image and the class it was asked for (0 for an unconditional model). */
    public record Sample(BufferedImage image, int label) {}

    /** Generated images and their labels as arrays: images [N, C, H, W] with values in [0, 1], labels [N] (int64). */
    public record Arrays(NDArray images, NDArray labels) {}

    /** {@code n} samples; a conditional model's cycle through its classes (0, 1, …). */
    public List<Sample> sample(int n, long seed) {
        return images(n, cyclingLabels(n), seed);
    }

    /** {@code n} samples of class {@code label}. */
    public List<Sample> sample(int n, int label, long seed) {
        return images(n, sameLabel(n, label), seed);
    }

    /**
     * {@code n} samples of class {@code label} (-1: cycling through the classes) as arrays in
     * {@code manager}, which owns (and frees) them.
     */
    public Arrays sampleArrays(NDManager manager, int n, int label, long seed) {
        long[] labels = label < 0 ? cyclingLabels(n) : sameLabel(n, label);
        try (NDManager scratch = this.manager.newSubManager()) {
            NDArray images = generate(scratch, labels, seed);
            NDArray unit = images.sub(gan.outputLow()).div(gan.outputHigh() - gan.outputLow());
            NDList kept = new NDList(unit, scratch.create(labels));
            kept.attach(manager);
            return new Arrays(kept.get(0), kept.get(1));
        }
    }

    private List<Sample> images(int n, long[] labels, long seed) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray images = generate(scratch, labels, seed);
            byte[] bytes = Pixels.toBytes(images.toFloatArray(), gan.outputLow(), gan.outputHigh());
            Shape s = gan.sampleShape();
            int c = (int) s.get(0);
            int h = (int) s.get(1);
            int w = (int) s.get(2);
            List<Sample> samples = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                samples.add(new Sample(toImage(bytes, i * c * h * w, c, h, w), (int) labels[i]));
            }
            return samples;
        }
    }

    private NDArray generate(NDManager scratch, long[] labels, long seed) {
        Engines.seed(seed);
        return gan.generate(gan.noise(scratch, labels.length), scratch.create(labels), false);
    }

    /** A grayscale image (C = 1) or an RGB one (C = 3) from channel-first bytes. */
    private static BufferedImage toImage(byte[] bytes, int offset, int c, int h, int w) {
        BufferedImage image = new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = offset + y * w + x;
                if (c == 1) {
                    image.getRaster().setSample(x, y, 0, bytes[p] & 0xFF);
                } else {
                    int r = bytes[p] & 0xFF;
                    int g = bytes[p + h * w] & 0xFF;
                    int b = bytes[p + 2 * h * w] & 0xFF;
                    image.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return image;
    }

    private long[] cyclingLabels(int n) {
        requirePositive(n);
        long[] labels = new long[n];
        int classes = gan.numClasses();
        for (int i = 0; i < n; i++) {
            labels[i] = classes > 0 ? i % classes : 0;
        }
        return labels;
    }

    private long[] sameLabel(int n, int label) {
        requirePositive(n);
        int classes = gan.numClasses();
        if (classes == 0 || label < 0 || label >= classes) {
            throw new Gan4jException(classes == 0 ? config.model + " is not conditional: it takes no label"
                    : "label must be in 0.." + (classes - 1) + ", not " + label);
        }
        long[] labels = new long[n];
        java.util.Arrays.fill(labels, label);
        return labels;
    }

    private static void requirePositive(int n) {
        if (n <= 0) {
            throw new Gan4jException("the number of samples must be positive, not " + n);
        }
    }

    /** Frees the generator's native memory. */
    @Override
    public void close() {
        manager.close();
    }
}
