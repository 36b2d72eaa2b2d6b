package io.gan4j.api;

import io.gan4j.Gan4jException;
import io.gan4j.data.Datasets;
import io.gan4j.data.LabeledImages;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * Where a model's training images come from: the digits embedded in gan4j, a directory of IDX
 * files, a folder of images, or an {@link ImageSource} of the caller's.
 */
public final class TrainingData {

    private final String name;
    private final ImageSource source;

    private TrainingData(String name, ImageSource source) {
        this.name = name;
        this.source = source;
    }

    /** The embedded MNIST digits (8,000 training and 2,000 test images, 28×28, 10 classes). */
    public static TrainingData digits() {
        return new TrainingData(Datasets.DEFAULT, null);
    }

    /** A directory of IDX files (train-images-idx3-ubyte and train-labels-idx1-ubyte, optionally gzipped). */
    public static TrainingData idx(Path directory) {
        return new TrainingData(directory.toString(), null);
    }

    /**
     * A folder of images (PNG, JPEG), one subfolder per class. HOOK for issue 21's image-folder
     * reader (branch i21-images): the path goes to {@code Datasets.load} as the CLI's {@code --data}
     * does, which reads image folders once that branch is merged.
     */
    public static TrainingData imageFolder(Path directory) {
        return new TrainingData(directory.toString(), null);
    }

    /** Images and labels from the caller's source, read once when training starts. */
    public static TrainingData of(ImageSource source) {
        return new TrainingData("custom", source);
    }

    /** The run configuration's {@code data} value: a data set's name, a path, or "custom". */
    String configValue() {
        return name;
    }

    /** The caller's images, or null when {@code Datasets.load} reads them from {@link #configValue()}. */
    LabeledImages images() {
        return source == null ? null : read(source);
    }

    /** Reads a caller's source into 8-bit grayscale, checking sizes and labels before allocating. */
    static LabeledImages read(ImageSource source) {
        int n = source.size();
        if (n <= 0) {
            throw new Gan4jException("the image source is empty");
        }
        BufferedImage first = source.image(0);
        int w = first.getWidth();
        int h = first.getHeight();
        if ((long) n * w * h > Integer.MAX_VALUE - 8) {
            throw new Gan4jException("the image source holds " + n + " images of " + w + "x" + h + ": too many pixels");
        }
        byte[] pixels = new byte[n * w * h];
        boolean labelled = source.label(0) >= 0;
        byte[] labels = labelled ? new byte[n] : null;
        for (int i = 0; i < n; i++) {
            BufferedImage image = i == 0 ? first : source.image(i);
            if (image.getWidth() != w || image.getHeight() != h) {
                throw new Gan4jException("image " + i + " of the source is " + image.getWidth() + "x" + image.getHeight()
                        + ", not " + w + "x" + h + " like image 0");
            }
            BufferedImage gray = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            gray.getGraphics().drawImage(image, 0, 0, null);
            copyGray(gray, pixels, i * w * h);
            int label = source.label(i);
            if (labelled != label >= 0 || label > 255) {
                throw new Gan4jException("label " + label + " of image " + i + ": labels are 0..255 for every image or -1 for all");
            }
            if (labelled) {
                labels[i] = (byte) label;
            }
        }
        return new LabeledImages(n, h, w, pixels, labels, "custom image source");
    }

    private static void copyGray(BufferedImage gray, byte[] pixels, int offset) {
        int w = gray.getWidth();
        int h = gray.getHeight();
        byte[] row = new byte[w];
        for (int y = 0; y < h; y++) {
            gray.getRaster().getDataElements(0, y, w, 1, row);
            System.arraycopy(row, 0, pixels, offset + y * w, w);
        }
    }
}
