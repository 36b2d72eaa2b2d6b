package io.gan4j.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.gan4j.Engines;
import io.gan4j.data.Datasets;
import io.gan4j.data.LabeledImages;
import io.gan4j.data.Split;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

/** The evaluation classifier and backquery, on a few hundred embedded digits and a few dozen steps. */
class ClassifierTest {

    private static LabeledImages digits(int n) {
        int[] first = new int[n];
        Arrays.setAll(first, i -> i);
        return Datasets.load("mnist", Split.TRAIN).subset(first);
    }

    private static double mean(float[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / (to - from);
    }

    @Test
    void cnnLossDropsAndOutputsHaveTheRightShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engines.seed(3);
            Classifier c = Classifier.create(Classifier.Kind.cnn, 10, 28, 28, manager);
            LabeledImages train = digits(640);
            float[] losses = c.train(train, null, 3, 1, 40, 32, 1e-3f, manager, null).losses();
            assertEquals(20, losses.length, "one epoch of 640/32 steps");
            assertTrue(mean(losses, 15, 20) < mean(losses, 0, 5) - 0.1, Arrays.toString(losses));
            Classifier.Outputs out = c.outputs(Classifier.scaled(train.subset(new int[] {0, 1, 2}).pixels()), 3, manager);
            assertEquals(128, out.features()[0].length);
            assertEquals(10, out.logits()[2].length);
            double sum = 0;
            for (float p : out.probabilities()[1]) {
                sum += p;
            }
            assertEquals(1.0, sum, 1e-5);
        }
    }

    @Test
    void sameSeedSameWeights() {
        float[][] runs = new float[2][];
        for (int r = 0; r < 2; r++) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Engines.seed(5);
                Classifier c = Classifier.create(Classifier.Kind.cnn, 10, 28, 28, manager);
                c.train(digits(128), null, 5, 1, 4, 32, 1e-3f, manager, null);
                runs[r] = c.network().state().get(0).toFloatArray();
            }
        }
        assertTrue(Arrays.equals(runs[0], runs[1]));
    }

    @Test
    void backqueryGivesADifferentImagePerLabelInRange() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engines.seed(1);
            Classifier c = Classifier.create(Classifier.Kind.mlp, 10, 28, 28, manager);
            float[] losses = c.train(digits(640), null, 1, 1, 20, 32, 1e-3f, manager, null).losses();
            assertTrue(losses[19] < losses[0], Arrays.toString(losses));
            float[] zero = Backquery.image(c, 0);
            float[] one = Backquery.image(c, 1);
            assertEquals(784, zero.length);
            assertFalse(Arrays.equals(zero, one));
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float v : zero) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertEquals(0.01, min, 1e-5);
            assertEquals(0.99, max, 1e-5);
        }
    }

    /** splitmix64, against values computed independently (Python, unbounded integers). */
    @Test
    void mixIsSplitmix64() {
        org.junit.jupiter.api.Assertions.assertEquals(-2650833567230059320L, Classifier.mix(5, 9));
        org.junit.jupiter.api.Assertions.assertEquals(6238072747940578789L, Classifier.mix(0, 0));
    }

    @Test
    void scaledMapsBytesOntoMinusOneToOne() {
        float[] v = Classifier.scaled(new byte[] {0, (byte) 255, (byte) 128, 51});
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {-1f, 1f, 128 / 127.5f - 1, 51 / 127.5f - 1}, v, 1e-7f);
    }

    @Test
    void permutationsAreSeededShuffles() {
        long[] a = Classifier.permutation(50, 3);
        long[] sorted = a.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            org.junit.jupiter.api.Assertions.assertEquals(i, sorted[i]);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, Classifier.permutation(50, 3));
        org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(a, Classifier.permutation(50, 4)));
    }
}
