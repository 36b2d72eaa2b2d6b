package io.gan4j.data;

import io.gan4j.Gan4jException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Decodes one image file (PNG, JPEG, BMP, GIF: whatever ImageIO reads) into RGB planes of a
 * square size: alpha composited onto a white or black background, an area-averaging
 * (antialiased) resize of the shorter side to the size, a centre crop.
 *
 * <p>The declared width and height are read from the header first, and a file declaring more
 * than {@link #MAX_PIXELS} is refused before any pixel buffer exists: {@code ImageIO.read} would
 * allocate the whole raster (a 40000×40000 PNG header costs gigabytes). Nearest-neighbour or
 * plain bilinear downscaling would alias: a 1-pixel checkerboard halved becomes stripes or a solid
 * colour instead of grey. Gray images are read as raw samples: {@code getRGB} on an 8-bit gray
 * image goes through a colour conversion that shifts the levels.
 */
public final class ImageDecoder {

    /** Images declaring more pixels than this are refused from their header. */
    public static final long MAX_PIXELS = 100_000_000L;

    /** What transparent pixels are composited onto. */
    public enum Background {
        WHITE(255), BLACK(0);

        final int level;

        Background(int level) {
            this.level = level;
        }

        /** {@code white} or {@code black}, as on the command line. */
        public static Background parse(String name) {
            return switch (name) {
                case "white" -> WHITE;
                case "black" -> BLACK;
                default -> throw new Gan4jException("--background must be white or black, not '" + name + "'");
            };
        }
    }

    private ImageDecoder() {}

    /** What an image's header declares: its size and whether its pixels are 8-bit gray. */
    public record Header(int width, int height, boolean gray) {}

    /** The header of {@code file}, read without decoding pixels; the size is checked as for decoding. */
    public static Header header(Path file) {
        try (InputStream raw = Files.newInputStream(file); ImageInputStream in = ImageIO.createImageInputStream(raw)) {
            return header(in, file.toString());
        } catch (IOException | RuntimeException e) {
            throw failure(file, e);
        }
    }

    /** The header of {@code in} ({@code name} for messages), read without decoding pixels. */
    public static Header header(ImageInputStream in, String name) throws IOException {
        if (in == null) {
            throw new Gan4jException(name + ": cannot open");
        }
        ImageReader reader = reader(in, name);
        try {
            reader.setInput(in, true, true);
            return checked(reader, name);
        } finally {
            reader.dispose();
        }
    }

    private static Header checked(ImageReader reader, String name) throws IOException {
        long w = reader.getWidth(0);
        long h = reader.getHeight(0);
        if (w <= 0 || h <= 0 || w * h > MAX_PIXELS) {
            throw new Gan4jException(name + ": declares " + w + "x" + h + " pixels (more than "
                    + MAX_PIXELS / 1_000_000 + " megapixels or empty); refused");
        }
        javax.imageio.ImageTypeSpecifier raw = reader.getRawImageType(0);
        return new Header((int) w, (int) h, raw != null && raw.getBufferedImageType() == BufferedImage.TYPE_BYTE_GRAY);
    }

    /** The image of {@code file}, its declared size checked from the header before any pixel is decoded. */
    public static BufferedImage read(Path file) {
        try (InputStream raw = Files.newInputStream(file); ImageInputStream in = ImageIO.createImageInputStream(raw)) {
            return read(in, file.toString());
        } catch (IOException | RuntimeException e) {
            throw failure(file, e);
        }
    }

    private static Gan4jException failure(Path file, Exception e) {
        return e instanceof Gan4jException g ? g : new Gan4jException(file + ": cannot decode (" + e + ")", e);
    }

    /**
     * The image of {@code file} as 3 planes of size×size uint8 (R, G, B), image-size checked from
     * its header first. Throws {@link Gan4jException} naming the file when it cannot be decoded.
     */
    public static byte[] decodeRgb(Path file, int size, Background background) {
        BufferedImage image = read(file);
        try {
            return resizeCrop(image, size, background);
        } catch (RuntimeException e) {
            throw failure(file, e);
        }
    }

    /** Reads the first image of {@code in} after checking its declared size. */
    static BufferedImage read(ImageInputStream in, String name) throws IOException {
        if (in == null) {
            throw new Gan4jException(name + ": cannot open");
        }
        ImageReader reader = reader(in, name);
        try {
            reader.setInput(in, true, true);
            checked(reader, name);
            return reader.read(0);
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader reader(ImageInputStream in, String name) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new Gan4jException(name + ": not an image format gan4j reads (PNG, JPEG, BMP, GIF)");
        }
        return readers.next();
    }

    /**
     * {@code image} composited onto {@code background}, its shorter side resized to {@code size}
     * (area average when shrinking, bilinear when enlarging), centre-cropped to size×size: 3
     * planes R, G, B.
     */
    public static byte[] resizeCrop(BufferedImage image, int size, Background background) {
        int w = image.getWidth();
        int h = image.getHeight();
        double scale = (double) size / Math.min(w, h);
        // The resized image is tw×th; the crop keeps [ox, ox + size) × [oy, oy + size) of it.
        int tw = Math.max(size, (int) Math.round(w * scale));
        int th = Math.max(size, (int) Math.round(h * scale));
        Axis xs = new Axis(w, tw, (tw - size) / 2, size);
        Axis ys = new Axis(h, th, (th - size) / 2, size);
        // Horizontal pass, row by row: [3][h][size] floats, never the whole source as floats.
        float[][] rows = new float[3][h * size];
        int[] argb = new int[w];
        float[] rgb = new float[3 * w];
        boolean rawGray = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
        Raster raster = image.getRaster();
        for (int y = 0; y < h; y++) {
            composite(image, raster, rawGray, y, argb, rgb, background.level);
            for (int c = 0; c < 3; c++) {
                for (int x = 0; x < size; x++) {
                    rows[c][y * size + x] = xs.apply(rgb, c * w, 1, x);
                }
            }
        }
        byte[] out = new byte[3 * size * size];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    float v = ys.apply(rows[c], x, size, y);
                    out[(c * size + y) * size + x] = (byte) Math.min(255, Math.max(0, Math.round(v)));
                }
            }
        }
        return out;
    }

    /** One luma plane (ITU-R BT.601) of R, G, B planes of {@code n} pixels each; exact for gray input. */
    public static byte[] luma(byte[] rgb, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            int r = rgb[i] & 0xff;
            int g = rgb[n + i] & 0xff;
            int b = rgb[2 * n + i] & 0xff;
            out[i] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
        }
        return out;
    }

    /** Row y of the image as R, G, B planes in 0..255, alpha composited onto {@code back}. */
    private static void composite(BufferedImage image, Raster raster, boolean rawGray, int y, int[] argb, float[] rgb, int back) {
        int w = argb.length;
        if (rawGray) {
            for (int x = 0; x < w; x++) {
                float v = raster.getSample(x, y, 0);
                rgb[x] = v;
                rgb[w + x] = v;
                rgb[2 * w + x] = v;
            }
            return;
        }
        image.getRGB(0, y, w, 1, argb, 0, w);
        for (int x = 0; x < w; x++) {
            int p = argb[x];
            float a = (p >>> 24) / 255f;
            for (int c = 0; c < 3; c++) {
                int v = (p >> (16 - 8 * c)) & 0xff;
                rgb[c * w + x] = a * v + (1 - a) * back;
            }
        }
    }

    /**
     * One axis of the resize: for each kept output coordinate, the source samples and weights.
     * Shrinking, output pixel i covers source interval [i·s, (i+1)·s) with s = src/dst, each
     * source pixel weighted by its overlap (area averaging); enlarging, the two nearest source
     * centres are interpolated linearly.
     */
    private static final class Axis {
        final int[][] index;
        final float[][] weight;

        Axis(int src, int dst, int offset, int kept) {
            index = new int[kept][];
            weight = new float[kept][];
            double s = (double) src / dst;
            for (int i = 0; i < kept; i++) {
                int o = i + offset;
                if (s >= 1) {
                    double from = o * s;
                    double to = (o + 1) * s;
                    int first = (int) Math.floor(from);
                    int last = Math.min(src - 1, (int) Math.ceil(to) - 1);
                    index[i] = new int[last - first + 1];
                    weight[i] = new float[last - first + 1];
                    for (int k = first; k <= last; k++) {
                        double overlap = Math.min(to, k + 1) - Math.max(from, k);
                        index[i][k - first] = k;
                        weight[i][k - first] = (float) (overlap / s);
                    }
                } else {
                    double f = Math.max(0, (o + 0.5) * s - 0.5);
                    int a = Math.min((int) f, src - 1);
                    int b = Math.min(a + 1, src - 1);
                    float t = (float) (f - a);
                    index[i] = new int[] {a, b};
                    weight[i] = new float[] {1 - t, t};
                }
            }
        }

        /** Output sample i from {@code values[base + k·stride]} over the source coordinates k. */
        float apply(float[] values, int base, int stride, int i) {
            float sum = 0;
            for (int k = 0; k < index[i].length; k++) {
                sum += weight[i][k] * values[base + index[i][k] * stride];
            }
            return sum;
        }
    }
}
