package io.gan4j.evaluation;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Improved precision and recall (Kynkäänniemi et al., 2019). Each set's manifold is estimated as
 * the union of balls around its points, each ball's radius being the distance to the point's k-th
 * nearest neighbour within the same set. Precision = fraction of fake points inside the real
 * manifold (sample quality); recall = fraction of real points inside the fake manifold (coverage).
 *
 * <p>Exact O(n²·d) search with squared Euclidean distances, parallel over tiles of query points.
 * Distances are computed tile-by-block against a transposed copy of the other set so the innermost
 * loop runs over contiguous floats with no reduction, which the JIT turns into SIMD code (a plain
 * per-pair loop reduces, and does not vectorise); fine for the usual ≤ 10k feature vectors. The paper uses k = 3.
 */
public final class PrecisionRecall {

    /** The neighbourhood size used by the paper. */
    public static final int DEFAULT_K = 3;

    /** Points per transposed block (the SIMD inner-loop length; docs/evaluation.md gives its measurement). */
    private static final int BLOCK = 512;

    /** Query points per tile; each block is reused for all of them while it is in cache. */
    private static final int TILE = 8;

    private PrecisionRecall() {}

    /** Both values lie in [0, 1]. */
    public record Result(double precision, double recall) {}

    /** Same as {@link #compute(float[][], float[][], int)} with k = {@value #DEFAULT_K}. */
    public static Result compute(float[][] real, float[][] fake) {
        return compute(real, fake, DEFAULT_K);
    }

    /**
     * @param real n×d real feature vectors, n > k
     * @param fake m×d generated feature vectors, m > k
     * @param k    neighbour rank defining each ball's radius, k ≥ 1
     */
    public static Result compute(float[][] real, float[][] fake, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        int d = Checks.requireMatrix(real, "real", k + 1);
        int dFake = Checks.requireMatrix(fake, "fake", k + 1);
        if (d != dFake) {
            throw new IllegalArgumentException(
                    "real and fake feature dimensions differ: " + d + " vs " + dFake);
        }
        double precision = coverage(fake, real, kthNeighbourRadii(real, k));
        double recall = coverage(real, fake, kthNeighbourRadii(fake, k));
        return new Result(precision, recall);
    }

    /** Squared distance from each point to its k-th nearest other point of the same set. */
    static float[] kthNeighbourRadii(float[][] points, int k) {
        int n = points.length;
        float[][][] packed = pack(points);
        float[] radii = new float[n];
        IntStream.range(0, tiles(n)).parallel().forEach(tile -> {
            int q0 = tile * TILE;
            int qn = Math.min(TILE, n - q0);
            float[][] acc = new float[TILE][BLOCK];
            // Per query, the k smallest distances so far, ascending; insertion is cheap for small k.
            float[][] best = new float[qn][k];
            for (float[] b : best) {
                Arrays.fill(b, Float.POSITIVE_INFINITY);
            }
            for (int block = 0; block < packed.length; block++) {
                int c0 = block * BLOCK;
                int count = Math.min(BLOCK, n - c0);
                blockDistances(points, q0, qn, packed[block], acc);
                for (int qi = 0; qi < qn; qi++) {
                    float[] a = acc[qi];
                    float[] b = best[qi];
                    for (int j = 0; j < count; j++) {
                        // Exclude the point itself by index, so exact duplicates still count.
                        if (a[j] < b[k - 1] && c0 + j != q0 + qi) {
                            insert(b, a[j]);
                        }
                    }
                }
            }
            for (int qi = 0; qi < qn; qi++) {
                radii[q0 + qi] = best[qi][k - 1];
            }
        });
        return radii;
    }

    /** Fraction of {@code queries} inside at least one ball (centre, squared radius); boundary counts. */
    static double coverage(float[][] queries, float[][] centres, float[] squaredRadii) {
        // Try the largest balls first: most covered queries then stop after the first block.
        Integer[] order = new Integer[centres.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(squaredRadii[b], squaredRadii[a]));
        float[][] sortedCentres = new float[centres.length][];
        float[] sortedRadii = new float[centres.length];
        for (int i = 0; i < order.length; i++) {
            sortedCentres[i] = centres[order[i]];
            sortedRadii[i] = squaredRadii[order[i]];
        }
        float[][][] packed = pack(sortedCentres);
        int n = queries.length;
        int m = centres.length;
        long inside = IntStream.range(0, tiles(n)).parallel().mapToLong(tile -> {
            int q0 = tile * TILE;
            int qn = Math.min(TILE, n - q0);
            float[][] acc = new float[TILE][BLOCK];
            boolean[] covered = new boolean[qn];
            int remaining = qn;
            for (int block = 0; block < packed.length && remaining > 0; block++) {
                int c0 = block * BLOCK;
                int count = Math.min(BLOCK, m - c0);
                blockDistances(queries, q0, qn, packed[block], acc);
                for (int qi = 0; qi < qn; qi++) {
                    if (covered[qi]) {
                        continue;
                    }
                    float[] a = acc[qi];
                    for (int j = 0; j < count; j++) {
                        if (a[j] <= sortedRadii[c0 + j]) {
                            covered[qi] = true;
                            remaining--;
                            break;
                        }
                    }
                }
            }
            return qn - remaining;
        }).sum();
        return (double) inside / n;
    }

    /**
     * acc[qi][j] = Σ_k (queries[q0+qi][k] − centre_j[k])² for the centres of one packed block.
     * Differences are taken directly (not |x|²+|y|²−2x·y), so identical points are exactly 0 apart
     * and d(x, y) = d(y, x) bit for bit; float accumulation is ample for ranking and thresholding.
     */
    private static void blockDistances(float[][] queries, int q0, int qn, float[][] block, float[][] acc) {
        int d = queries[0].length;
        for (int qi = 0; qi < qn; qi++) {
            Arrays.fill(acc[qi], 0f);
        }
        for (int k = 0; k < d; k++) {
            // One array per feature (not one flat array with an offset): C2 only vectorises the
            // loop below when both arrays are indexed by plain j.
            float[] column = block[k];
            for (int qi = 0; qi < qn; qi++) {
                float x = queries[q0 + qi][k];
                float[] a = acc[qi];
                for (int j = 0; j < BLOCK; j++) {
                    float e = x - column[j];
                    a[j] += e * e;
                }
            }
        }
    }

    /** Transposes points into blocks of BLOCK: blocks[b][k][j] = points[b·BLOCK + j][k], zero-padded. */
    private static float[][][] pack(float[][] points) {
        int n = points.length;
        int d = points[0].length;
        float[][][] blocks = new float[(n + BLOCK - 1) / BLOCK][d][BLOCK];
        for (int i = 0; i < n; i++) {
            float[][] block = blocks[i / BLOCK];
            int j = i % BLOCK;
            float[] p = points[i];
            for (int k = 0; k < d; k++) {
                block[k][j] = p[k];
            }
        }
        return blocks;
    }

    private static int tiles(int n) {
        return (n + TILE - 1) / TILE;
    }

    /** Inserts x into the ascending array b (dropping its last element); caller ensured x < b[last]. */
    private static void insert(float[] b, float x) {
        int pos = b.length - 1;
        while (pos > 0 && b[pos - 1] > x) {
            b[pos] = b[pos - 1];
            pos--;
        }
        b[pos] = x;
    }
}
