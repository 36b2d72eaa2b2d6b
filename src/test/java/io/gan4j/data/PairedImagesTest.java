package io.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.Gan4jException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

class PairedImagesTest {

    /** One 12×12 image: a filled 6×6 white square at (3, 3) on black, label 7. */
    private static LabeledImages square() {
        byte[] p = new byte[144];
        for (int y = 3; y < 9; y++) {
            for (int x = 3; x < 9; x++) {
                p[y * 12 + x] = (byte) 255;
            }
        }
        return new LabeledImages(1, 12, 12, p, new byte[] {7}, "square");
    }

    @Test
    void edgesOutlineTheShapeAndKeepTheImageAsTarget() {
        PairedImages pairs = PairedImages.edges(square());
        byte[] e = pairs.inputs();
        assertEquals(0, e[6 * 12 + 6], "flat inside: no edge");
        assertEquals(0, e[0], "flat background: no edge");
        assertEquals((byte) 255, e[3 * 12 + 6], "the square's border is an edge");
        assertEquals((byte) 255, e[2 * 12 + 6], "on both sides of the step");
        assertArrayEquals(square().pixels(), pairs.targets());
        assertEquals(7, pairs.labels()[0]);
    }

    @Test
    void maskedHidesAGraySquareOfThreeSeventhsOfTheSide() {
        LabeledImages digits = new LabeledImages(3, 28, 28, new byte[3 * 28 * 28], null, "black");
        PairedImages pairs = PairedImages.masked(digits);
        for (int n = 0; n < 3; n++) {
            int gray = 0;
            for (int i = n * 784; i < (n + 1) * 784; i++) {
                gray += pairs.inputs()[i] == (byte) 128 ? 1 : 0;
            }
            assertEquals(12 * 12, gray, "one 12x12 square hidden in each 28x28 image");
        }
        assertTrue(!java.util.Arrays.equals(java.util.Arrays.copyOf(pairs.inputs(), 784),
                java.util.Arrays.copyOfRange(pairs.inputs(), 784, 1568)), "the square moves from image to image");
        assertArrayEquals(digits.pixels(), pairs.targets());
        PairedImages back = pairs.swapped();
        assertArrayEquals(pairs.inputs(), back.targets());
    }

    @Test
    void taskNamesResolveAndColorizeIsRefused(@TempDir Path tmp) throws Exception {
        assertEquals(PairedImages.EDGES, PairedImages.resolveTask("mnist", null));
        Files.createDirectories(tmp.resolve("train"));
        assertEquals(PairedImages.FOLDER, PairedImages.resolveTask(tmp.toString(), null));
        Gan4jException e = assertThrows(Gan4jException.class, () -> PairedImages.resolveTask("mnist", "colorize"));
        assertTrue(e.getMessage().contains("grayscale"), e.getMessage());
        assertThrows(Gan4jException.class, () -> PairedImages.resolveTask("mnist", "nope"));
    }

    @Test
    void readsAPix2PixFolderOfSideBySidePairs(@TempDir Path tmp) throws Exception {
        Path train = Files.createDirectories(tmp.resolve("train"));
        BufferedImage gray = new BufferedImage(8, 4, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 8; x++) {
                gray.getRaster().setSample(x, y, 0, x < 4 ? 10 * y : 200);
            }
        }
        ImageIO.write(gray, "png", train.resolve("a.png").toFile());
        PairedImages pairs = Pix2PixFolder.read(tmp.toString(), Split.TRAIN, 4);
        assertEquals(1, pairs.channels(), "all gray: one channel");
        assertEquals(20, pairs.inputs()[2 * 4 + 1], "left half is A, raw gray level");
        assertEquals((byte) 200, pairs.targets()[5], "right half is B");
        BufferedImage rgb = new BufferedImage(8, 4, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0x102030);
        ImageIO.write(rgb, "png", train.resolve("b.png").toFile());
        pairs = Pix2PixFolder.read(tmp.toString(), Split.TRAIN, 8);
        assertEquals(3, pairs.channels(), "a colour file makes the set RGB");
        assertEquals(2, pairs.count());
        assertEquals(8, pairs.rows(), "resized");
        Files.writeString(train.resolve("c.png"), "not an image");
        assertThrows(Gan4jException.class, () -> Pix2PixFolder.read(tmp.toString(), Split.TRAIN, 8));
        assertThrows(Gan4jException.class, () -> Pix2PixFolder.read(tmp.toString(), Split.TEST, 8), "no test/ or val/");
    }
}
