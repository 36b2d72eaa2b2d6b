package io.gan4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gan4j.Gan4jException;
import io.gan4j.Engines;
import io.gan4j.data.Idx;
import io.gan4j.data.PairedImages;
import io.gan4j.data.Pixels;
import io.gan4j.io.AtomicFiles;
import io.gan4j.io.ImageGrid;
import io.gan4j.io.Safetensors;
import io.gan4j.models.Gan;
import io.gan4j.models.Models;
import io.gan4j.models.Translator;
import io.gan4j.models.TorchStateDict;
import io.gan4j.options.Options;
import io.gan4j.training.Checkpoint;
import io.gan4j.training.SampleGrids;
import io.gan4j.training.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.StringJoiner;

@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate samples from a saved generator.",
            "A translation model (pix2pix) translates the first N inputs of its test split instead: png shows"
                + " input | output | target triplets, idx writes the outputs with the source images' labels."})
final class SampleCommand implements Runnable {

    enum Format { png, idx, csv, png_dir }

    @Option(names = "--checkpoint", description = "A run directory or one of its checkpoints (required unless --weights is given).")
    Path checkpoint;

    @Option(names = "--weights", description = "Instead of --checkpoint: a generator in safetensors under PyTorch's names"
            + " (e.g. trained in PyTorch, or written by 'gan4j export'); needs --model (default: none, --checkpoint is used).")
    Path weights;

    @Option(names = "--model", description = "With --weights: the reference model the weights are for (acgan or vanilla; 28x28, 10 classes; required with --weights).")
    String model;

    @Option(names = "--n", defaultValue = "64", description = "Number of samples (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--label", description = "Class of every sample, a number or (image folders) a class name (conditional models;"
            + " InfoGAN: its categorical code value); default: equal numbers of each.")
    String label;

    @Option(names = "--seed", defaultValue = "0", description = "Noise seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", required = true, converter = FormatConverter.class,
            description = "png (a grid), png-dir (a directory of one PNG per sample, plus labels.csv for a conditional model),"
                    + " idx (a directory of IDX files, uint8) or csv (one sample a line).")
    Format format;

    @Option(names = "--out", required = true, description = "Output file (png, csv) or directory (idx, png-dir).")
    Path out;

    @Mixin
    EngineOptions engine;

    @Override
    public void run() {
        if (n <= 0) {
            throw new Gan4jException("--n must be positive, not " + n);
        }
        if ((checkpoint == null) == (weights == null) || (weights == null) != (model == null)) {
            throw new Gan4jException("sample needs --checkpoint DIR, or --weights FILE with --model NAME");
        }
        engine.apply();
        Path dir = checkpoint == null ? null : Checkpoint.resolve(checkpoint);
        TrainConfig config = dir != null ? Checkpoint.config(dir) : referenceConfig(model);
        try (NDManager manager = Engines.newManager(engine.deviceOrCpu())) {
            Gan gan = Models.create(config, manager);
            if (dir != null) {
                Checkpoint.loadForSampling(dir, gan, manager);
            } else {
                TorchStateDict.load(config, gan.generator(), Safetensors.read(weights).tensors(), weights.toString(), manager);
            }
            if (gan instanceof Translator translator) {
                translateTestInputs(gan, translator, manager);
            } else {
                sample(gan, config, manager);
            }
        }
        System.out.println("wrote " + n + " samples to " + out);
    }

    /** {@code --format png-dir} as written on the command line. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("--format must be png, png-dir, idx or csv, not '" + value + "'");
            }
        }
    }

    /** {@code --label}: a class number, or the name of one of an image folder's classes. */
    static int classIndex(String label, TrainConfig config, int classes) {
        if (classes == 0) {
            throw new Gan4jException("--label given but " + config.model + " is not conditional");
        }
        if (config.classNames != null && config.classNames.contains(label)) {
            return config.classNames.indexOf(label);
        }
        try {
            int index = Integer.parseInt(label);
            if (index >= 0 && index < classes) {
                return index;
            }
        } catch (NumberFormatException e) {
            // Neither a class name nor a number: reported below.
        }
        throw new Gan4jException("--label must be in 0.." + (classes - 1)
                + (config.classNames != null ? " or one of " + String.join(", ", config.classNames) : "") + ", not '" + label + "'");
    }

