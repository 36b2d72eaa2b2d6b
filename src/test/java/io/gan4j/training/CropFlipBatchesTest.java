package io.gan4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.gan4j.Engines;
import org.junit.jupiter.api.Test;

class CropFlipBatchesTest {

    @Test
    void cropsEachImageToSizeAndKeepsStackedPairsAligned() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int n = 16;
            float[] pixels = new float[n * 2 * 9 * 9];
            for (int i = 0; i < pixels.length; i++) {
                // Both channels of an image hold the same distinct values: an aligned (input, target) pair.
                pixels[i] = (i % 81) + 100 * (i / 162);
            }
            DataSource source = new ImageBatches(pixels, new Shape(n, 2, 9, 9), new long[n], n, 1, manager, "test");
            CropFlipBatches jitter = new CropFlipBatches(source, 6);
            Engines.seed(5);
            NDArray batch = jitter.batch(0, manager).images();
            assertEquals(new Shape(n, 2, 6, 6), batch.getShape());
            NDArray a = batch.get(new NDIndex(":, 0"));
            NDArray b = batch.get(new NDIndex(":, 1"));
            assertEquals(0f, a.sub(b).abs().max().getFloat(), "the same crop and flip for every channel");
            Engines.seed(5);
            assertEquals(0f, jitter.batch(0, manager).images().sub(batch).abs().max().getFloat(), "seeded: repeatable");
            Engines.seed(6);
            assertNotEquals(0f, jitter.batch(0, manager).images().sub(batch).abs().max().getFloat(), "random crops");
        }
    }
}
