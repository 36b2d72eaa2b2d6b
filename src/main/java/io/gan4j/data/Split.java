package io.gan4j.data;

/** Which half of a data set: the standard IDX file names start with {@code train} or {@code t10k}. */
public enum Split {
    TRAIN("train"),
    TEST("t10k");

    private final String prefix;

    Split(String prefix) {
        this.prefix = prefix;
    }

    /** Image file name without the optional {@code .gz}, e.g. {@code train-images-idx3-ubyte}. */
    String imagesFile() {
        return prefix + "-images-idx3-ubyte";
    }

    /** Label file name without the optional {@code .gz}, e.g. {@code train-labels-idx1-ubyte}. */
    String labelsFile() {
        return prefix + "-labels-idx1-ubyte";
    }
}
