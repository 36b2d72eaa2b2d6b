package io.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.Gan4jException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

/** The pix2pix folder reader checks sizes before it allocates. */
class Pix2PixFolderTest {

    @Test
    void aPairHeaderClaiming40000x40000IsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("train"));
        Files.write(dir.resolve("train/bomb.png"), ImageDecoderTest.pngHeader(40000, 40000));
        Gan4jException e = assertThrows(Gan4jException.class, () -> Pix2PixFolder.read(dir.toString(), Split.TRAIN, 64));
        assertTrue(e.getMessage().contains("bomb.png") && e.getMessage().contains("40000x40000"), e.getMessage());
    }

    /** 140 tiny colour pairs at 2048 px: 3.5 GB of pairs, refused in one line instead of an int overflow. */
    @Test
    void pairsTooLargeForMemoryAreRefusedBeforeAllocating(@TempDir Path dir) throws Exception {
        BufferedImage pair = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        pair.setRGB(0, 0, 0xFF0000);
        for (int i = 0; i < 140; i++) {
            ImageDecoderTest.write(pair, "png", dir.resolve("train").resolve(i + ".png"));
        }
        Gan4jException e = assertThrows(Gan4jException.class, () -> Pix2PixFolder.read(dir.toString(), Split.TRAIN, 2048));
        assertTrue(e.getMessage().contains("use a smaller --image-size"), e.getMessage());
    }
}
