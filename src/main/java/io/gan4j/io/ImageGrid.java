package io.gan4j.io;

import io.gan4j.Gan4jException;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Turns a batch of generated images into one picture, like {@code torchvision.utils.make_grid}:
 * images in row-major order, {@value #PAD} pixels of black padding around and between them.
 *
 * <p>Pixels are written as raw raster samples, never through {@code getRGB}/{@code setRGB}: Java's
 * grayscale color space is linear, so a colour conversion would shift gray levels.
 */
public final class ImageGrid {

    /** Padding in pixels around and between tiles; the padding is black (0). */
    public static final int PAD = 2;

    private ImageGrid() {}

    /**
     * Lays out {@code n} images of {@code channels x h x w} (CHW per image, images contiguous in
     * {@code values}) in a grid of {@code min(columns, n)} columns and {@code ceil(n / columns)}
     * rows. Values map linearly from {@code [lo, hi]} to {@code 0..255} and are clamped; NaN maps
     * to 0. One channel gives a {@code TYPE_BYTE_GRAY} image, three a {@code TYPE_INT_RGB} one.
     */
    public static BufferedImage grid(float[] values, int n, int channels, int h, int w, int columns,
                                     float lo, float hi) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (n < 1 || h < 1 || w < 1 || columns < 1) {
            throw new IllegalArgumentException(
                    "n, h, w and columns must be positive, got " + n + ", " + h + ", " + w + ", " + columns);
        }
        if (!(hi > lo)) {
            throw new IllegalArgumentException("need lo < hi, got [" + lo + ", " + hi + "]");
        }
        long expected = (long) n * channels * h * w;
        if (values.length != expected) {
            throw new IllegalArgumentException("expected " + n + "x" + channels + "x" + h + "x" + w
                    + " = " + expected + " values, got " + values.length);
        }
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        BufferedImage image = new BufferedImage(cols * (w + PAD) + PAD, rows * (h + PAD) + PAD,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        WritableRaster raster = image.getRaster(); // RGB rasters expose bands R, G, B; gray has one
        float scale = 255f / (hi - lo);
        int plane = h * w;
        for (int i = 0; i < n; i++) {
            int left = PAD + (i % cols) * (w + PAD);
            int top = PAD + (i / cols) * (h + PAD);
            for (int c = 0; c < channels; c++) {
                int offset = (i * channels + c) * plane;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int level = Math.round((values[offset + y * w + x] - lo) * scale);
                        raster.setSample(left + x, top + y, c, Math.max(0, Math.min(255, level)));
                    }
                }
            }
        }
        return image;
    }

    /** Enlarges {@code img} by an integer {@code factor} with nearest-neighbour sampling. */
    public static BufferedImage scale(BufferedImage img, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("scale factor must be positive, got " + factor);
        }
        int w = img.getWidth();
        int h = img.getHeight();
        WritableRaster out = img.getColorModel().createCompatibleWritableRaster(w * factor, h * factor);
        WritableRaster in = img.getRaster();
        Object pixel = null;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                pixel = in.getDataElements(x, y, pixel);
                for (int dy = 0; dy < factor; dy++) {
                    for (int dx = 0; dx < factor; dx++) {
                        out.setDataElements(x * factor + dx, y * factor + dy, pixel);
                    }
                }
            }
        }
        return new BufferedImage(img.getColorModel(), out, img.isAlphaPremultiplied(), null);
    }

    /** Writes {@code img} as PNG, atomically. */
    public static void writePng(BufferedImage img, Path file) {
        AtomicFiles.write(file, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                if (!ImageIO.write(img, "png", out)) {
                    throw new IOException("no PNG encoder for image type " + img.getType());
                }
            }
        });
    }

    /** Reads a PNG (or any other format ImageIO can decode). */
    public static BufferedImage readPng(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            BufferedImage image = ImageIO.read(in);
            if (image == null) {
                throw new Gan4jException("cannot read " + file + ": not a PNG image");
            }
            return image;
        } catch (IOException e) {
            throw new Gan4jException("cannot read " + file + ": " + AtomicFiles.reason(file, e), e);
        }
    }
}
