package io.gan4j.data;

import io.gan4j.Gan4jException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Named data sets and directories of IDX files.
 *
 * <ul>
 *   <li>{@code mnist}: 10,000 real MNIST digits shipped inside the jar (8,000 train, 2,000 test);
 *   <li>{@code fashion-mnist}: the full Fashion-MNIST, found locally or downloaded, see {@link FashionMnist};
 *   <li>any other name: a directory holding {@code train-images-idx3-ubyte[.gz]} and
 *       {@code train-labels-idx1-ubyte[.gz]} (test split: {@code t10k-*}).
 * </ul>
 */
public final class Datasets {

    public static final String DEFAULT = "mnist";

    private static final String EMBEDDED_MNIST = "mnist-10k/";

    private Datasets() {
    }

    /** The built-in data set names. */
    public static List<String> names() {
        return List.of(DEFAULT, FashionMnist.NAME);
    }

    public static LabeledImages load(String nameOrDir, Split split) {
        if (nameOrDir.equals(DEFAULT)) {
            return embeddedMnist(split);
        }
        if (nameOrDir.equals(FashionMnist.NAME)) {
            return FashionMnist.fromEnvironment().load(split);
        }
        if (!isDirectory(nameOrDir)) {
            throw new Gan4jException("unknown data set '" + nameOrDir + "' (known: " + String.join(", ", names())
                    + ", a directory with " + split.imagesFile() + "[.gz], or a folder of images)");
        }
        return readDirectory(Path.of(nameOrDir), split);
    }

    /** Whether {@code name} is a directory holding the training split's IDX files. */
    public static boolean isIdxDirectory(String name) {
        return isDirectory(name) && hasSplit(Path.of(name), Split.TRAIN);
    }

    /** Reads a split from a directory holding the standard IDX file names, plain or gzip. */
    static LabeledImages readDirectory(Path dir, Split split) {
        return Idx.read(require(dir, split.imagesFile()), require(dir, split.labelsFile()));
    }

    /** Whether {@code dir} holds both files of {@code split}. */
    static boolean hasSplit(Path dir, Split split) {
        return find(dir, split.imagesFile()).isPresent() && find(dir, split.labelsFile()).isPresent();
    }

    /** {@code dir/baseName} if it exists, else {@code dir/baseName.gz} if that exists. */
    static Optional<Path> find(Path dir, String baseName) {
        return Optional.of(dir.resolve(baseName)).filter(Files::isRegularFile)
                .or(() -> Optional.of(dir.resolve(baseName + ".gz")).filter(Files::isRegularFile));
    }

    private static Path require(Path dir, String baseName) {
        return find(dir, baseName)
                .orElseThrow(() -> new Gan4jException("missing file " + dir.resolve(baseName) + "[.gz]"));
    }

    private static boolean isDirectory(String name) {
        try {
            return Files.isDirectory(Path.of(name));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static LabeledImages embeddedMnist(Split split) {
        String images = EMBEDDED_MNIST + split.imagesFile() + ".gz";
        String labels = EMBEDDED_MNIST + split.labelsFile() + ".gz";
        return Idx.read(resource(images), images, resource(labels), labels);
    }

    private static InputStream resource(String name) {
        InputStream in = Datasets.class.getResourceAsStream(name);
        if (in == null) {
            throw new Gan4jException("missing resource io/gan4j/data/" + name + " (incomplete gan4j build?)");
        }
        return in;
    }
}
