package io.gan4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import org.junit.jupiter.api.Test;

class DropoutTest {

    /** Kept elements are x / (1 - p), about 1 - p of them; the gradient is the same mask; eval is the identity. */
    @Test
    void keepsAboutOneMinusPScaledAndBackPropagatesTheMask() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            Dropout dropout = new Dropout(0.25f);
            NDArray x = manager.randomUniform(1f, 2f, new Shape(200, 500));
            x.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                y = dropout.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
                // A collection between forward and backward must not disturb what backward reads.
                System.gc();
                collector.backward(y.sum());
            }
            float[] xs = x.toFloatArray();
            float[] ys = y.toFloatArray();
            float[] gs = x.getGradient().toFloatArray();
            int kept = 0;
            for (int i = 0; i < xs.length; i++) {
                boolean keep = ys[i] != 0;
                kept += keep ? 1 : 0;
                assertEquals(keep ? xs[i] * (1 / 0.75f) : 0f, ys[i], 1e-6f, "output " + i);
                assertEquals(keep ? 1 / 0.75f : 0f, gs[i], 1e-6f, "gradient " + i);
            }
            double share = kept / (double) xs.length;
            assertTrue(Math.abs(share - 0.75) < 0.005, "kept share " + share);
            NDList in = new NDList(x);
            assertSame(in, dropout.forward(new ParameterStore(manager, false), in, false), "identity when not training");
        }
    }

    @Test
    void rejectsRatesOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1f));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1f));
    }
}
