package io.gan4j.data;

import io.gan4j.Gan4jException;
import io.gan4j.io.ImageGrid;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The pix2pix data format: {@code DIR/train/}, {@code DIR/val/}, {@code DIR/test/}, each image
 * file one pair with A on the left half and B on the right half. Each half is resized (bilinear)
 * to a square; the pairs are grayscale when every file is 8-bit gray, RGB otherwise. Pixels are
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
        List<BufferedImage> images = new ArrayList<>();
        boolean gray = true;
        for (Path file : files) {
            BufferedImage image = ImageGrid.readPng(file);
            if (image.getWidth() % 2 != 0) {
                throw new Gan4jException(file + ": width " + image.getWidth() + " is odd; a pix2pix pair is A and B side by side");
            }
            gray &= image.getType() == BufferedImage.TYPE_BYTE_GRAY;
            images.add(image);
        }
        int channels = gray ? 1 : 3;
        int plane = channels * size * size;
        byte[] a = new byte[images.size() * plane];
        byte[] b = new byte[images.size() * plane];
        for (int i = 0; i < images.size(); i++) {
            BufferedImage image = images.get(i);
            int half = image.getWidth() / 2;
            System.arraycopy(half(image, 0, half, channels, size), 0, a, i * plane, plane);
            System.arraycopy(half(image, half, half, channels, size), 0, b, i * plane, plane);
        }
        return new PairedImages(images.size(), channels, size, size, a, b, null, dir.toString());
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
     * Columns [from, from + width) of {@code image} as channel planes, resized to size×size; one
     * channel of a colour image is its luma (ITU-R BT.601).
     */
    public static byte[] half(BufferedImage image, int from, int width, int channels, int size) {
        int h = image.getHeight();
        byte[] planes = new byte[channels * h * width];
        Raster raster = image.getRaster();
        boolean rawGray = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = rawGray ? 0 : image.getRGB(from + x, y);
                for (int c = 0; c < channels; c++) {
                    int level = rawGray ? raster.getSample(from + x, y, 0)
                            : channels == 1 ? luma(rgb) : (rgb >> (16 - 8 * c)) & 0xff;
                    planes[(c * h + y) * width + x] = (byte) level;
                }
            }
        }
        return Pixels.resize(planes, channels, h, width, size);
    }

    private static int luma(int rgb) {
        return Math.round(0.299f * ((rgb >> 16) & 0xff) + 0.587f * ((rgb >> 8) & 0xff) + 0.114f * (rgb & 0xff));
    }
}
