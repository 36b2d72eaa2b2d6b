package io.gan4j.data;

import io.gan4j.Gan4jException;

import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Aligned image pairs for image-to-image translation: input i is to become target i. Pixels are
 * uint8, [count, channels, rows, cols] image after image.
 *
 * <p>Built-in tasks derive pairs from any labelled IDX data set ({@code mnist}, {@code fashion-mnist},
 * a directory), so translation runs offline: {@code edges2digits} (a binary Sobel edge map → the
 * image) and {@code masked2digits} (the image with a gray square hidden → the image, inpainting).
 * Their pairs keep the source images' labels. {@code folder} reads the pix2pix format, see
 * {@link Pix2PixFolder}.
 *
 * @param labels the source images' class labels, or null
 * @param source where the pairs came from, for messages
 */
public record PairedImages(int count, int channels, int rows, int cols, byte[] inputs, byte[] targets, byte[] labels,
        String source) {

    public static final String EDGES = "edges2digits";
    public static final String MASKED = "masked2digits";
    public static final String FOLDER = "folder";
    public static final List<String> TASKS = List.of(EDGES, MASKED, FOLDER);

    /** Sobel gradient magnitude (of images in [0, 1]) from which a pixel counts as an edge; a clean step gives 4. */
    private static final float EDGE_THRESHOLD = 1f;
    /** Sobel's horizontal-gradient kernel; its transpose gives the vertical gradient. */
    private static final int[][] SOBEL = {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}};
    /** Gray level of the hidden square: neither ink nor background. */
    private static final byte MASK_LEVEL = (byte) 128;

    public PairedImages {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(targets, "targets");
        long expected = (long) count * channels * rows * cols;
        if (count < 1 || inputs.length != expected || targets.length != expected) {
            throw new IllegalArgumentException("pairs of " + count + "x" + channels + "x" + rows + "x" + cols
                    + " need " + expected + " pixels per side, got " + inputs.length + " and " + targets.length);
        }
        if (labels != null && labels.length != count) {
            throw new IllegalArgumentException(labels.length + " labels for " + count + " pairs");
        }
    }

    /**
     * The task a user means: {@code task} when given (checked), else {@code folder} when
     * {@code data} is a pix2pix folder and {@code edges2digits} otherwise.
     */
    public static String resolveTask(String data, String task) {
        if (task == null) {
            return Pix2PixFolder.isFolder(data) ? FOLDER : EDGES;
        }
        if (task.equals("colorize")) {
            throw new Gan4jException("--task colorize is not possible: the IDX data sets are grayscale, so there is no"
                    + " colour to learn; train on a pix2pix folder of (gray | colour) pairs with --task folder instead");
        }
        if (!TASKS.contains(task)) {
            throw new Gan4jException("--task must be one of " + String.join(", ", TASKS) + ", not '" + task + "'");
        }
        return task;
    }

    /**
     * The pairs of a split. Built-in tasks take {@code data} as an IDX data set (resized to
     * {@code size} when given); {@code folder} reads {@code data} in pix2pix format at {@code size}
     * pixels (required).
     */
    public static PairedImages load(String data, String task, Integer size, Split split) {
        if (task.equals(FOLDER)) {
            return Pix2PixFolder.read(data, split, Objects.requireNonNull(size, "size"));
        }
        LabeledImages images = Datasets.load(data, split);
        images = size == null ? images : images.resized(size);
        return task.equals(EDGES) ? edges(images) : masked(images);
    }

    /** edges2digits: a binary edge map (thresholded Sobel gradient magnitude) → the image. */
    public static PairedImages edges(LabeledImages images) {
        int h = images.rows();
        int w = images.cols();
        byte[] edges = new byte[images.pixels().length];
        for (int n = 0; n < images.count(); n++) {
            int at = n * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float gx = 0;
                    float gy = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            float v = value(images, at, h, w, y + dy, x + dx);
                            gx += SOBEL[dy + 1][dx + 1] * v;
                            gy += SOBEL[dx + 1][dy + 1] * v;
                        }
                    }
                    edges[at + y * w + x] = (byte) (gx * gx + gy * gy >= EDGE_THRESHOLD * EDGE_THRESHOLD ? 255 : 0);
                }
            }
        }
        return new PairedImages(images.count(), 1, h, w, edges, images.pixels(), images.labels(), images.source() + " (" + EDGES + ")");
    }

    /** Pixel (y, x) of image {@code at} in [0, 1]; outside the image is background (0). */
    private static float value(LabeledImages images, int at, int h, int w, int y, int x) {
        return y < 0 || y >= h || x < 0 || x >= w ? 0f : (images.pixels()[at + y * w + x] & 0xff) / 255f;
    }

    /**
     * masked2digits: a square of 3/7 of the side (12 pixels at 28×28) set to gray → the image. The
     * square's place is drawn from the image's index, away from the border where digits have no ink.
     */
    public static PairedImages masked(LabeledImages images) {
        int h = images.rows();
        int w = images.cols();
        int side = Math.max(1, Math.round(Math.min(h, w) * 3f / 7f));
        int margin = Math.min(h, w) / 7;
        byte[] masked = images.pixels().clone();
        for (int n = 0; n < images.count(); n++) {
            Random random = new Random(n);
            int top = margin + random.nextInt(Math.max(1, h - side - 2 * margin + 1));
            int left = margin + random.nextInt(Math.max(1, w - side - 2 * margin + 1));
            for (int y = top; y < top + side; y++) {
                for (int x = left; x < left + side; x++) {
                    masked[n * h * w + y * w + x] = MASK_LEVEL;
                }
            }
        }
        return new PairedImages(images.count(), 1, h, w, masked, images.pixels(), images.labels(), images.source() + " (" + MASKED + ")");
    }

    /** Inputs and targets exchanged ({@code --direction BtoA}). */
    public PairedImages swapped() {
        return new PairedImages(count, channels, rows, cols, targets, inputs, labels, source + " (B to A)");
    }

    /** The inputs as an IDX-writable set with the pairs' labels; one channel only. */
    public LabeledImages inputImages() {
        return oneChannel(inputs);
    }

    public LabeledImages targetImages() {
        return oneChannel(targets);
    }

    private LabeledImages oneChannel(byte[] pixels) {
        if (channels != 1) {
            throw new Gan4jException(source + ": IDX holds grayscale images, these pairs have " + channels + " channels");
        }
        return new LabeledImages(count, rows, cols, pixels, labels, source);
    }
}
