package io.gan4j.data;

import java.util.Objects;

/**
 * A set of same-sized uint8 grayscale images with optional class labels.
 *
 * @param count  number of images
 * @param rows   image height
 * @param cols   image width
 * @param pixels {@code count*rows*cols} uint8 values, row-major, image after image
 * @param labels {@code count} uint8 class labels, or {@code null} when the set has no labels
 * @param source where the images came from (a path or resource name), for messages
 */
public record LabeledImages(int count, int rows, int cols, byte[] pixels, byte[] labels, String source) {

    public LabeledImages {
        Objects.requireNonNull(pixels, "pixels");
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("bad shape " + count + "x" + rows + "x" + cols);
        }
        if ((long) count * rows * cols != pixels.length) {
            throw new IllegalArgumentException(
                    pixels.length + " pixels do not hold " + count + " images of " + rows + "x" + cols);
        }
        if (labels != null && labels.length != count) {
            throw new IllegalArgumentException(labels.length + " labels for " + count + " images");
        }
    }

    /** Label of image {@code i} as an unsigned value. */
    public int label(int i) {
        return labels[Objects.checkIndex(i, count)] & 0xff;
    }

    /** Largest label plus one, or 0 when the set has no labels. */
    public int numClasses() {
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
        int size = rows * cols;
        byte[] p = new byte[indices.length * size];
        byte[] l = labels == null ? null : new byte[indices.length];
        for (int j = 0; j < indices.length; j++) {
            int i = Objects.checkIndex(indices[j], count);
            System.arraycopy(pixels, i * size, p, j * size, size);
            if (l != null) {
                l[j] = labels[i];
            }
        }
        return new LabeledImages(indices.length, rows, cols, p, l, source);
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
        byte[] out = Pixels.resize(pixels, count, rows, cols, size);
        return new LabeledImages(count, size, size, out, labels, source + " resized to " + size + "x" + size);
    }
}
