package io.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.Gan4jException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

class ImageDecoderTest {

    static Path write(BufferedImage image, String format, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(image, format, file.toFile()), format);
        return file;
    }

    private static int[] rgbAt(byte[] planes, int size, int x, int y) {
        int n = size * size;
        int i = y * size + x;
        return new int[] {planes[i] & 0xff, planes[n + i] & 0xff, planes[2 * n + i] & 0xff};
    }

    @Test
    void rgbaPngIsCompositedOntoTheChosenBackground(@TempDir Path tmp) throws Exception {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0xFFFF0000); // opaque red
        image.setRGB(1, 0, 0x00123456); // transparent
        image.setRGB(0, 1, 0x800000FF); // half-transparent blue
        image.setRGB(1, 1, 0xFF00FF00);
        Path png = write(image, "png", tmp.resolve("rgba.png"));
        byte[] white = ImageDecoder.decodeRgb(png, 2, ImageDecoder.Background.WHITE);
        byte[] black = ImageDecoder.decodeRgb(png, 2, ImageDecoder.Background.BLACK);
        assertArrayEquals(new int[] {255, 0, 0}, rgbAt(white, 2, 0, 0));
        assertArrayEquals(new int[] {255, 255, 255}, rgbAt(white, 2, 1, 0));
        assertArrayEquals(new int[] {0, 0, 0}, rgbAt(black, 2, 1, 0));
        assertArrayEquals(new int[] {127, 127, 255}, rgbAt(white, 2, 0, 1));
        assertArrayEquals(new int[] {0, 0, 128}, rgbAt(black, 2, 0, 1));
    }

    @Test
    void grayPngKeepsItsLevels(@TempDir Path tmp) throws Exception {
        BufferedImage image = new BufferedImage(3, 3, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(1, 1, 0, 100);
        image.getRaster().setSample(0, 0, 0, 37);
        byte[] planes = ImageDecoder.decodeRgb(write(image, "png", tmp.resolve("gray.png")), 3, ImageDecoder.Background.WHITE);
        assertArrayEquals(new int[] {100, 100, 100}, rgbAt(planes, 3, 1, 1));
        assertArrayEquals(new int[] {37, 37, 37}, rgbAt(planes, 3, 0, 0));
        assertTrue(ImageDecoder.header(tmp.resolve("gray.png")).gray());
    }

    @Test
    void jpegDecodesToItsColourWithinCompressionError(@TempDir Path tmp) throws Exception {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, 0xC83232);
            }
        }
        byte[] planes = ImageDecoder.decodeRgb(write(image, "jpg", tmp.resolve("c.jpg")), 8, ImageDecoder.Background.WHITE);
        int[] rgb = rgbAt(planes, 8, 4, 4);
        assertEquals(200, rgb[0], 6);
        assertEquals(50, rgb[1], 6);
        assertEquals(50, rgb[2], 6);
    }

    @Test
    void paletteGifDecodesItsPaletteColours(@TempDir Path tmp) throws Exception {
        IndexColorModel palette = new IndexColorModel(8, 2, new byte[] {(byte) 10, (byte) 250}, new byte[] {(byte) 20, (byte) 240},
                new byte[] {(byte) 200, (byte) 5});
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED, palette);
        for (int y = 0; y < 8; y++) {
            for (int x = 4; x < 8; x++) {
                image.getRaster().setSample(x, y, 0, 1);
            }
        }
        byte[] planes = ImageDecoder.decodeRgb(write(image, "gif", tmp.resolve("p.gif")), 8, ImageDecoder.Background.WHITE);
        assertArrayEquals(new int[] {10, 20, 200}, rgbAt(planes, 8, 0, 0));
        assertArrayEquals(new int[] {250, 240, 5}, rgbAt(planes, 8, 6, 6));
    }

    @Test
    void aOnePixelCheckerboardHalvedIsFlatGrey() {
        BufferedImage board = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                board.getRaster().setSample(x, y, 0, (x + y) % 2 == 0 ? 255 : 0);
            }
        }
        byte[] planes = ImageDecoder.resizeCrop(board, 8, ImageDecoder.Background.WHITE);
        for (byte b : planes) {
            assertEquals(128, b & 0xff, 1, "area average of 2x2 black and white");
        }
    }

    @Test
    void theShorterSideIsResizedAndTheCentreCropped() {
        BufferedImage wide = new BufferedImage(8, 4, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 8; x++) {
                wide.getRaster().setSample(x, y, 0, x < 2 || x >= 6 ? 0 : 200);
            }
        }
        byte[] planes = ImageDecoder.resizeCrop(wide, 2, ImageDecoder.Background.WHITE);
        // Halved to 4x2, the centre 2x2 is the 200 band.
        for (byte b : planes) {
            assertEquals(200, b & 0xff);
        }
    }

    /** A PNG header declaring 40000x40000 (a 6.4 GB raster) is refused before any pixel buffer is made. */
    @Test
    void aPixelBombIsRefusedFromItsHeader(@TempDir Path tmp) throws Exception {
        Path bomb = tmp.resolve("bomb.png");
        Files.write(bomb, pngHeader(40000, 40000));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        Gan4jException e = assertThrows(Gan4jException.class,
                () -> ImageDecoder.decodeRgb(bomb, 64, ImageDecoder.Background.WHITE));
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(e.getMessage().contains("bomb.png") && e.getMessage().contains("40000x40000"), e.getMessage());
        assertTrue(allocated < 64L << 20, "allocated " + allocated + " bytes");
    }

    /** The PNG signature, an IHDR chunk for an 8-bit RGBA image of w×h, an empty IDAT and IEND. */
    static byte[] pngHeader(int w, int h) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.write(new byte[] {8, 6, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IDAT", new byte[0]);
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws Exception {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
