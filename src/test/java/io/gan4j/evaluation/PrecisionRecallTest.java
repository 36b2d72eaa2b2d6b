package io.gan4j.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PrecisionRecallTest {

    @Test
    void identicalSetsGiveFullPrecisionAndRecall() {
        float[][] x = gaussianCloud(200, 8, 0f, 1f, new Random(1));
        PrecisionRecall.Result r = PrecisionRecall.compute(x, x.clone(), 3);
        assertEquals(1.0, r.precision());
        assertEquals(1.0, r.recall());
    }

    @Test
    void farApartSetsGiveZero() {
        Random rng = new Random(2);
        float[][] real = gaussianCloud(150, 5, 0f, 1f, rng);
        float[][] fake = gaussianCloud(120, 5, 100f, 1f, rng);
        PrecisionRecall.Result r = PrecisionRecall.compute(real, fake);
        assertEquals(0.0, r.precision());
        assertEquals(0.0, r.recall());
    }

    @Test
    void clusterOnOneModeHasHighPrecisionAndAboutHalfRecall() {
        // Real: two equal, well-separated modes at −10 and +10 (σ = 1). Fake: a mode-collapsed
        // generator reproducing only the +10 mode. Its samples are realistic (high precision) but
        // cover one mode of two, so recall is about ½ (a little less: k-NN balls miss some tails).
        Random rng = new Random(3);
        int d = 4;
        float[][] real = concat(gaussianCloud(300, d, -10f, 1f, rng), gaussianCloud(300, d, 10f, 1f, rng));
        float[][] fake = gaussianCloud(300, d, 10f, 1f, rng);
        PrecisionRecall.Result r = PrecisionRecall.compute(real, fake, 3);
        assertTrue(r.precision() > 0.85, "precision " + r.precision());
        assertTrue(r.recall() > 0.4 && r.recall() <= 0.5, "recall " + r.recall());
        // A much tighter cluster at the same mode is still realistic but covers even less.
        PrecisionRecall.Result tight = PrecisionRecall.compute(real, gaussianCloud(300, d, 10f, 0.5f, rng), 3);
        assertTrue(tight.precision() > 0.95, "precision " + tight.precision());
        assertTrue(tight.recall() < r.recall(), "recall " + tight.recall());
    }

    @Test
    void matchesPlainPairwiseReference() {
        // The tiled float kernel must agree with a straightforward float64 double loop, across
        // several blocks (n > 512) and a dimension that is not a multiple of anything.
        Random rng = new Random(8);
        float[][] real = gaussianCloud(700, 13, 0f, 1f, rng);
        float[][] fake = gaussianCloud(600, 13, 0.3f, 1.2f, rng);
        PrecisionRecall.Result r = PrecisionRecall.compute(real, fake, 3);
        assertEquals(referenceCoverage(fake, real, 3), r.precision(), 2.0 / 600);
        assertEquals(referenceCoverage(real, fake, 3), r.recall(), 2.0 / 700);
    }

    @Test
    void radiusIsDistanceToKthOtherPoint() {
        float[][] line = {{0}, {1}, {3}, {6}, {10}};
        float[] r = PrecisionRecall.kthNeighbourRadii(line, 2);
        // Squared distances; the point itself is excluded.
        assertEquals(9, r[0]); // neighbours 1, 3
        assertEquals(4, r[1]); // 1, 2
        assertEquals(9, r[2]); // 2, 3
        assertEquals(16, r[3]); // 3, 4
        assertEquals(49, r[4]); // 4, 7
        // Duplicates count as neighbours at distance 0.
        assertEquals(0, PrecisionRecall.kthNeighbourRadii(new float[][] {{1}, {1}, {5}}, 1)[0]);
    }

    @Test
    void ballBoundaryCountsAsInside() {
        float[][] real = {{0}, {1}, {2}};
        float[] radii = PrecisionRecall.kthNeighbourRadii(real, 1); // all 1
        assertEquals(1.0, PrecisionRecall.coverage(new float[][] {{3}, {-1}}, real, radii));
        assertEquals(0.5, PrecisionRecall.coverage(new float[][] {{3}, {3.5f}}, real, radii));
    }

    /** Radii equal a brute-force k-th smallest distance (same float arithmetic) with a partial last tile of queries. */
    @Test
    void radiiMatchBruteForceExactly() {
        Random rng = new Random(12);
        float[][] points = gaussianCloud(21, 5, 0f, 1f, rng); // tiles of 8: 8, 8, 5
        for (int k : new int[] {1, 4}) {
            float[] radii = PrecisionRecall.kthNeighbourRadii(points, k);
            for (int i = 0; i < points.length; i++) {
                float[] d = new float[points.length - 1];
                int n = 0;
                for (int j = 0; j < points.length; j++) {
                    if (j != i) {
                        float sum = 0;
                        for (int c = 0; c < 5; c++) {
                            float e = points[i][c] - points[j][c];
                            sum += e * e;
                        }
                        d[n++] = sum;
                    }
                }
                java.util.Arrays.sort(d);
                assertEquals(d[k - 1], radii[i], "point " + i + ", k " + k);
            }
        }
    }

    /** The smallest sets allowed: k + 1 points on each side (k = 1 included); k points on either side are too few. */
    @Test
    void needsKPlusOnePointsOnEachSide() {
        Random rng = new Random(5);
        float[][] two = gaussianCloud(2, 2, 0f, 1f, rng);
        float[][] three = gaussianCloud(3, 2, 0f, 1f, rng);
        assertEquals(1.0, PrecisionRecall.compute(two, two.clone(), 1).precision());
        PrecisionRecall.compute(three, three, 2);
        assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.compute(two, three, 2));
        assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.compute(three, two, 2));
    }

    @Test
    void rejectsBadArguments() {
        float[][] four = gaussianCloud(4, 2, 0f, 1f, new Random(4));
        float[][] threeDims = gaussianCloud(10, 3, 0f, 1f, new Random(4));
        assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.compute(four, four, 0));
        assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.compute(four, four, 4));
        assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.compute(four, threeDims, 3));
        assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.compute(null, four, 3));
    }

    private static float[][] gaussianCloud(int n, int d, float centre, float sigma, Random rng) {
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = centre + sigma * (float) rng.nextGaussian();
            }
        }
        return x;
    }

    /** Fraction of queries within the k-NN ball of some centre, by brute force in float64. */
    private static double referenceCoverage(float[][] queries, float[][] centres, int k) {
        int m = centres.length;
        double[] radii = new double[m];
        for (int i = 0; i < m; i++) {
            double[] ds = new double[m - 1];
            int c = 0;
            for (int j = 0; j < m; j++) {
                if (j != i) {
                    ds[c++] = dist2(centres[i], centres[j]);
                }
            }
            java.util.Arrays.sort(ds);
            radii[i] = ds[k - 1];
        }
        int inside = 0;
        for (float[] q : queries) {
            for (int i = 0; i < m; i++) {
                if (dist2(q, centres[i]) <= radii[i]) {
                    inside++;
                    break;
                }
            }
        }
        return (double) inside / queries.length;
    }

    private static double dist2(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double e = (double) a[i] - b[i];
            s += e * e;
        }
        return s;
    }

    private static float[][] concat(float[][] a, float[][] b) {
        float[][] out = new float[a.length + b.length][];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
