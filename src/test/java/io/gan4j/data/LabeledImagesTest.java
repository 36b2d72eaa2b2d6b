package io.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LabeledImagesTest {

    private final LabeledImages set = new LabeledImages(3, 1, 2, new byte[] {1, 2, 3, 4, 5, 6},
            new byte[] {0, (byte) 200, 7}, "test");

    @Test
    void labelsAreUnsigned() {
        assertEquals(200, set.label(1));
        assertEquals(201, set.numClasses());
    }

    @Test
    void subsetCopiesImagesAndLabelsInOrder() {
        LabeledImages s = set.subset(new int[] {2, 0, 2});
        assertEquals(3, s.count());
        assertArrayEquals(new byte[] {5, 6, 1, 2, 5, 6}, s.pixels());
        assertArrayEquals(new byte[] {7, 0, 7}, s.labels());
        assertThrows(IndexOutOfBoundsException.class, () -> set.subset(new int[] {3}));
    }

    @Test
    void unlabeledSet() {
        LabeledImages u = new LabeledImages(3, 1, 2, set.pixels(), null, "u");
        assertEquals(0, u.numClasses());
        assertNull(u.subset(new int[] {1}).labels());
    }

    @Test
    void rejectsInconsistentShapes() {
        assertThrows(IllegalArgumentException.class, () -> new LabeledImages(3, 1, 1, new byte[6], null, "x"));
        assertThrows(IllegalArgumentException.class, () -> new LabeledImages(3, 1, 2, new byte[6], new byte[2], "x"));
        assertThrows(IllegalArgumentException.class, () -> new LabeledImages(0, 0, 2, new byte[0], null, "x"));
    }

    @Test
    void resizingKeepsConstantImagesAndInterpolatesBetweenPixels() {
        byte[] flat = new byte[2 * 4];
        java.util.Arrays.fill(flat, (byte) 200);
        LabeledImages constant = new LabeledImages(2, 2, 2, flat, new byte[] {3, 4}, "t");
        LabeledImages big = constant.resized(5);
        assertEquals(5, big.rows());
        for (byte b : big.pixels()) {
            assertEquals(200, b & 0xff);
        }
        assertArrayEquals(new byte[] {3, 4}, big.labels());
        // a 1x2 step 0 | 255 upsampled to 4 wide: [0, 64, 191, 255] (pixel-centre aligned)
        LabeledImages step = new LabeledImages(1, 2, 2, new byte[] {0, (byte) 255, 0, (byte) 255}, null, "s");
        byte[] row = java.util.Arrays.copyOf(step.resized(4).pixels(), 4);
        assertArrayEquals(new byte[] {0, 64, (byte) 191, (byte) 255}, row);
        assertEquals(constant, constant.resized(2));
    }
}
