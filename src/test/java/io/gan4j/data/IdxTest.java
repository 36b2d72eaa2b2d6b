package io.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.Allocations;
import io.gan4j.Gan4jException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @TempDir
    Path dir;

    static byte[] pixels(int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) (i * 7);
        }
        return p;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    /** An IDX header followed by {@code body}, with whatever (possibly lying) sizes the test wants. */
    static byte[] idx(int magic, int[] dims, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + body.length).putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(body).array();
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static void assertFails(String fileName, String problem, Runnable read) {
        Gan4jException e = assertThrows(Gan4jException.class, read::run);
        assertTrue(e.getMessage().contains(fileName), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), "one-line message");
    }

    @Test
    void roundTripPlainAndGzip() throws IOException {
        byte[] p = pixels(3 * 4 * 5);
        byte[] labels = {2, 0, 9};
        for (String suffix : new String[] {"", ".gz"}) {
            Path images = dir.resolve("images" + suffix);
            Path labelFile = dir.resolve("labels" + suffix);
            Idx.writeImages(images, p, 3, 4, 5);
            Idx.writeLabels(labelFile, labels);
            boolean gz = Files.readAllBytes(images)[0] == (byte) 0x1f;
            assertEquals(suffix.equals(".gz"), gz, "compressed iff the name ends in .gz");

            LabeledImages read = Idx.read(images, labelFile);
            assertEquals(3, read.count());
            assertEquals(4, read.rows());
            assertEquals(5, read.cols());
            assertArrayEquals(p, read.pixels());
            assertArrayEquals(labels, read.labels());
            assertEquals(images.toString(), read.source());
            assertNull(Idx.readImages(images).labels());
        }
    }

    @Test
    void detectsGzipByContentNotName() throws IOException {
        byte[] p = pixels(2 * 3 * 3);
        Path gz = dir.resolve("a.gz");
        Idx.writeImages(gz, p, 2, 3, 3);
        Path renamed = Files.move(gz, dir.resolve("images.idx3"));
        assertArrayEquals(p, Idx.readImages(renamed).pixels());
    }

    @Test
    void readsStreams() throws IOException {
        InputStream images = new ByteArrayInputStream(gzip(idx(Idx.IMAGES_MAGIC, new int[] {2, 1, 2}, pixels(4))));
        InputStream labels = new ByteArrayInputStream(idx(Idx.LABELS_MAGIC, new int[] {2}, new byte[] {1, 3}));
        LabeledImages read = Idx.read(images, "res/images.gz", labels, "res/labels");
        assertEquals(3, read.label(1));
        assertEquals("res/images.gz", read.source());
    }

    @Test
    void wrongMagic() throws IOException {
        Path f = file("train-images-idx3-ubyte.gz", gzip(idx(Idx.LABELS_MAGIC, new int[] {1}, new byte[1])));
        assertFails("train-images-idx3-ubyte.gz",
                "wrong magic number 0x00000801, expected 0x00000803 (IDX uint8 images)", () -> Idx.readImages(f));
        Path g = file("labels", idx(Idx.IMAGES_MAGIC, new int[] {1, 1, 1}, new byte[1]));
        assertFails("labels", "expected 0x00000801 (IDX uint8 labels)", () -> Idx.readLabels(g));
    }

    @Test
    void truncatedImages() throws IOException {
        byte[] content = idx(Idx.IMAGES_MAGIC, new int[] {8000, 28, 28}, new byte[1234]);
        String expected = "truncated: header says 8000 images of 28x28 but only 1234 bytes of pixels follow";
        Path plain = file("plain-images", content);
        assertFails("plain-images", expected, () -> Idx.readImages(plain));
        Path gz = file("images.gz", gzip(content));
        assertFails("images.gz", expected, () -> Idx.readImages(gz));
    }

    @Test
    void truncatedLabels() throws IOException {
        Path f = file("labels", idx(Idx.LABELS_MAGIC, new int[] {100}, new byte[99]));
        assertFails("labels", "truncated: header says 100 labels but only 99 label bytes follow",
                () -> Idx.readLabels(f));
    }

    @Test
    void truncatedHeaderAndCutGzipStream() throws IOException {
        Path header = file("short", new byte[] {0, 0, 8, 3, 0, 0});
        assertFails("short", "truncated: file ends inside the IDX header", () -> Idx.readImages(header));
        byte[] gz = gzip(idx(Idx.IMAGES_MAGIC, new int[] {1, 28, 28}, pixels(784)));
        Path cut = file("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        assertFails("cut.gz", "truncated", () -> Idx.readImages(cut));
    }

    @Test
    void hugeHeaderCountsFailWithoutAllocating() throws IOException {
        // 2^31 images of 28x28 would be 1.7 TB; -1 is read as 2^32-1.
        for (int[] dims : new int[][] {{Integer.MIN_VALUE, 28, 28}, {-1, 28, 28}, {Integer.MAX_VALUE, 1, 1}}) {
            byte[] content = idx(Idx.IMAGES_MAGIC, dims, new byte[100]);
            Path plain = file("huge", content);
            Allocations.refusedWithin(() -> Idx.readImages(plain), plain.toString(), "too large: header says");
            Path gz = file("huge.gz", gzip(content));
            Allocations.refusedWithin(() -> Idx.readImages(gz), gz.toString(), "too large: header says");
        }
        Path labels = file("huge-labels", idx(Idx.LABELS_MAGIC, new int[] {Integer.MIN_VALUE}, new byte[3]));
        Allocations.refusedWithin(() -> Idx.readLabels(labels), labels.toString(), "header says 2147483648 labels");
        Path few = file("few-labels", idx(Idx.LABELS_MAGIC, new int[] {1000}, new byte[3]));
        assertFails("few-labels", "header says 1000 labels but only 3", () -> Idx.readLabels(few));
    }

    /** Two 20000² images (a 778 KB gzip once cost 2 GB, then a trace): refused at the header. */
    @Test
    void hugeImagesInAGzipAreRefusedAtTheHeader() throws IOException {
        byte[] content = idx(Idx.IMAGES_MAGIC, new int[] {2, 20000, 20000}, new byte[1 << 20]);
        Path gz = file("big-images.gz", gzip(content));
        Allocations.refusedWithin(() -> Idx.readImages(gz), gz.toString(), "bad header: images of 20000x20000 pixels");
    }

    @Test
    void zeroOrOverflowingImageSize() throws IOException {
        Path f = file("flat", idx(Idx.IMAGES_MAGIC, new int[] {5, 0, 28}, new byte[0]));
        assertFails("flat", "bad header: images of 0x28", () -> Idx.readImages(f));
        Path g = file("wide", idx(Idx.IMAGES_MAGIC, new int[] {1, -1, -1}, new byte[0]));
        assertFails("wide", "bad header: images of 4294967295x4294967295", () -> Idx.readImages(g));
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        Path images = dir.resolve("imgs");
        Path labels = dir.resolve("lbls");
        Idx.writeImages(images, pixels(3 * 4), 3, 2, 2);
        Idx.writeLabels(labels, new byte[2]);
        assertFails(labels.toString(), "images (3) and labels (2) differ in count: " + images,
                () -> Idx.read(images, labels));
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope");
        assertFails(f.toString(), "missing file", () -> Idx.readImages(f));
    }

    @Test
    void writeRejectsWrongPixelCount() {
        assertThrows(IllegalArgumentException.class, () -> Idx.writeImages(dir.resolve("x"), new byte[5], 1, 2, 2));
    }
}
