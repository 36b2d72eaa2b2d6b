package io.gan4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.gan4j.NativeOps;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

class DropoutMasksTest {

    /** lowbias32 of (i ^ key1), key2 mixed in after the first round: the hash native_ops.py computes. */
    private static int hash(long i, int key1, int key2) {
        int x = (int) i ^ key1;
        x ^= x >>> 16;
        x *= 0x7feb352d;
        x ^= key2;
        x ^= x >>> 15;
        x *= 0x846ca68b;
        return x ^ (x >>> 16);
    }

    @Test
    void nativeMasksAreTheHashBelowTheThreshold() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Shape> shapes = List.of(new Shape(3, 700), new Shape(5), new Shape(2, 3, 4));
            int key1 = 0x2545F491;
            int key2 = -0x61C88647;
            int threshold = (int) (Math.round(0.8 * 4294967296.0) - 2147483648L);
            long start = 1_000_003;
            NDList masks = NativeOps.keepMasks(1.25f, DataType.FLOAT32, Device.cpu(), start, key1, key2, threshold, shapes);
            long i = start;
            for (int m = 0; m < shapes.size(); m++) {
                NDArray mask = masks.get(m);
                assertEquals(shapes.get(m), mask.getShape());
                for (float v : mask.toFloatArray()) {
                    assertEquals(hash(i++, key1, key2) < threshold ? 1.25f : 0f, v, "element " + (i - 1));
                }
            }
            masks.close();
        }
    }

    @Test
    void keepAboutKeepOfTheElementsIndependently() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            float[] m = DropoutMasks.keepMask(manager.zeros(new Shape(1000, 1000)), 0.9f).toFloatArray();
            double kept = 0;
            double neighbours = 0;
            for (int i = 0; i < m.length; i++) {
                assertTrue(m[i] == 0f || m[i] == 1 / 0.9f, "value " + m[i]);
                kept += m[i] > 0 ? 1 : 0;
                neighbours += i > 0 && m[i] > 0 && m[i - 1] > 0 ? 1 : 0;
            }
            double share = kept / m.length;
            // 1e6 Bernoulli(0.9) draws: the share's standard deviation is 3e-4, that of both-kept pairs 3e-4.
            assertEquals(0.9, share, 0.0015, "kept share");
            assertEquals(0.81, neighbours / (m.length - 1), 0.0015, "share of kept neighbours");
        }
    }

    /** A step's masks depend on the seed and their order only: computed ahead (planned) or one by one, they are the same. */
    @Test
    void aStepsMasksAreTheSameWhetherPlannedOrNot() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float keep = 0.37f;
            List<Shape> shapes = List.of(new Shape(4, 6), new Shape(50), new Shape(2, 3, 5));
            // Whatever steps ran on this thread before, the plan is now one the next step departs
            // from at its first mask, so that `first` computes every mask on its own.
            step(manager, 11, keep, List.of(new Shape(7)));
            List<float[]> first = step(manager, 11, keep, shapes);
            List<float[]> planned = step(manager, 11, keep, shapes);
            for (int i = 0; i < shapes.size(); i++) {
                assertArrayEquals(first.get(i), planned.get(i), "mask " + i);
            }
            // Off the plan from the second mask on (same sizes, other shapes): the same elements still.
            List<float[]> offPlan = step(manager, 11, keep, List.of(new Shape(4, 6), new Shape(5, 10), new Shape(30)));
            for (int i = 0; i < shapes.size(); i++) {
                assertArrayEquals(first.get(i), offPlan.get(i), "mask " + i + " off the plan");
            }
            List<float[]> otherSeed = step(manager, 12, keep, shapes);
            assertFalse(Arrays.equals(first.get(1), otherSeed.get(1)), "another seed, other masks");
        }
    }

    @Test
    void masksOutsideAStepAreEachDrawnAfresh() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            NDArray x = manager.zeros(new Shape(64));
            float[] a = DropoutMasks.keepMask(x, 0.5f).toFloatArray();
            float[] b = DropoutMasks.keepMask(x, 0.5f).toFloatArray();
            assertFalse(Arrays.equals(a, b));
        }
    }

    private static List<float[]> step(NDManager manager, int seed, float keep, List<Shape> shapes) {
        Engine.getInstance().setRandomSeed(seed);
        List<float[]> masks = new ArrayList<>();
        try (DropoutMasks.Step step = DropoutMasks.openStep()) {
            for (Shape shape : shapes) {
                NDArray mask = DropoutMasks.keepMask(manager.zeros(shape), keep);
                assertEquals(shape, mask.getShape());
                masks.add(mask.toFloatArray());
            }
        }
        return masks;
    }
}
