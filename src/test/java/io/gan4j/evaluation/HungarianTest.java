package io.gan4j.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HungarianTest {

    @Test
    void permutedIdentityIsRecovered() {
        int[] perm = {3, 0, 4, 1, 2};
        double[][] score = new double[5][5];
        for (int i = 0; i < 5; i++) {
            score[i][perm[i]] = 1;
        }
        assertArrayEquals(perm, Hungarian.maximumMatching(score));
    }

    @Test
    void randomSquareMatchesBruteForce() {
        Random rng = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            double[][] s = randomMatrix(5, 5, rng);
            int[] a = Hungarian.maximumMatching(s);
            assertValidAssignment(a, 5);
            assertEquals(bruteForceBest(s), total(s, a), 1e-9);
        }
    }

    @Test
    void randomRectangularMatchesBruteForce() {
        Random rng = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rng.nextInt(4);
            int m = n + rng.nextInt(3);
            double[][] s = randomMatrix(n, m, rng);
            int[] a = Hungarian.maximumMatching(s);
            assertValidAssignment(a, m);
            assertEquals(bruteForceBest(s), total(s, a), 1e-9);
        }
    }

    @Test
    void integerTiesAndNegativeScores() {
        Random rng = new Random(9);
        for (int trial = 0; trial < 100; trial++) {
            double[][] s = new double[5][5];
            for (double[] row : s) {
                for (int j = 0; j < 5; j++) {
                    row[j] = rng.nextInt(5) - 2; // many ties
                }
            }
            int[] a = Hungarian.maximumMatching(s);
            assertValidAssignment(a, 5);
            assertEquals(bruteForceBest(s), total(s, a), 1e-9);
        }
    }

    @Test
    void knownSmallExample() {
        // Greedy would take 9 (row 0 → col 0) and then be forced to 1; the optimum is 8 + 7 = 15.
        double[][] s = {{9, 8}, {7, 1}};
        assertArrayEquals(new int[] {1, 0}, Hungarian.maximumMatching(s));
    }

    @Test
    void matchedAccuracyIsOneForRelabelledClusters() {
        int k = 4;
        int[] relabel = {2, 0, 3, 1};
        int[] truth = new int[40];
        int[] predicted = new int[40];
        for (int i = 0; i < 40; i++) {
            truth[i] = i % k;
            predicted[i] = relabel[truth[i]];
        }
        assertEquals(1.0, Hungarian.matchedAccuracy(predicted, truth, k));
    }

    @Test
    void matchedAccuracyMatchesBruteForce() {
        Random rng = new Random(1);
        int k = 5;
        for (int trial = 0; trial < 50; trial++) {
            int n = 60;
            int[] truth = new int[n];
            int[] predicted = new int[n];
            for (int i = 0; i < n; i++) {
                truth[i] = rng.nextInt(k);
                predicted[i] = rng.nextDouble() < 0.6 ? (truth[i] + 2) % k : rng.nextInt(k);
            }
            double[][] counts = new double[k][k];
            for (int i = 0; i < n; i++) {
                counts[predicted[i]][truth[i]]++;
            }
            assertEquals(bruteForceBest(counts) / n, Hungarian.matchedAccuracy(predicted, truth, k), 1e-12);
        }
    }

    @Test
    void matchedAccuracyPartialExample() {
        // Cluster 0 = {class 1 ×3, class 0 ×1}, cluster 1 = {class 0 ×2}: map 0→1, 1→0, 5/6 correct.
        int[] predicted = {0, 0, 0, 0, 1, 1};
        int[] truth = {1, 1, 1, 0, 0, 0};
        assertEquals(5.0 / 6, Hungarian.matchedAccuracy(predicted, truth, 2), 1e-12);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Hungarian.maximumMatching(new double[3][2]));
        assertThrows(IllegalArgumentException.class, () -> Hungarian.maximumMatching(new double[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> Hungarian.maximumMatching(new double[][] {{Double.NaN}}));
        assertThrows(IllegalArgumentException.class, () -> Hungarian.matchedAccuracy(new int[] {0}, new int[] {0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> Hungarian.matchedAccuracy(new int[] {2}, new int[] {0}, 2));
        assertThrows(IllegalArgumentException.class, () -> Hungarian.matchedAccuracy(new int[0], new int[0], 2));
        assertEquals(0, Hungarian.maximumMatching(new double[0][]).length);
    }

    // ---- helpers ----

    private static double[][] randomMatrix(int n, int m, Random rng) {
        double[][] s = new double[n][m];
        for (double[] row : s) {
            for (int j = 0; j < m; j++) {
                row[j] = rng.nextGaussian() * 10;
            }
        }
        return s;
    }

    private static void assertValidAssignment(int[] a, int m) {
        boolean[] seen = new boolean[m];
        for (int c : a) {
            assertEquals(false, seen[c], "column used twice");
            seen[c] = true;
        }
    }

    private static double total(double[][] s, int[] a) {
        double t = 0;
        for (int i = 0; i < a.length; i++) {
            t += s[i][a[i]];
        }
        return t;
    }

    /** Best total over every injective row → column map. */
    private static double bruteForceBest(double[][] s) {
        return search(s, 0, new boolean[s[0].length]);
    }

    private static double search(double[][] s, int row, boolean[] used) {
        if (row == s.length) {
            return 0;
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < used.length; c++) {
            if (!used[c]) {
                used[c] = true;
                best = Math.max(best, s[row][c] + search(s, row + 1, used));
                used[c] = false;
            }
        }
        return best;
    }
}
