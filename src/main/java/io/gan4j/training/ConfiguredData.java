package io.gan4j.training;

import io.gan4j.Gan4jException;
import io.gan4j.data.Datasets;
import io.gan4j.data.ImageDecoder;
import io.gan4j.data.ImageFolder;
import io.gan4j.data.LabeledImages;
import io.gan4j.data.Split;
import io.gan4j.options.Options;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * The images a run's configuration names: an image folder (decoded at {@code --image-size},
 * default {@value #DEFAULT_FOLDER_SIZE}, with its channels, background and held-out share) or an
 * IDX data set (resized when {@code --image-size} is given).
 */
public final class ConfiguredData {

    /** The size an image folder is decoded at without {@code --image-size}. */
    public static final int DEFAULT_FOLDER_SIZE = 64;

    /** Models that need class labels from the data. */
    private static final Set<String> CONDITIONAL = Set.of("cgan", "acgan", "sgan");

    private ConfiguredData() {}

    /** Whether the configuration's data is a folder of image files. */
    public static boolean isFolder(TrainConfig c) {
        return isFolder(c.get(Options.DATA));
    }

    /** Whether {@code data} (a data set's name or a path) is a folder of image files. */
    public static boolean isFolder(String data) {
        return data != null && !Datasets.names().contains(data) && ImageFolder.isImageFolder(data) && !Datasets.isIdxDirectory(data);
    }

    /** The split's images; for a folder, the decoding options are taken from (and the size recorded in) {@code c}. */
    public static LabeledImages load(TrainConfig c, Split split, PrintStream log) {
        if (isFolder(c)) {
            if (c.get(Options.IMAGE_SIZE) == null) {
                c.set(Options.IMAGE_SIZE, DEFAULT_FOLDER_SIZE);
            }
            ImageFolder.Options options = new ImageFolder.Options(c.get(Options.IMAGE_SIZE), c.get(Options.CHANNELS),
                    ImageDecoder.Background.parse(c.get(Options.BACKGROUND, "white")),
                    c.get(Options.HOLDOUT) == null ? 0.1 : c.get(Options.HOLDOUT));
            return ImageFolder.load(Path.of(c.get(Options.DATA)), split, options, log);
        }
        LabeledImages images = Datasets.load(c.get(Options.DATA), split);
        Integer size = c.get(Options.IMAGE_SIZE);
        return size == null ? images : images.resized(size);
    }

    /** A conditional model needs at least two classes: one clear line otherwise. */
    static void requireClasses(TrainConfig c, LabeledImages images) {
        if (!CONDITIONAL.contains(c.model)) {
            return;
        }
        if (images.labels() == null) {
            throw new Gan4jException(c.model + " is conditional but " + c.get(Options.DATA) + " has no classes: put each class's images"
                    + " in its own subfolder");
        }
        if (images.numClasses() < 2) {
            throw new Gan4jException(c.model + " is conditional but " + c.get(Options.DATA) + " has a single class ("
                    + (images.classNames() == null ? "label 0" : images.classNames().get(0)) + "); it needs two or more");
        }
    }
}
