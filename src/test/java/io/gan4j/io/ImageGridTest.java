package io.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.Gan4jException;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {

    @TempDir
    Path dir;

    @Test
    void gridSizeFollowsMakeGrid() {
        BufferedImage img = ImageGrid.grid(new float[10 * 28 * 28], 10, 1, 28, 28, 4, -1, 1);
        assertEquals(4 * 30 + 2, img.getWidth());
        assertEquals(3 * 30 + 2, img.getHeight()); // ceil(10 / 4) rows
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
    }

    @Test
    void fewerImagesThanColumnsUsesOneShortRow() {
        BufferedImage img = ImageGrid.grid(new float[2 * 3 * 4 * 5], 2, 3, 4, 5, 8, 0, 1);
        assertEquals(2 * 7 + 2, img.getWidth());
        assertEquals(4 + 4, img.getHeight());
        assertEquals(BufferedImage.TYPE_INT_RGB, img.getType());
    }

    @Test
    void mapsRangeLinearlyWithClamping() {
        float[] v = {-1f, 1f, 0f, -5f, 5f, Float.NaN};
        Raster r = ImageGrid.grid(v, 1, 1, 1, 6, 1, -1f, 1f).getRaster();
        int[] row = r.getSamples(2, 2, 6, 1, 0, new int[6]);
        assertArrayEquals(new int[] {0, 255, 128, 0, 255, 0}, row);
        assertEquals(0, r.getSample(0, 0, 0)); // black padding
        assertEquals(0, r.getSample(1, 2, 0));
    }

    @Test
    void placesRgbChannelsAndTilesInRowMajorOrder() {
        // Two 1x1 RGB images in CHW: image 0 = (lo, hi, mid), image 1 = (hi, lo, lo).
        float[] v = {0f, 1f, 0.5f, 1f, 0f, 0f};
        BufferedImage img = ImageGrid.grid(v, 2, 3, 1, 1, 2, 0f, 1f);
        assertEquals(0x00ff80, img.getRGB(2, 2) & 0xffffff);
        assertEquals(0xff0000, img.getRGB(5, 2) & 0xffffff);
    }

    @Test
    void rejectsMismatchedValueCount() {
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.grid(new float[5], 1, 1, 2, 2, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.grid(new float[8], 2, 2, 1, 2, 1, 0, 1));
    }

    @Test
    void scaleRepeatsPixels() {
        BufferedImage img = ImageGrid.grid(new float[] {0f, 1f}, 1, 1, 1, 2, 1, 0f, 1f);
        BufferedImage big = ImageGrid.scale(img, 3);
        assertEquals(img.getWidth() * 3, big.getWidth());
        assertEquals(img.getHeight() * 3, big.getHeight());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, big.getType());
        for (int y = 0; y < big.getHeight(); y++) {
            for (int x = 0; x < big.getWidth(); x++) {
                assertEquals(img.getRaster().getSample(x / 3, y / 3, 0), big.getRaster().getSample(x, y, 0));
            }
        }
    }

    @Test
    void pngRoundTripKeepsSamples() {
        float[] gray = new float[2 * 16];
        float[] rgb = new float[2 * 3 * 16];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = i / (float) gray.length;
        }
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (i * 37 % 101) / 100f;
        }
        for (BufferedImage img : new BufferedImage[] {
                ImageGrid.grid(gray, 2, 1, 4, 4, 2, 0f, 1f), ImageGrid.grid(rgb, 2, 3, 4, 4, 1, 0f, 1f)}) {
            Path file = dir.resolve("samples/step-" + img.getType() + ".png");
            ImageGrid.writePng(img, file);
            BufferedImage back = ImageGrid.readPng(file);
            assertEquals(img.getWidth(), back.getWidth());
            assertEquals(img.getHeight(), back.getHeight());
            assertEquals(img.getRaster().getNumBands(), back.getRaster().getNumBands());
            for (int b = 0; b < img.getRaster().getNumBands(); b++) {
                assertArrayEquals(samples(img, b), samples(back, b));
            }
        }
    }

    @Test
    void readPngReportsMissingAndCorruptFiles() throws IOException {
        Path missing = dir.resolve("nope.png");
        Gan4jException e = assertThrows(Gan4jException.class, () -> ImageGrid.readPng(missing));
        assertTrue(e.getMessage().startsWith("cannot read " + missing + ": "), e.getMessage());

        Path junk = Files.writeString(dir.resolve("junk.png"), "not an image");
        e = assertThrows(Gan4jException.class, () -> ImageGrid.readPng(junk));
        assertEquals("cannot read " + junk + ": not a PNG image", e.getMessage());
    }

    private static int[] samples(BufferedImage img, int band) {
        return img.getRaster().getSamples(0, 0, img.getWidth(), img.getHeight(), band, (int[]) null);
    }
}
