package io.gan4j.cli;

import io.gan4j.Gan4jException;
import io.gan4j.data.Idx;
import io.gan4j.data.LabeledImages;
import io.gan4j.data.PairedImages;
import io.gan4j.data.Split;
import io.gan4j.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

@Command(name = "pairs", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the pairs of a built-in translation task as IDX files, e.g. the test edges of edges2digits"
                + " for 'gan4j translate --input DIR': DIR/images-idx3-ubyte (the inputs), DIR/targets-idx3-ubyte"
                + " and DIR/labels-idx1-ubyte (the source images' labels)."})
final class PairsCommand implements Runnable {

    @Option(names = "--data", defaultValue = "mnist", description = "An IDX data set: mnist (default), fashion-mnist or a directory.")
    String data;

    @Option(names = "--task", defaultValue = PairedImages.EDGES, description = "edges2digits (default) or masked2digits.")
    String task;

    @Option(names = "--split", defaultValue = "test", description = "train or test (default).")
    String split;

    @Option(names = "--direction", defaultValue = "AtoB", description = "AtoB (default) or BtoA (inputs and targets exchanged).")
    String direction;

    @Option(names = "--image-size", description = "Resize the images to this square size first (unit: pixels; default: the images' own size).")
    Integer imageSize;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Override
    public void run() {
        String t = PairedImages.resolveTask(data, task);
        if (t.equals(PairedImages.FOLDER)) {
            throw new Gan4jException("--task folder: a pix2pix folder already holds its pairs as images");
        }
        Split s = switch (split.toLowerCase(Locale.ROOT)) {
            case "train" -> Split.TRAIN;
            case "test" -> Split.TEST;
            default -> throw new Gan4jException("--split must be train or test, not '" + split + "'");
        };
        if (!direction.equals("AtoB") && !direction.equals("BtoA")) {
            throw new Gan4jException("--direction must be AtoB or BtoA, not '" + direction + "'");
        }
        PairedImages loaded = PairedImages.load(data, t, imageSize, s);
        PairedImages pairs = direction.equals("BtoA") ? loaded.swapped() : loaded;
        LabeledImages inputs = pairs.inputImages();
        LabeledImages targets = pairs.targetImages();
        AtomicFiles.writeDirectory(out, tmp -> {
            Idx.writeImages(tmp.resolve("images-idx3-ubyte"), inputs.pixels(), inputs.count(), inputs.rows(), inputs.cols());
            Idx.writeImages(tmp.resolve("targets-idx3-ubyte"), targets.pixels(), targets.count(), targets.rows(), targets.cols());
            if (pairs.labels() != null) {
                Idx.writeLabels(tmp.resolve("labels-idx1-ubyte"), pairs.labels());
            }
        });
        System.out.println("wrote " + pairs.count() + " pairs of " + pairs.source() + " to " + out);
    }
}
