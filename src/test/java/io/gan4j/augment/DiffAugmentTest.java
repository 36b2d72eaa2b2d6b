package io.gan4j.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.GradientCollector;
import io.gan4j.Gan4jException;
import io.gan4j.Engines;
import io.gan4j.training.Network;
import org.junit.jupiter.api.Test;

class DiffAugmentTest {

    private static final DiffAugment ALL = DiffAugment.parse("cutout,color,translation");

    @Test
    void parsesAnySubsetAndRejectsOthers() {
        assertEquals(java.util.List.of("color", "translation", "cutout"), ALL.policy());
        assertEquals(java.util.List.of("translation"), DiffAugment.parse("translation").policy());
        assertNull(DiffAugment.parse(""));
        assertThrows(Gan4jException.class, () -> DiffAugment.parse("color,flip"));
    }

    /** Every image gets its own draws; the same seed gives the same draws. */
    @Test
    void drawsArePerImageAndFollowTheSeed() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(-1f, 1f, new Shape(1, 3, 16, 16)).repeat(0, 4);
            Engines.seed(42);
            float[] a = ALL.apply(x).toFloatArray();
            Engines.seed(42);
            float[] b = ALL.apply(x).toFloatArray();
            Engines.seed(43);
            float[] c = ALL.apply(x).toFloatArray();
            assertArrayEquals(a, b);
            assertFalse(java.util.Arrays.equals(a, c));
            int plane = 3 * 16 * 16;
            int distinct = 0;
            for (int i = 1; i < 4; i++) {
                boolean same = true;
                for (int j = 0; j < plane; j++) {
                    same &= a[j] == a[i * plane + j];
                }
                distinct += same ? 0 : 1;
            }
            assertEquals(3, distinct, "four copies of one image, four different augmentations");
        }
    }

    /** An MLP discriminator's flattened images are augmented as the images they are. */
    @Test
    void flattenedImagesAreAugmentedAsImages() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.randomUniform(-1f, 1f, new Shape(4, 1, 28, 28));
            Engines.seed(5);
            float[] expected = ALL.apply(images).toFloatArray();
            Engines.seed(5);
            NDArray flat = ALL.forInput(new int[] {1, 28, 28}).apply(images.reshape(4, 784));
            assertEquals(new Shape(4, 784), flat.getShape());
            assertArrayEquals(expected, flat.toFloatArray());
            Engines.seed(5);
            assertArrayEquals(expected, ALL.forInput(new int[] {1, 28, 28}).apply(images).toFloatArray(), "images pass as they are");
        }
    }

    /** Translation moves pixels by whole steps, zeros shifted in; cutout zeroes half the side. */
    @Test
    void translationShiftsAndCutoutZeroes() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray ones = m.ones(new Shape(8, 1, 16, 16));
            Engines.seed(3);
            float[] cut = DiffAugment.parse("cutout").apply(ones).toFloatArray();
            for (int i = 0; i < 8; i++) {
                int zeros = 0;
                for (int j = 0; j < 256; j++) {
                    zeros += cut[i * 256 + j] == 0 ? 1 : 0;
                }
                assertTrue(zeros > 0 && zeros <= 64, "an 8x8 square, clipped: " + zeros);
            }
            NDArray ramp = m.arange(16f).reshape(1, 1, 1, 16).repeat(2, 16).repeat(0, 8);
            Engines.seed(4);
            float[] moved = DiffAugment.parse("translation").apply(ramp).toFloatArray();
            for (int i = 0; i < 8; i++) {
                // Row 8 of each image: x + d with d in [-2, 2] where inside, else 0.
                float first = moved[i * 256 + 8 * 16 + 8] - 8;
                assertTrue(first >= -2 && first <= 2, "shift " + first);
            }
        }
    }

    /**
     * Gradients flow through colour, translation and cutout: autograd's gradient of a weighted
     * sum of aug(G(z)) with respect to z matches central finite differences (the same draws each
     * time: the generator is reseeded before every evaluation).
     */
    @Test
    void isDifferentiableThroughEveryOperation() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engines.seed(1);
            NDArray weights = m.randomNormal(new Shape(2, 3, 8, 8));
            NDArray project = m.randomNormal(0f, 0.3f, new Shape(4, 2 * 3 * 8 * 8), ai.djl.ndarray.types.DataType.FLOAT32);
            NDArray z = m.randomNormal(new Shape(1, 4));
            z.setRequiresGradient(true);
            float[] analytic;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = objective(z, project, weights);
                collector.backward(loss);
                analytic = z.getGradient().toFloatArray();
            }
            float eps = 1e-2f;
            float[] base = z.toFloatArray();
            for (int i = 0; i < base.length; i++) {
                float[] plus = base.clone();
                float[] minus = base.clone();
                plus[i] += eps;
                minus[i] -= eps;
                float fPlus = objective(m.create(plus, new Shape(1, 4)), project, weights).getFloat();
                float fMinus = objective(m.create(minus, new Shape(1, 4)), project, weights).getFloat();
                float numeric = (fPlus - fMinus) / (2 * eps);
                assertEquals(numeric, analytic[i], 2e-2f * Math.max(1f, Math.abs(numeric)), "dz" + i);
            }
            assertTrue(analytic[0] != 0f || analytic[1] != 0f, "a gradient reaches z");
        }
    }

    /** A tiny "generator" tanh(z·P) to images [2, 3, 8, 8], augmented, weighted and summed. */
    private static NDArray objective(NDArray z, NDArray project, NDArray weights) {
        Engines.seed(5);
        NDArray images = z.matMul(project).tanh().reshape(2, 3, 8, 8);
        return ALL.apply(images).mul(weights).sum();
    }

    /** A network given the augmentation transforms its input in training passes only. */
    @Test
    void aNetworkAugmentsItsInputInTrainingPassesOnly() {
        try (NDManager m = NDManager.newBaseManager()) {
            Network identity = Network.create("d", new LambdaBlock(x -> new NDList(x.singletonOrThrow().mul(1f))), m,
                    new Shape(1, 3, 8, 8));
            identity.setInputAugment(ALL);
            NDArray x = m.randomUniform(-1f, 1f, new Shape(2, 3, 8, 8));
            assertArrayEquals(x.toFloatArray(), identity.forward(x, false).toFloatArray());
            assertFalse(java.util.Arrays.equals(x.toFloatArray(), identity.forward(x, true).toFloatArray()));
        }
    }
}
