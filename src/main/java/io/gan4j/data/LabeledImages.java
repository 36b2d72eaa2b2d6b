package io.gan4j.data;

import java.util.List;
import java.util.Objects;

/**
 * A set of same-sized uint8 images (grayscale or RGB planes) with optional class labels.
 *
 * @param count      number of images
 * @param channels   1 (gray) or 3 (R, G, B planes)
 * @param rows       image height
 * @param cols       image width
 * @param pixels     {@code count*channels*rows*cols} uint8 values, [N, C, H, W] row-major
 * @param labels     {@code count} uint8 class labels, or {@code null} when the set has no labels
 * @param classNames the name of each label (an image folder's class folders), or {@code null}
 * @param source     where the images came from (a path or resource name), for messages
 */
public record LabeledImages(int count, int channels, int rows, int cols, byte[] pixels, byte[] labels,
        List<String> classNames, String source) {

    public LabeledImages {
        Objects.requireNonNull(pixels, "pixels");
        if (count < 0 || channels <= 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("bad shape " + count + "x" + channels + "x" + rows + "x" + cols);
        }
        if ((long) count * channels * rows * cols != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixels do not hold " + count + " images of "
                    + channels + "x" + rows + "x" + cols);
        }
        if (labels != null && labels.length != count) {
            throw new IllegalArgumentException(labels.length + " labels for " + count + " images");
        }
    }

    /** Grayscale images without class names (the IDX data sets). */
    public LabeledImages(int count, int rows, int cols, byte[] pixels, byte[] labels, String source) {
        this(count, 1, rows, cols, pixels, labels, null, source);
    }

    /** Label of image {@code i} as an unsigned value. */
    public int label(int i) {
        return labels[Objects.checkIndex(i, count)] & 0xff;
    }

    /** The number of class names when the set has them, else the largest label plus one, or 0 when the set has no labels. */
    public int numClasses() {
        if (classNames != null) {
            return classNames.size();
        }
        if (labels == null) {
            return 0;
        }
        int max = -1;
        for (byte b : labels) {
            max = Math.max(max, b & 0xff);
        }
        return max + 1;
    }

    /** A copy holding the images (and labels) at {@code indices}, in that order; repeats allowed. */
    public LabeledImages subset(int[] indices) {
        int size = channels * rows * cols;
        byte[] p = new byte[indices.length * size];
        byte[] l = labels == null ? null : new byte[indices.length];
        for (int j = 0; j < indices.length; j++) {
            int i = Objects.checkIndex(indices[j], count);
            System.arraycopy(pixels, i * size, p, j * size, size);
            if (l != null) {
                l[j] = labels[i];
            }
        }
        return new LabeledImages(indices.length, channels, rows, cols, p, l, classNames, source);
    }

    /**
     * A copy with every image resized to {@code size}×{@code size} by bilinear interpolation
     * (pixel centres aligned, as PIL and torchvision do without antialiasing); this set itself
     * when it already has that size.
     */
    public LabeledImages resized(int size) {
        if (size == rows && size == cols) {
            return this;
        }
        byte[] out = Pixels.resize(pixels, count * channels, rows, cols, size);
        return new LabeledImages(count, channels, size, size, out, labels, classNames,
                source + " resized to " + size + "x" + size);
    }
}
