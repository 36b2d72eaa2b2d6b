package io.gan4j.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gan4j.data.Datasets;
import io.gan4j.data.LabeledImages;
import io.gan4j.data.Split;
import io.gan4j.models.Gan;
import io.gan4j.models.LearnedCodes;
import io.gan4j.models.Models;
import io.gan4j.training.Batch;
import io.gan4j.training.StepLoss;
import io.gan4j.training.TrainConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The evaluation pipeline against ground truth: "generators" that hand out the real test digits
 * (the class asked for, in the model's output range), or a learned code that is the label under a
 * permutation, or noise. Real digits must score like real data (cond_acc = the classifier's own
 * accuracy on them, fd at the real-vs-real floor, precision and recall near 1, code_acc 1 up to the
 * classifier's errors); noise the opposite; and images given to the classifier in the wrong range
 * must show.
 */
class GroundTruthTest {

    private static final int N = 1000;
    private static final long SEED = 5;

    private static NDManager manager;
    private static Classifier classifier;
    private static LabeledImages test;
    private static TrainConfig config;

    @BeforeAll
    static void classifier() throws Exception {
        manager = NDManager.newBaseManager();
        Path dir = Files.createTempDirectory("gan4j-ground-truth");
        classifier = Classifiers.train(Classifier.Kind.cnn, "mnist", null, 1, 1, 300, Classifier.DEFAULT_BATCH,
                Classifier.DEFAULT_LR, dir, manager, null);
        test = Datasets.load("mnist", Split.TEST);
        config = new TrainConfig();
        config.model = "acgan";
        Models.resolveForDigits(config);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void realDigitsScoreAsRealData() {
        RealDigits real = new RealDigits(-1f, 1f, false, null);
        Map<String, Object> r = GanEvaluation.evaluate(real, config, classifier, N, SEED, manager);
        @SuppressWarnings("unchecked")
        Map<String, Object> floor = (Map<String, Object>) r.get("real_vs_real");
        double accuracy = classifier.outputs(Classifier.scaled(real.shown().pixels()), N, manager).accuracy(real.shownLabels());
        assertEquals(accuracy, (double) r.get("cond_acc"), 1e-12, "cond_acc is the classifier's accuracy on the digits shown");
        assertEquals(classifier.info().testAccuracy(), (double) r.get("cond_acc"), 0.03, "and close to its test accuracy");
        assertTrue(classifier.info().testAccuracy() > 0.9, "a classifier worth testing with: " + classifier.info().testAccuracy());
        double fd = (double) r.get("fd");
        double floorFd = (double) floor.get("fd");
        assertTrue(fd <= 1.5 * floorFd, "fd " + fd + " at the real-vs-real floor " + floorFd);
        assertTrue((double) r.get("precision") > 0.9 && (double) r.get("recall") > 0.9, r.toString());
        assertTrue((double) r.get("max_share") < 0.15, "every class about a tenth: " + r.get("max_share"));
        assertTrue((double) r.get("score") > 0.9 * (double) floor.get("score"), "score " + r.get("score") + " vs " + floor.get("score"));
    }

    /** A generator whose outputs live in [0, 1] (the pattern GAN's range) is rescaled to the classifier's [-1, 1]. */
    @Test
    void theOutputRangeIsMappedToTheClassifiers() {
        RealDigits signed = new RealDigits(-1f, 1f, false, null);
        RealDigits unit = new RealDigits(0f, 1f, false, null);
        GanEvaluation.Samples a = GanEvaluation.generate(signed, N, SEED, manager);
        GanEvaluation.Samples b = GanEvaluation.generate(unit, N, SEED, manager);
        assertArrayEquals(Classifier.scaled(signed.shown().pixels()), a.images(), 1e-6f, "real digits arrive as ImageBatches has them");
        assertArrayEquals(a.images(), b.images(), 1e-6f);
        // The same digits in the wrong range ([0, 1] declared as [-1, 1]) are far from the real data.
        Map<String, Object> wrong = GanEvaluation.evaluate(new RealDigits(0f, 1f, false, null) {
            @Override
            public float outputLow() {
                return -1f;
            }
        }, config, classifier, N, SEED, manager);
        Map<String, Object> right = GanEvaluation.evaluate(unit, config, classifier, N, SEED, manager);
        assertTrue((double) wrong.get("fd") > 10 * (double) right.get("fd"), wrong.get("fd") + " vs " + right.get("fd"));
    }

    /** A code that is the label under a permutation is matched back to it: code_acc = cond_acc of the same digits. */
    @Test
    void aCodeEqualToTheLabelUnderAPermutationScoresOne() {
        int[] classOf = {3, 7, 0, 9, 1, 5, 8, 2, 6, 4};
        RealDigits coded = new LearnedDigits(classOf);
        Map<String, Object> r = GanEvaluation.evaluate(coded, config, classifier, N, SEED, manager);
        assertArrayEquals(classOf, (int[]) r.get("code_to_class"));
        double accuracy = classifier.outputs(Classifier.scaled(coded.shown().pixels()), N, manager).accuracy(coded.shownLabels());
        assertEquals(accuracy, (double) r.get("code_acc"), 1e-12, "every miss is the classifier's");
        // With perfect predictions, exactly 1.
        int[] codes = new int[N];
        int[] predicted = new int[N];
        for (int i = 0; i < N; i++) {
            codes[i] = i % 10;
            predicted[i] = classOf[i % 10];
        }
        assertEquals(1.0, (double) GanEvaluation.codeAccuracy(predicted, codes, 10, 10).get("code_acc"));
    }

    @Test
    void noiseScoresAsNoise() {
        Gan noise = new RealDigits(-1f, 1f, false, null) {
            @Override
            public NDArray generate(NDArray z, NDArray labels, boolean training) {
                return manager.randomUniform(-1f, 1f, new Shape(z.getShape().get(0), 1, 28, 28));
            }
        };
        Map<String, Object> r = GanEvaluation.evaluate(noise, config, classifier, N, SEED, manager);
        @SuppressWarnings("unchecked")
        double floorFd = (double) ((Map<String, Object>) r.get("real_vs_real")).get("fd");
        assertTrue((double) r.get("cond_acc") < 0.3, "about chance: " + r.get("cond_acc"));
        assertTrue((double) r.get("fd") > 20 * floorFd, r.get("fd") + " vs floor " + floorFd);
        assertTrue((double) r.get("precision") < 0.3 && (double) r.get("recall") < 0.05, r.toString());
        assertTrue((double) r.get("score") < 2 && (double) r.get("max_share") > 0.5, "one class for everything: " + r);
    }

    /**
     * Hands out test digits of the class asked for, in [low, high]; or, as learned codes, digits of
     * class {@code classOf[code]}. The digits shown are recorded in order.
     */
    private static class RealDigits extends Gan {

        private final float low;
        private final float high;
        private final boolean codes;
        private final int[] classOf;
        private final int[] next = new int[10];
        private final int[] shown = new int[N];
        private int count;

        RealDigits(float low, float high, boolean codes, int[] classOf) {
            super(GroundTruthTest.config, null, null);
            this.low = low;
            this.high = high;
            this.codes = codes;
            this.classOf = classOf;
        }

        @Override
        public NDArray generate(NDArray noise, NDArray labels, boolean training) {
            long[] y = labels.toLongArray();
            int size = test.rows() * test.cols();
            float[] out = new float[y.length * size];
            for (int i = 0; i < y.length; i++) {
                int wanted = codes ? classOf[(int) y[i]] : (int) y[i];
                int index = nextOf(wanted);
                shown[count++ % N] = index;
                for (int p = 0; p < size; p++) {
                    out[i * size + p] = low + (test.pixels()[index * size + p] & 0xff) / 255f * (high - low);
                }
            }
            return labels.getManager().create(out, new Shape(y.length, 1, test.rows(), test.cols()));
        }

        /** The next test digit of class k (cycling through them). */
        private int nextOf(int k) {
            for (int i = 0; i < test.count(); i++) {
                int index = (next[k] + i) % test.count();
                if (test.label(index) == k) {
                    next[k] = index + 1;
                    return index;
                }
            }
            throw new IllegalStateException("no test digit of class " + k);
        }

        LabeledImages shown() {
            return test.subset(java.util.Arrays.copyOf(shown, Math.min(count, N)));
        }

        int[] shownLabels() {
            int[] y = new int[Math.min(count, N)];
            for (int i = 0; i < y.length; i++) {
                y[i] = test.label(shown[i]);
            }
            return y;
        }

        @Override
        public StepLoss discriminatorLoss(Batch real) {
            throw new UnsupportedOperationException();
        }

        @Override
        public StepLoss generatorLoss(Batch real) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int numClasses() {
            return 10;
        }

        @Override
        public float outputLow() {
            return low;
        }

        @Override
        public float outputHigh() {
            return high;
        }
    }

    /** Test digits handed out as InfoGAN-style learned codes: code c shows digits of class {@code classOf[c]}. */
    private static final class LearnedDigits extends RealDigits implements LearnedCodes {

        LearnedDigits(int[] classOf) {
            super(-1f, 1f, true, classOf);
        }

        @Override
        public List<NDArray> sweepGrids(NDArray noise, int columns) {
            return List.of();
        }
    }
}
