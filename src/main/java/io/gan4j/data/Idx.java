package io.gan4j.data;

import io.gan4j.Gan4jException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes the IDX format of MNIST-style data sets, uint8 only: images (magic 0x00000803,
 * then count, rows, cols) and labels (magic 0x00000801, then count), all big-endian 32-bit.
 * Files may be gzip-compressed; that is detected from the content, not the name.
 *
 * <p>Every problem with the data is a {@link Gan4jException} whose one-line message names the file.
 * Header sizes are checked against bounds (image sides, total bytes) before anything is read, and
 * never trusted for allocation: buffers grow only as far as the data really goes.
 */
public final class Idx {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    /** Largest image side read (MNIST's is 28): a header claiming more is corrupt or hostile. */
    static final long MAX_SIDE = 4096;
    /** Most bytes of pixels or labels held, 1 GiB: a gzip bomb's data would otherwise fill the heap. */
    static final long MAX_BYTES = 1L << 30;
    private static final int BUFFER = 1 << 16;

    private Idx() {
    }

    /** Reads an IDX3 uint8 image file (plain or gzip); the result has no labels. */
    public static LabeledImages readImages(Path file) {
        try {
            return readImages(Files.newInputStream(file), file.toString());
        } catch (IOException e) {
            throw failure(file.toString(), e);
        }
    }

    /** Reads an IDX1 uint8 label file (plain or gzip). */
    public static byte[] readLabels(Path file) {
        try {
            return readLabels(Files.newInputStream(file), file.toString());
        } catch (IOException e) {
            throw failure(file.toString(), e);
        }
    }

    /** Reads an image file and its label file, which must hold the same number of entries. */
    public static LabeledImages read(Path imagesFile, Path labelsFile) {
        LabeledImages images = readImages(imagesFile);
        return withLabels(images, readLabels(labelsFile), labelsFile.toString());
    }

    /**
     * Reads images, then labels, from streams (e.g. classpath resources), closing each once read;
     * the names are used in messages and as the source.
     */
    public static LabeledImages read(InputStream images, String imagesName, InputStream labels, String labelsName) {
        LabeledImages read = readImages(images, imagesName);
        return withLabels(read, readLabels(labels, labelsName), labelsName);
    }

    /** Writes an IDX3 uint8 image file, gzip-compressed when the name ends in {@code .gz}. */
    public static void writeImages(Path file, byte[] pixels, int count, int rows, int cols) {
        // The record checks that the shape is positive and matches the pixel count.
        new LabeledImages(count, rows, cols, pixels, null, file.toString());
        write(file, IMAGES_MAGIC, new int[] {count, rows, cols}, pixels);
    }

    /** Writes an IDX1 uint8 label file, gzip-compressed when the name ends in {@code .gz}. */
    public static void writeLabels(Path file, byte[] labels) {
        write(file, LABELS_MAGIC, new int[] {labels.length}, labels);
    }

    private static LabeledImages withLabels(LabeledImages images, byte[] labels, String labelsName) {
        if (labels.length != images.count()) {
            throw new Gan4jException("images (" + images.count() + ") and labels (" + labels.length
                    + ") differ in count: " + images.source() + ", " + labelsName);
        }
        return new LabeledImages(images.count(), images.rows(), images.cols(), images.pixels(), labels,
                images.source());
    }

    private static LabeledImages readImages(InputStream raw, String name) {
        try (DataInputStream in = open(raw)) {
            checkMagic(in, name, IMAGES_MAGIC, "IDX uint8 images");
            long count = readSize(in, name);
            long rows = readSize(in, name);
            long cols = readSize(in, name);
            if (rows == 0 || cols == 0 || rows > MAX_SIDE || cols > MAX_SIDE) {
                throw new Gan4jException(name + ": bad header: images of " + rows + "x" + cols + " pixels (sides of 1 to "
                        + MAX_SIDE + " are read)");
            }
            String claim = "header says " + count + " images of " + rows + "x" + cols;
            // Below 2^32 * 2^31: no overflow.
            byte[] pixels = readBody(in, name, count * rows * cols, claim, "bytes of pixels");
            return new LabeledImages((int) count, (int) rows, (int) cols, pixels, null, name);
        } catch (IOException e) {
            throw failure(name, e);
        }
    }

    private static byte[] readLabels(InputStream raw, String name) {
        try (DataInputStream in = open(raw)) {
            checkMagic(in, name, LABELS_MAGIC, "IDX uint8 labels");
            long count = readSize(in, name);
            return readBody(in, name, count, "header says " + count + " labels", "label bytes");
        } catch (IOException e) {
            throw failure(name, e);
        }
    }

    /** Buffers the stream and inflates it when it starts with the gzip magic bytes 1f 8b. */
    private static DataInputStream open(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER) : in);
    }

    private static void checkMagic(DataInputStream in, String name, int expected, String kind) throws IOException {
        int magic = readHeaderInt(in, name);
        if (magic != expected) {
            throw new Gan4jException(String.format("%s: wrong magic number 0x%08x, expected 0x%08x (%s)",
                    name, magic, expected, kind));
        }
    }

    /** IDX sizes are read as unsigned, so a corrupt huge count reports as such rather than negative. */
    private static long readSize(DataInputStream in, String name) throws IOException {
        return Integer.toUnsignedLong(readHeaderInt(in, name));
    }

    private static int readHeaderInt(DataInputStream in, String name) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new Gan4jException(name + ": truncated: file ends inside the IDX header");
        }
    }

    /**
     * Reads exactly {@code needed} bytes, growing the buffer with the data actually read so that a
     * lying header cannot force a huge allocation.
     */
    private static byte[] readBody(InputStream in, String name, long needed, String claim, String unit)
            throws IOException {
        if (needed > MAX_BYTES) {
            throw new Gan4jException(name + ": too large: " + claim + ", more than the " + (MAX_BYTES >> 20)
                    + " MiB of " + unit + " gan4j reads");
        }
        byte[] buf = new byte[(int) Math.min(needed, BUFFER)];
        int n = 0;
        while (n < needed) {
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(needed, 2L * n));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                throw new Gan4jException(name + ": " + truncated(claim, n, unit));
            }
            n += r;
        }
        return buf;
    }

    private static String truncated(String claim, long got, String unit) {
        return "truncated: " + claim + " but only " + got + " " + unit + " follow";
    }

    private static Gan4jException failure(String name, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new Gan4jException("missing file " + name, e);
        }
        if (e instanceof EOFException) {
            return new Gan4jException(name + ": truncated: compressed data ends early", e);
        }
        return new Gan4jException(name + ": cannot read: " + describe(e), e);
    }

    /** Exception class and message on one line; some JDK exceptions have no message at all. */
    static String describe(Exception e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }

    private static void write(Path file, int magic, int[] dims, byte[] body) {
        try (OutputStream os = Files.newOutputStream(file);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                        file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(os, BUFFER) : os,
                        BUFFER))) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(body);
        } catch (IOException e) {
            throw new Gan4jException(file + ": cannot write: " + describe(e), e);
        }
    }
}
