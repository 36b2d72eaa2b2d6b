package io.gan4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.gan4j.Gan4jException;
import io.gan4j.data.LabeledImages;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

class SemiSupervisedBatchesTest {

    /** Image i is filled with the value i and labelled i % 10. */
    private static LabeledImages numbered(int count) {
        byte[] pixels = new byte[count * 4];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            Arrays.fill(pixels, i * 4, i * 4 + 4, (byte) i);
            labels[i] = (byte) (i % 10);
        }
        return new LabeledImages(count, 2, 2, pixels, labels, "numbered");
    }

    @Test
    void labelledExamplesAreClassBalancedDisjointAndSeeded() {
        LabeledImages data = numbered(200);
        int[][] split = SemiSupervisedBatches.split(data, 30, 10, 7);
        assertEquals(30, split[0].length);
        assertEquals(170, split[1].length);
        int[] perClass = new int[10];
        Set<Integer> labelled = new HashSet<>();
        for (int i : split[0]) {
            perClass[data.label(i)]++;
            labelled.add(i);
        }
        assertTrue(Arrays.stream(perClass).allMatch(n -> n == 3), Arrays.toString(perClass));
        assertTrue(Arrays.stream(split[1]).noneMatch(labelled::contains), "a labelled image is also unlabelled");
        assertArrayEquals(split[0], SemiSupervisedBatches.split(data, 30, 10, 7)[0]);
        assertTrue(!Arrays.equals(split[0], SemiSupervisedBatches.split(data, 30, 10, 8)[0]), "the seed chooses");
    }

    @Test
    void aBatchIsUnlabelledImagesWithHiddenLabelsThenLabelledOnes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LabeledImages data = numbered(200);
            SemiSupervisedBatches batches = new SemiSupervisedBatches(data, 20, 16, 3, manager);
            assertEquals(16, batches.labelledBatchSize());
            assertEquals(180 / 16, batches.stepsPerEpoch());
            Set<Integer> labelled = new HashSet<>();
            for (int i : SemiSupervisedBatches.split(data, 20, 10, 3)[0]) {
                labelled.add(i);
            }
            Batch b = batches.batch(5, manager);
            float[] x = b.images().toFloatArray();
            long[] y = b.labels().toLongArray();
            assertEquals(32, y.length);
            for (int row = 0; row < 32; row++) {
                int id = Math.round((x[row * 4] + 1f) * 127.5f);
                if (row < 16) {
                    assertEquals(-1, y[row], "an unlabelled row shows its label");
                    assertTrue(!labelled.contains(id));
                } else {
                    assertEquals(id % 10, y[row]);
                    assertTrue(labelled.contains(id));
                }
            }
        }
    }

    @Test
    void impossibleLabelCountsAreRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Gan4jException e = assertThrows(Gan4jException.class, () -> new SemiSupervisedBatches(numbered(50), 50, 8, 1, manager));
            assertTrue(e.getMessage().contains("--labelled"), e.getMessage());
            assertThrows(Gan4jException.class, () -> new SemiSupervisedBatches(numbered(50), 5, 8, 1, manager));
        }
    }
}
