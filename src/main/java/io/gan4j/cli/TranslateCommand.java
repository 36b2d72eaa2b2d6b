package io.gan4j.cli;

import ai.djl.ndarray.NDManager;
import io.gan4j.Gan4jException;
import io.gan4j.Engines;
import io.gan4j.data.Idx;
import io.gan4j.data.LabeledImages;
import io.gan4j.data.Pix2PixFolder;
import io.gan4j.data.Pixels;
import io.gan4j.evaluation.TranslationEvaluation;
import io.gan4j.io.ImageGrid;
import io.gan4j.models.Gan;
import io.gan4j.models.Models;
import io.gan4j.models.Translator;
import io.gan4j.training.Checkpoint;
import io.gan4j.training.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

@Command(name = "translate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Translate images with a translation model (pix2pix) checkpoint.",
            "An image file (PNG, JPEG, ...) of the input domain gives a PNG; an IDX image file, or a directory holding"
                + " images-idx3-ubyte, gives a directory with images-idx3-ubyte (and the input's labels-idx1-ubyte"
                + " when it has one). Inputs are resized to the model's size."})
final class TranslateCommand implements Runnable {

    @Option(names = "--checkpoint", required = true, description = "A run directory or one of its checkpoints.")
    Path checkpoint;

    @Option(names = "--input", required = true, description = "An image file, an IDX image file, or a directory holding images-idx3-ubyte.")
    Path input;

    @Option(names = "--out", required = true, description = "Output PNG (image input) or directory (IDX input).")
    Path out;

    @Mixin
    EngineOptions engine;

    @Override
    public void run() {
        engine.apply();
        Path dir = Checkpoint.resolve(checkpoint);
        TrainConfig config = Checkpoint.config(dir);
        Path images = Files.isDirectory(input) ? input.resolve("images-idx3-ubyte") : input;
        if (!Files.isRegularFile(images)) {
            throw new Gan4jException("--input " + input + ": no such file" + (Files.isDirectory(input) ? " " + images : ""));
        }
        try (NDManager manager = Engines.newManager(engine.deviceOrCpu())) {
            Gan gan = Models.create(config, manager);
            if (!(gan instanceof Translator)) {
                throw new Gan4jException(dir + ": model '" + config.model + "' does not translate images (translate needs a pix2pix checkpoint)");
            }
            Checkpoint.loadForSampling(dir, gan, manager);
            int channels = config.imageShape[0];
            int size = config.imageShape[1];
            if (isIdx(images)) {
                LabeledImages set = Idx.readImages(images);
                if (channels != 1 || set.rows() != set.cols()) {
                    throw new Gan4jException(images + ": " + set.rows() + "x" + set.cols() + " grayscale images do not fit the model's "
                            + channels + "x" + size + "x" + size + " inputs");
                }
                byte[] outputs = TranslationEvaluation.translate(gan, set.resized(size).pixels(), set.count(), manager);
                Path labels = images.resolveSibling(images.getFileName().toString().replace("images-idx3", "labels-idx1"));
                byte[] y = !labels.equals(images) && Files.isRegularFile(labels) ? Idx.readLabels(labels) : null;
                SampleCommand.writeIdx(gan, Pixels.toSigned(outputs), set.count(), y, out);
                System.out.println("translated " + set.count() + " images into " + out);
            } else {
                BufferedImage image = ImageGrid.readPng(images);
                byte[] pixels = Pix2PixFolder.half(image, 0, image.getWidth(), channels, size);
                byte[] output = TranslationEvaluation.translate(gan, pixels, 1, manager);
                BufferedImage grid = ImageGrid.grid(Pixels.toSigned(output), 1, channels, size, size, 1, -1f, 1f);
                ImageGrid.writePng(grid.getSubimage(ImageGrid.PAD, ImageGrid.PAD, size, size), out);
                System.out.println("translated " + images + " into " + out);
            }
        }
    }

    /** Image files by their extension; anything else is read as IDX (which has none). */
    private static boolean isIdx(Path file) {
        return !file.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g|bmp|gif)");
    }
}
