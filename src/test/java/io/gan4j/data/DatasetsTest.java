package io.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.Gan4jException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path dir;

    @Test
    void embeddedMnist() {
        assertMnist(Datasets.load(Datasets.DEFAULT, Split.TRAIN), 8000);
        assertMnist(Datasets.load("mnist", Split.TEST), 2000);
    }

    private static void assertMnist(LabeledImages set, int count) {
        assertEquals(count, set.count());
        assertEquals(28, set.rows());
        assertEquals(28, set.cols());
        assertEquals(10, set.numClasses());
        int[] perClass = new int[10];
        for (int i = 0; i < set.count(); i++) {
            perClass[set.label(i)]++;
        }
        for (int c = 0; c < 10; c++) {
            assertTrue(perClass[c] > count / 20, "class " + c + " has " + perClass[c] + " images");
        }
        int lit = 0;
        for (byte p : set.pixels()) {
            lit += p != 0 ? 1 : 0;
        }
        assertTrue(lit > set.pixels().length / 10, "digits, not blank images");
    }

    @Test
    void names() {
        assertEquals(List.of("mnist", "fashion-mnist"), Datasets.names());
    }

    @Test
    void directoryWithPlainAndGzipFiles() {
        Idx.writeImages(dir.resolve("t10k-images-idx3-ubyte"), IdxTest.pixels(2 * 9), 2, 3, 3);
        Idx.writeLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"), new byte[] {4, 1});
        LabeledImages set = Datasets.load(dir.toString(), Split.TEST);
        assertEquals(2, set.count());
        assertEquals(5, set.numClasses());
    }

    @Test
    void directoryMissingLabels() {
        Idx.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), new byte[4], 1, 2, 2);
        Gan4jException e = assertThrows(Gan4jException.class, () -> Datasets.load(dir.toString(), Split.TRAIN));
        assertEquals("missing file " + dir.resolve("train-labels-idx1-ubyte") + "[.gz]", e.getMessage());
    }

    @Test
    void directoryCountMismatch() {
        Idx.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), new byte[8000], 8000, 1, 1);
        Idx.writeLabels(dir.resolve("train-labels-idx1-ubyte.gz"), new byte[7999]);
        Gan4jException e = assertThrows(Gan4jException.class, () -> Datasets.load(dir.toString(), Split.TRAIN));
        assertTrue(e.getMessage().startsWith("images (8000) and labels (7999) differ in count: " + dir),
                e.getMessage());
    }

    @Test
    void unknownName() throws Exception {
        Path notADir = Files.writeString(dir.resolve("file.txt"), "x");
        for (String name : new String[] {"cifar", notADir.toString()}) {
            Gan4jException e = assertThrows(Gan4jException.class, () -> Datasets.load(name, Split.TRAIN));
            assertEquals("unknown data set '" + name
                    + "' (known: mnist, fashion-mnist, a directory with train-images-idx3-ubyte[.gz], or a folder of images)",
                    e.getMessage());
        }
    }
}
