package io.gan4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.gan4j.Gan4jException;
import io.gan4j.Runtime;
import io.gan4j.data.Idx;
import io.gan4j.io.AtomicFiles;
import io.gan4j.io.ImageGrid;
import io.gan4j.models.Gan;
import io.gan4j.models.Models;
import io.gan4j.training.Checkpoint;
import io.gan4j.training.SampleGrids;
import io.gan4j.training.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.StringJoiner;

@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate samples from a saved generator.")
final class SampleCommand implements Runnable {

    enum Format { png, idx, csv }

    @Option(names = "--checkpoint", required = true, description = "A run directory or one of its checkpoints.")
    Path checkpoint;

    @Option(names = "--n", defaultValue = "64", description = "Number of samples (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--label", description = "Class of every sample (conditional models; InfoGAN: its categorical code value); default: equal numbers of each.")
    Integer label;

    @Option(names = "--seed", defaultValue = "0", description = "Noise seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", required = true, description = "png (a grid), idx (a directory of IDX files, uint8) or csv (one sample a line).")
    Format format;

    @Option(names = "--out", required = true, description = "Output file (png, csv) or directory (idx).")
    Path out;

    @Mixin
    EngineOptions engine;

    @Override
    public void run() {
        if (n <= 0) {
            throw new Gan4jException("--n must be positive, not " + n);
        }
        engine.apply();
        Path dir = Checkpoint.resolve(checkpoint);
        TrainConfig config = Checkpoint.config(dir);
        try (NDManager manager = Runtime.newManager(engine.deviceOrCpu())) {
            Gan gan = Models.create(config, manager);
            Checkpoint.loadForSampling(dir, gan, manager);
            int classes = gan.numClasses();
            if (label != null && (classes == 0 || label < 0 || label >= classes)) {
                throw new Gan4jException(classes == 0 ? "--label given but " + config.model + " is not conditional"
                        : "--label must be in 0.." + (classes - 1) + ", not " + label);
            }
            long[] labels = new long[n];
            for (int i = 0; i < n; i++) {
                labels[i] = label != null ? label : classes > 0 ? i % classes : 0;
            }
            Runtime.seed(seed);
            NDArray samples = gan.generate(gan.noise(manager, n), manager.create(labels), false);
            switch (format) {
                case png -> ImageGrid.writePng(SampleGrids.image(gan, samples, classes > 0 ? classes : (int) Math.ceil(Math.sqrt(n))), out);
                case csv -> AtomicFiles.writeString(out, csv(samples));
                case idx -> writeIdx(gan, samples, classes > 0 ? labels : null);
            }
        }
        System.out.println("wrote " + n + " samples to " + out);
    }

    private static String csv(NDArray samples) {
        float[] v = samples.toFloatArray();
        int per = (int) (v.length / samples.getShape().get(0));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < v.length; i += per) {
            StringJoiner line = new StringJoiner(",");
            for (int j = 0; j < per; j++) {
                line.add(String.format(Locale.ROOT, "%.6f", v[i + j]));
            }
            text.append(line).append('\n');
        }
        return text.toString();
    }

    /** images-idx3-ubyte (+ labels-idx1-ubyte for conditional models), uint8 0–255 from the output range. */
    private void writeIdx(Gan gan, NDArray samples, long[] labels) {
        float[] v = samples.toFloatArray();
        float lo = gan.outputLow();
        float span = gan.outputHigh() - lo;
        byte[] pixels = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            pixels[i] = (byte) Math.round(Math.min(1f, Math.max(0f, (v[i] - lo) / span)) * 255f);
        }
        int rows = (int) gan.sampleShape().get(1);
        int cols = (int) gan.sampleShape().get(2);
        AtomicFiles.write(out.resolve("images-idx3-ubyte"), tmp -> Idx.writeImages(tmp, pixels, n, rows, cols));
        if (labels != null) {
            byte[] y = new byte[n];
            for (int i = 0; i < n; i++) {
                y[i] = (byte) labels[i];
            }
            AtomicFiles.write(out.resolve("labels-idx1-ubyte"), tmp -> Idx.writeLabels(tmp, y));
        }
    }
}
