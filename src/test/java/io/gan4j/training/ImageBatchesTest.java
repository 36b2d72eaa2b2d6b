package io.gan4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.gan4j.data.LabeledImages;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

class ImageBatchesTest {

    /** Image i is filled with the value i and labelled i % 10, so a batch shows what it holds. */
    private static LabeledImages numbered(int count) {
        byte[] pixels = new byte[count * 4];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            java.util.Arrays.fill(pixels, i * 4, i * 4 + 4, (byte) i);
            labels[i] = (byte) (i % 10);
        }
        return new LabeledImages(count, 2, 2, pixels, labels, "numbered");
    }

    @Test
    void everyEpochIsAPermutationScaledToMinusOneOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ImageBatches data = new ImageBatches(numbered(100), 10, 5, manager);
            assertEquals(10, data.stepsPerEpoch());
            for (int epoch = 0; epoch < 3; epoch++) {
                Set<Integer> seen = new HashSet<>();
                for (int s = 0; s < 10; s++) {
                    try (NDManager step = manager.newSubManager()) {
                        System.gc();
                        Batch b = data.batch(epoch * 10L + s, step);
                        float[] x = b.images().toFloatArray();
                        long[] y = b.labels().toLongArray();
                        for (int i = 0; i < 10; i++) {
                            int id = Math.round((x[i * 4] + 1f) * 127.5f);
                            for (int k = 0; k < 4; k++) {
                                assertEquals(id / 127.5f - 1f, x[i * 4 + k], 1e-6f, "pixel of image " + id);
                            }
                            assertEquals(id % 10, y[i], "label of image " + id);
                            seen.add(id);
                        }
                    }
                }
                assertEquals(100, seen.size(), "epoch " + epoch + " covers every image once");
            }
        }
    }
}
