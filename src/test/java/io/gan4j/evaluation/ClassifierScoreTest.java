package io.gan4j.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClassifierScoreTest {

    private static final double TOL = 1e-9;

    @Test
    void allSamplesConfidentlyOneClassScoresOne() {
        float[][] p = new float[50][4];
        for (float[] row : p) {
            row[2] = 1f;
        }
        assertEquals(1.0, ClassifierScore.score(p), TOL);
    }

    @Test
    void oneHotSpreadEvenlyOverKClassesScoresK() {
        int k = 7;
        float[][] p = new float[k * 20][k];
        for (int i = 0; i < p.length; i++) {
            p[i][i % k] = 1f;
        }
        assertEquals(k, ClassifierScore.score(p), TOL);
        // Every contiguous split of 20·k rows into 10 parts of 14 rows also covers each class twice.
        ClassifierScore.Result r = ClassifierScore.score(p, 10);
        assertEquals(k, r.mean(), TOL);
        assertEquals(0.0, r.std(), TOL);
        assertEquals(10, r.splits());
    }

    @Test
    void uniformPredictionsScoreOne() {
        float[][] p = new float[30][5];
        for (float[] row : p) {
            Arrays.fill(row, 0.2f);
        }
        assertEquals(1.0, ClassifierScore.score(p), 1e-6);
    }

    @Test
    void matchesHandComputedValue() {
        // Rows (0.5, 0.5) and (1, 0): marginal (0.75, 0.25).
        // KL1 = 0.5·ln(0.5/0.75) + 0.5·ln(0.5/0.25); KL2 = ln(1/0.75).
        float[][] p = {{0.5f, 0.5f}, {1f, 0f}};
        double kl1 = 0.5 * Math.log(0.5 / 0.75) + 0.5 * Math.log(2);
        double kl2 = Math.log(1 / 0.75);
        assertEquals(Math.exp((kl1 + kl2) / 2), ClassifierScore.score(p), TOL);
    }

    @Test
    void splitsUseTheirOwnMarginalsAndReportPopulationStd() {
        // First half all class 0 (score 1), second half alternating (score 2): mean 1.5, std 0.5.
        float[][] p = new float[8][2];
        for (int i = 0; i < 4; i++) {
            p[i][0] = 1f;
        }
        for (int i = 4; i < 8; i++) {
            p[i][i % 2] = 1f;
        }
        ClassifierScore.Result r = ClassifierScore.score(p, 2);
        assertEquals(1.5, r.mean(), TOL);
        assertEquals(0.5, r.std(), TOL);
        assertEquals(ClassifierScore.score(p), ClassifierScore.score(p, 1).mean(), TOL);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> ClassifierScore.score(new float[0][]));
        assertThrows(IllegalArgumentException.class, () -> ClassifierScore.score(new float[][] {{2f, 3f}}));
        assertThrows(IllegalArgumentException.class, () -> ClassifierScore.score(new float[][] {{1.5f, -0.5f}}));
        assertThrows(IllegalArgumentException.class, () -> ClassifierScore.score(new float[][] {{1f, 0f}}, 2));
        assertThrows(IllegalArgumentException.class, () -> ClassifierScore.score(new float[][] {{1f, 0f}}, 0));
    }
}