    private void sample(Gan gan, TrainConfig config, NDManager manager) {
        int classes = gan.numClasses();
        Integer fixed = label == null ? null : classIndex(label, config, classes);
        long[] labels = new long[n];
        byte[] written = classes > 0 ? new byte[n] : null;
        // A conditional model's samples come class by class, so that a grid has a row per class.
        int perClass = classes > 0 ? (n + classes - 1) / classes : n;
        for (int i = 0; i < n; i++) {
            labels[i] = fixed != null ? fixed : classes > 0 ? i / perClass : 0;
            if (written != null) {
                written[i] = (byte) labels[i];
            }
        }
        Engines.seed(seed);
        NDArray samples = gan.generate(gan.noise(manager, n), manager.create(labels), false);
        write(gan, samples, classes > 0 && fixed == null ? perClass : (int) Math.ceil(Math.sqrt(n)), written);
        if (format == Format.png_dir && written != null) {
            StringBuilder csv = new StringBuilder("file,label,class\n");
            for (int i = 0; i < n; i++) {
                int y = written[i] & 0xff;
                csv.append(String.format(Locale.ROOT, "%s,%d,%s%n", pngName(i), y,
                        config.classNames != null ? config.classNames.get(y) : String.valueOf(y)));
            }
            AtomicFiles.writeString(out.resolve("labels.csv"), csv.toString());
        }
    }

    private static String pngName(int i) {
        return String.format(Locale.ROOT, "sample-%05d.png", i);
    }

    /** One PNG per sample, without the grid's padding. */
    private static void writePngDir(Gan gan, NDArray samples, int n, Path dir) {
        Shape shape = gan.sampleShape();
        int c = (int) shape.get(0);
        int h = (int) shape.get(1);
        int w = (int) shape.get(2);
        float[] values = samples.toFloatArray();
        int per = c * h * w;
        for (int i = 0; i < n; i++) {
            BufferedImage tile = ImageGrid.grid(Arrays.copyOfRange(values, i * per, (i + 1) * per), 1, c, h, w, 1,
                    gan.outputLow(), gan.outputHigh());
            ImageGrid.writePng(tile.getSubimage(ImageGrid.PAD, ImageGrid.PAD, w, h), dir.resolve(pngName(i)));
        }
    }

    /**
     * A translation model translates the first N inputs of its test split; a grid shows input |
     * output | target triplets, IDX files hold the outputs with the source images' labels.
     */
    private void translateTestInputs(Gan gan, Translator translator, NDManager manager) {
        PairedImages pairs = translator.testPairs();
        if (n > pairs.count()) {
            throw new Gan4jException("--n " + n + " exceeds the " + pairs.count() + " test pairs of " + pairs.source());
        }
        if (label != null) {
            throw new Gan4jException("--label does not apply to " + gan.getClass().getSimpleName() + ": it translates test inputs");
        }
        NDArray inputs = gan.noise(manager, n);
        if (format == Format.png_dir) {
            throw new Gan4jException("--format png-dir is for generators; a translation model writes png or idx");
        }
        if (format == Format.png) {
            int perRow = Math.min(n, (int) Math.ceil(Math.sqrt(n)));
            ImageGrid.writePng(SampleGrids.image(gan, gan.gridImages(inputs, null), 3 * perRow), out);
        } else {
            byte[] labels = pairs.labels() == null ? null : Arrays.copyOf(pairs.labels(), n);
            write(gan, gan.generate(inputs, null, false), 1, labels);
        }
    }

    private void write(Gan gan, NDArray samples, int columns, byte[] labels) {
        switch (format) {
            case png -> ImageGrid.writePng(SampleGrids.image(gan, samples, columns), out);
            case csv -> AtomicFiles.writeString(out, csv(samples));
            case idx -> writeIdx(gan, samples.toFloatArray(), n, labels, out);
            case png_dir -> writePngDir(gan, samples, n, out);
        }
    }

    /** The settings of PyTorch's reference models (MNIST-shaped: 1x28x28, 10 classes, latent 100). */
    private static TrainConfig referenceConfig(String model) {
        TrainConfig c = new TrainConfig();
        c.model = model;
        c.set(Options.D_CONDITIONING, "embed");
        return Models.resolveForDigits(c);
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

    /** images-idx3-ubyte (+ labels-idx1-ubyte when there are labels), uint8 0–255 from the output range. */
    static void writeIdx(Gan gan, float[] values, int n, byte[] labels, Path dir) {
        byte[] pixels = Pixels.toBytes(values, gan.outputLow(), gan.outputHigh());
        int rows = (int) gan.sampleShape().get(1);
        int cols = (int) gan.sampleShape().get(2);
        AtomicFiles.write(dir.resolve("images-idx3-ubyte"), tmp -> Idx.writeImages(tmp, pixels, n, rows, cols));
        if (labels != null) {
            AtomicFiles.write(dir.resolve("labels-idx1-ubyte"), tmp -> Idx.writeLabels(tmp, labels));
        }
    }
}
