package io.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.Gan4jException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

class ImageFolderTest {

    private static final ImageFolder.Options ALL = new ImageFolder.Options(4, null, ImageDecoder.Background.WHITE, 0);

    static Path solid(Path file, int rgb) throws Exception {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return ImageDecoderTest.write(image, "png", file);
    }

    private static LabeledImages load(Path dir, ImageFolder.Options o, ByteArrayOutputStream log) {
        return ImageFolder.load(dir, Split.TRAIN, o, new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @Test
    void topLevelSubfoldersAreSortedClassesAndDeeperFoldersBelongToThem(@TempDir Path dir) throws Exception {
        solid(dir.resolve("zebra/1.png"), 0x010101);
        solid(dir.resolve("apple/2.png"), 0x020202);
        solid(dir.resolve("apple/deep/er/3.png"), 0x030303);
        Files.writeString(dir.resolve("apple/readme.txt"), "not an image");
        LabeledImages images = load(dir, ALL, new ByteArrayOutputStream());
        assertEquals(List.of("apple", "zebra"), images.classNames());
        assertEquals(3, images.count());
        // Sorted by path: apple/2, apple/deep/er/3, zebra/1.
        assertArrayEquals(new byte[] {0, 0, 1}, images.labels());
        assertEquals(1, images.channels(), "gray images make a 1-channel set");
        assertArrayEquals(new byte[] {2, 3, 1}, new byte[] {images.pixels()[0], images.pixels()[16], images.pixels()[32]});
    }

    @Test
    void imagesAtTheTopMakeAnUnlabelledColourSet(@TempDir Path dir) throws Exception {
        solid(dir.resolve("a.png"), 0xFF0000);
        solid(dir.resolve("sub/b.png"), 0x00FF00);
        LabeledImages images = load(dir, ALL, new ByteArrayOutputStream());
        assertNull(images.labels());
        assertEquals(3, images.channels());
        assertEquals(0, images.numClasses());
    }

    @Test
    void aChangedFileInvalidatesTheCacheAndAnUnchangedFolderReusesIt(@TempDir Path dir) throws Exception {
        Path file = solid(dir.resolve("c/x.png"), 0x404040);
        solid(dir.resolve("c/y.png"), 0x505050);
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        assertEquals(0x40, load(dir, ALL, first).pixels()[0]);
        assertTrue(first.toString().contains("decoded 2 image files"), first.toString());
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        load(dir, ALL, second);
        assertFalse(second.toString().contains("decoded"), "second load reads the cache: " + second);

        solid(file, 0x606060);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        ByteArrayOutputStream third = new ByteArrayOutputStream();
        assertEquals(0x60, load(dir, ALL, third).pixels()[0]);
        assertTrue(third.toString().contains("decoded 2 image files"), third.toString());
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        load(dir, new ImageFolder.Options(2, null, ImageDecoder.Background.WHITE, 0), other);
        assertTrue(other.toString().contains("decoded"), "another size is another cache");
    }

    @Test
    void aCorruptFileIsSkippedAndNamed(@TempDir Path dir) throws Exception {
        solid(dir.resolve("good.png"), 0x101010);
        Files.write(dir.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Files.write(dir.resolve("bomb.png"), ImageDecoderTest.pngHeader(40000, 40000));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        LabeledImages images = load(dir, ALL, log);
        assertEquals(1, images.count());
        String text = log.toString();
        assertTrue(text.contains("warning: skipped " + dir.resolve("broken.png")), text);
        assertTrue(text.contains("warning: skipped " + dir.resolve("bomb.png")) && text.contains("40000x40000"), text);
        assertTrue(text.contains("2 unreadable image file(s) skipped"), text);
    }

    @Test
    void theHoldoutSplitIsDeterministicDisjointAndComplete(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 30; i++) {
            solid(dir.resolve("k/" + i + ".png"), i * 0x010101);
        }
        ImageFolder.Options half = new ImageFolder.Options(4, 1, ImageDecoder.Background.WHITE, 0.5);
        LabeledImages train = load(dir, half, new ByteArrayOutputStream());
        LabeledImages test = ImageFolder.load(dir, Split.TEST, half, new PrintStream(new ByteArrayOutputStream()));
        assertEquals(30, train.count() + test.count());
        assertTrue(train.count() > 5 && test.count() > 5, train.count() + " / " + test.count());
        Set<Byte> levels = new HashSet<>();
        for (LabeledImages part : List.of(train, test)) {
            for (int i = 0; i < part.count(); i++) {
                assertTrue(levels.add(part.pixels()[i * 16]), "an image in both parts");
            }
        }
        assertArrayEquals(train.pixels(), load(dir, half, new ByteArrayOutputStream()).pixels());
        assertThrows(Gan4jException.class, () -> ImageFolder.load(dir, Split.TEST, ALL, new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void explicitChannelsAndPerClassCountsAreReported(@TempDir Path dir) throws Exception {
        solid(dir.resolve("b/1.png"), 0xFF0000);
        solid(dir.resolve("a/1.png"), 0x00FF00);
        solid(dir.resolve("a/2.png"), 0x00FF00);
        solid(dir.resolve("a/3.png"), 0x00FF00);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        LabeledImages gray = load(dir, new ImageFolder.Options(4, 1, ImageDecoder.Background.WHITE, 0), log);
        assertEquals(1, gray.channels());
        assertEquals(150, gray.pixels()[0] & 0xff, 1, "luma of pure green");
        assertTrue(log.toString().contains("2 classes: a 3, b 1"), log.toString());
        assertTrue(log.toString().contains("unbalanced"), log.toString());
    }
}
