package io.gan4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LossesTest {

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** -log(sigmoid(v)) and -log(1 - sigmoid(v)) = softplus(-v), softplus(v), computed stably in double. */
    private static double softplus(double v) {
        return Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
    }

    @Test
    void bceWithLogitsMatchesTheDefinitionAndStaysFiniteForLargeLogits() {
        float[] x = {-3f, -0.5f, 0f, 2f, 40f};
        double expected1 = 0;
        double expected0 = 0;
        for (float v : x) {
            expected1 += softplus(-v);
            expected0 += softplus(v);
        }
        NDArray logits = manager.create(x);
        assertEquals(expected1 / x.length, Losses.bceWithLogits(logits, 1f).getFloat(), 1e-5);
        assertEquals(expected0 / x.length, Losses.bceWithLogits(logits, 0f).getFloat(), 1e-5);
        assertEquals(-Math.log(sigmoid(0.7)), Losses.bceWithLogits(manager.create(new float[] {0.7f}), 1f).getFloat(), 1e-6);
        double smoothed = 0;
        for (float v : x) {
            smoothed += 0.9 * softplus(-v) + 0.1 * softplus(v);
        }
        assertEquals(smoothed / x.length, Losses.bceWithLogits(logits, 0.9f).getFloat(), 1e-5, "a target between 0 and 1");
    }

    @Test
    void mseIsOnSigmoidProbabilities() {
        NDArray logits = manager.create(new float[] {0f, 0f});
        // D undecided (0.5 everywhere) gives the 0.25 the pattern GAN settles at.
        assertEquals(0.25, Losses.mseOnProbabilities(logits, 1f).getFloat(), 1e-7);
        assertEquals(0.25, Losses.mseOnProbabilities(logits, 0f).getFloat(), 1e-7);
    }

    @Test
    void crossEntropyTakesLogits() {
        float[] raw = {2f, 0f, -1f, 0.5f, 0.5f, 3f};
        NDArray logits = manager.create(raw, new Shape(2, 3));
        NDArray labels = manager.create(new long[] {0, 2});
        double row0 = -(2 - Math.log(Math.exp(2) + Math.exp(0) + Math.exp(-1)));
        double row1 = -(3 - Math.log(Math.exp(0.5) + Math.exp(0.5) + Math.exp(3)));
        assertEquals((row0 + row1) / 2, Losses.crossEntropy(logits, labels).getFloat(), 1e-5);
    }

    @Test
    void logSumExpIsStableForLargeLogits() {
        NDArray logits = manager.create(new float[] {1000f, 1000f, 0f, -2f, 1f, 3f}, new Shape(2, 3));
        float[] lse = Losses.logSumExp(logits).toFloatArray();
        assertEquals(1000 + Math.log(2 + Math.exp(-1000)), lse[0], 1e-3);
        assertEquals(Math.log(Math.exp(-2) + Math.exp(1) + Math.exp(3)), lse[1], 1e-5);
    }

    @Test
    void featureMatchingComparesBatchMeansOnly() {
        NDArray real = manager.create(new float[] {0f, 2f, 2f, 0f}, new Shape(2, 2));
        NDArray sameMeans = manager.create(new float[] {1f, 1f, 1f, 1f}, new Shape(2, 2));
        NDArray shifted = manager.create(new float[] {2f, 1f, 2f, 1f}, new Shape(2, 2));
        assertEquals(0, Losses.featureMatching(real, sameMeans).getFloat(), 1e-7);
        assertEquals(0.5, Losses.featureMatching(real, shifted).getFloat(), 1e-6);
    }

    /** mean(D(fake)) - mean(D(real)): positive when the critic scores fakes higher, as a minimised loss must be. */
    @Test
    void wassersteinLossesHaveTheirSigns() {
        NDArray real = manager.create(new float[] {3f, 1f}, new Shape(2, 1));
        NDArray fake = manager.create(new float[] {-1f, 0.5f, 1.5f}, new Shape(3, 1));
        assertEquals(1f / 3 - 2, Losses.wassersteinCritic(real, fake).getFloat(), 1e-6);
        assertEquals(2 - 1f / 3, Losses.wassersteinCritic(fake, real).getFloat(), 1e-6);
        assertEquals(-1f / 3, Losses.wassersteinGenerator(fake).getFloat(), 1e-6);
    }

    @Test
    void leastSquaresIsTheMeanSquaredDistanceToTheTarget() {
        NDArray out = manager.create(new float[] {0f, 0.5f, 2f, -1f}, new Shape(2, 2));
        assertEquals((1 + 0.25 + 1 + 4) / 4, Losses.leastSquares(out, 1f).getFloat(), 1e-6);
        assertEquals((0 + 0.25 + 4 + 1) / 4, Losses.leastSquares(out, 0f).getFloat(), 1e-6);
    }

    @Test
    void l1IsTheMeanAbsoluteDifference() {
        NDArray a = manager.create(new float[] {1f, -2f, 0.5f, 4f}, new Shape(2, 2));
        NDArray b = manager.create(new float[] {0f, 1f, 0.5f, 1f}, new Shape(2, 2));
        assertEquals((1 + 3 + 0 + 3) / 4.0, Losses.l1(a, b).getFloat(), 1e-6);
        assertEquals(Losses.l1(a, b).getFloat(), Losses.l1(b, a).getFloat(), 0f);
    }

    /** ½ Σ_c (log σ² + (x − μ)²/σ²), averaged over rows; the ½ log 2π is left out. */
    @Test
    void gaussianNllMatchesTheDensity() {
        NDArray x = manager.create(new float[] {1f, 0f, -1f, 2f}, new Shape(2, 2));
        NDArray mean = manager.create(new float[] {0f, 0f, 1f, 2f}, new Shape(2, 2));
        NDArray logVar = manager.create(new float[] {0f, (float) Math.log(4), 0f, (float) Math.log(0.25)}, new Shape(2, 2));
        double row0 = 0.5 * (0 + 1) + 0.5 * (Math.log(4) + 0);
        double row1 = 0.5 * (0 + 4) + 0.5 * (Math.log(0.25) + 0);
        assertEquals((row0 + row1) / 2, Losses.gaussianNll(x, mean, logVar).getFloat(), 1e-5);
        // With unit variance it is half the squared error.
        NDArray zero = manager.zeros(new Shape(2, 2));
        assertEquals(0.5 * Losses.squaredError(x, mean).getFloat(), Losses.gaussianNll(x, mean, zero).getFloat(), 1e-6);
    }

    @Test
    void squaredErrorSumsOverCodesAndAveragesOverRows() {
        NDArray x = manager.create(new float[] {1f, 2f, 3f, 4f}, new Shape(2, 2));
        NDArray p = manager.create(new float[] {0f, 0f, 3f, 2f}, new Shape(2, 2));
        assertEquals((1 + 4 + 0 + 4) / 2.0, Losses.squaredError(x, p).getFloat(), 1e-6);
    }

    @Test
    void bceWithLogitsAtTargetsZeroAndOneBetweenThem() {
        NDArray logits = manager.create(new float[] {0f});
        assertEquals(Math.log(2), Losses.bceWithLogits(logits, 1f).getFloat(), 1e-6);
        assertEquals(Math.log(2), Losses.bceWithLogits(logits, 0f).getFloat(), 1e-6);
        NDArray sure = manager.create(new float[] {-2f, 2f});
        assertEquals((softplus(2) + softplus(-2)) / 2, Losses.bceWithLogits(sure, 1f).getFloat(), 1e-6);
        assertEquals(0.3 * softplus(2) + 0.7 * softplus(-2), Losses.bceWithLogits(manager.create(new float[] {-2f}), 0.3f).getFloat(), 1e-6);
    }

    @Test
    void mseOnProbabilitiesSquaresTheSigmoidsDistance() {
        NDArray logits = manager.create(new float[] {2f, -1f});
        double expected = (Math.pow(sigmoid(2) - 0.8, 2) + Math.pow(sigmoid(-1) - 0.8, 2)) / 2;
        assertEquals(expected, Losses.mseOnProbabilities(logits, 0.8f).getFloat(), 1e-6);
    }

    @Test
    void scaleMultiplies() {
        assertEquals(-1.5f, Losses.scale(manager.create(new float[] {0.5f}), -3f).getFloat(), 0f);
    }

    /**
     * The factor must survive until backward: with DJL's mul(Number) it lived in a Java buffer freed
     * after the call, and a collection before backward made the gradient garbage (intermittently).
     */
    @Test
    void scaleKeepsItsFactorForTheBackwardPass() {
        try (NDManager scope = manager.newSubManager()) {
            for (int round = 0; round < 5; round++) {
                NDArray x = scope.ones(new Shape(1000));
                x.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray y = Losses.scale(x, 0.375f).sum();
                    System.gc();
                    for (int i = 0; i < 200; i++) {
                        scope.create(new float[256]).close();
                    }
                    collector.backward(y);
                }
                float[] g = x.getGradient().toFloatArray();
                for (float v : g) {
                    assertEquals(0.375f, v, 0f);
                }
            }
        }
    }
}
