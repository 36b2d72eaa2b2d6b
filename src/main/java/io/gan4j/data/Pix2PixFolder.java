package io.gan4j.data;

import io.gan4j.Gan4jException;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The pix2pix data format: {@code DIR/train/}, {@code DIR/val/}, {@code DIR/test/}, each image
 * file one pair with A on the left half and B on the right half. Each half is decoded and resized
 * as {@link ImageDecoder} does; the pairs are grayscale when every file is 8-bit gray, RGB otherwise. Pixels are
 * read as raw raster samples (never through a colour conversion, which would shift gray levels).
 */
public final class Pix2PixFolder {

    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

    private Pix2PixFolder() {}

    /** Whether {@code data} names a directory with a {@code train/} subdirectory. */
    public static boolean isFolder(String data) {
        try {
            return Files.isDirectory(Path.of(data).resolve("train"));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** Whether the pix2pix folder {@code data} has a test split ({@code test/} or {@code val/}). */
    public static boolean hasTestSplit(String data) {
        Path root = Path.of(data);
        return Files.isDirectory(root.resolve("test")) || Files.isDirectory(root.resolve("val"));
    }

    /** The split's pairs (test: {@code test/}, else {@code val/}) with A and B resized to size×size. */
    static PairedImages read(String data, Split split, int size) {
        Path root = Path.of(data);
        if (!isFolder(data)) {
            throw new Gan4jException(data + " is not a pix2pix folder (expected " + root.resolve("train") + "/ with A|B images)");
        }
        Path dir = split == Split.TRAIN ? root.resolve("train")
                : Files.isDirectory(root.resolve("test")) ? root.resolve("test") : root.resolve("val");
        List<Path> files = list(dir);
        // Headers first: sizes checked and the channel count known before any pixel is decoded.
        boolean gray = true;
        for (Path file : files) {
            ImageDecoder.Header header = ImageDecoder.header(file);
            if (header.width() % 2 != 0) {
                throw new Gan4jException(file + ": width " + header.width() + " is odd; a pix2pix pair is A and B side by side");
            }
            gray &= header.gray();
        }
        int channels = gray ? 1 : 3;
        long plane = (long) channels * size * size;
        long bytes = 2 * plane * files.size();
        if (plane * files.size() > Integer.MAX_VALUE - 8 || bytes > Runtime.getRuntime().maxMemory() / 2) {
            throw new Gan4jException(dir + ": " + files.size() + " pairs of " + channels + "x" + size + "x" + size
                    + " need " + bytes / (1 << 20) + " MB of pixels (at most 2 GB per side and half the Java heap);"
                    + " use a smaller --image-size");
        }
        byte[] a = new byte[(int) (files.size() * plane)];
        byte[] b = new byte[(int) (files.size() * plane)];
        // One full-size image in memory at a time.
        for (int i = 0; i < files.size(); i++) {
            BufferedImage image = ImageDecoder.read(files.get(i));
            int half = image.getWidth() / 2;
            System.arraycopy(half(image, 0, half, channels, size), 0, a, (int) (i * plane), (int) plane);
            System.arraycopy(half(image, half, half, channels, size), 0, b, (int) (i * plane), (int) plane);
        }
        return new PairedImages(files.size(), channels, size, size, a, b, null, dir.toString());
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new Gan4jException("missing directory " + dir + " of the pix2pix folder");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> files = entries.filter(p -> EXTENSIONS.stream()
                    .anyMatch(e -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e))).sorted().toList();
            if (files.isEmpty()) {
                throw new Gan4jException(dir + ": no images (" + String.join(", ", EXTENSIONS) + ")");
            }
            return files;
        } catch (IOException e) {
            throw new Gan4jException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Columns [from, from + width) of {@code image} as channel planes, resized to size×size by
     * {@link ImageDecoder#resizeCrop} (area average, centre crop; transparency onto white); one
     * channel of a colour image is its luma (ITU-R BT.601).
     */
    public static byte[] half(BufferedImage image, int from, int width, int channels, int size) {
        byte[] rgb = ImageDecoder.resizeCrop(image.getSubimage(from, 0, width, image.getHeight()), size,
                ImageDecoder.Background.WHITE);
        return channels == 3 ? rgb : ImageDecoder.luma(rgb, size * size);
    }
}
