package io.gan4j.evaluation;

/**
 * Inception-Score analogue for any classifier: {@code exp(mean_i KL(p(y|x_i) || p(y)))} where
 * p(y) is the mean prediction. It is 1 when predictions carry no class information (all equal)
 * and K when each sample is confidently one class and the K classes are used equally.
 *
 * <p>Inputs are class-probability rows (softmax outputs), not logits. Sums in float64.
 */
public final class ClassifierScore {

    /** Row sums must be within this of 1; float32 softmax rows are off by ~1e-7, not more. */
    private static final double SUM_TOLERANCE = 1e-3;

    private ClassifierScore() {}

    /**
     * Mean and (population, {@code np.std}) standard deviation of the score over splits.
     *
     * @param mean   mean of the per-split scores
     * @param std    standard deviation of the per-split scores (0 for a single split)
     * @param splits number of splits used
     */
    public record Result(double mean, double std, int splits) {}

    /** Score of all rows taken as one set; rows are N×K probabilities. */
    public static double score(float[][] probabilities) {
        check(probabilities, 1);
        return scoreOf(probabilities, 0, probabilities.length);
    }

    /**
     * The Inception-Score convention: split the rows into {@code splits} contiguous parts of
     * (nearly) equal size — part i is rows [i·N/splits, (i+1)·N/splits) — score each part on its own
     * marginal p(y), and report mean and std over the parts. The usual choice is 10 splits; the
     * per-part marginal makes the value depend on split size, so compare like with like. When
     * splits divides N this equals the original Inception-Score code; otherwise no row is dropped.
     *
     * @param splits number of parts, 1 ≤ splits ≤ N
     */
    public static Result score(float[][] probabilities, int splits) {
        check(probabilities, 1);
        int n = probabilities.length;
        if (splits < 1 || splits > n) {
            throw new IllegalArgumentException(
                    "splits must be in [1, " + n + "] for " + n + " rows, got " + splits);
        }
        double[] scores = new double[splits];
        double sum = 0;
        for (int s = 0; s < splits; s++) {
            int from = (int) ((long) s * n / splits);
            int to = (int) ((long) (s + 1) * n / splits);
            scores[s] = scoreOf(probabilities, from, to);
            sum += scores[s];
        }
        double mean = sum / splits;
        double var = 0;
        for (double x : scores) {
            var += (x - mean) * (x - mean);
        }
        return new Result(mean, Math.sqrt(var / splits), splits);
    }

    /** exp(mean KL(p_i || marginal)) over rows [from, to), each row renormalised in float64. */
    private static double scoreOf(float[][] p, int from, int to) {
        int k = p[0].length;
        int n = to - from;
        double[] marginal = new double[k];
        for (int i = from; i < to; i++) {
            double rowSum = rowSum(p[i]);
            for (int j = 0; j < k; j++) {
                marginal[j] += p[i][j] / rowSum;
            }
        }
        for (int j = 0; j < k; j++) {
            marginal[j] /= n;
        }
        double klSum = 0;
        for (int i = from; i < to; i++) {
            double rowSum = rowSum(p[i]);
            double kl = 0;
            for (int j = 0; j < k; j++) {
                double pj = p[i][j] / rowSum;
                // 0·log(0/q) = 0 by convention; marginal[j] > 0 whenever pj > 0.
                if (pj > 0) {
                    kl += pj * Math.log(pj / marginal[j]);
                }
            }
            klSum += kl;
        }
        return Math.exp(klSum / n);
    }

    private static double rowSum(float[] row) {
        double sum = 0;
        for (float x : row) {
            sum += x;
        }
        return sum;
    }

    private static void check(float[][] p, int minRows) {
        Checks.requireMatrix(p, "probabilities", minRows);
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p[i].length; j++) {
                if (p[i][j] < 0) {
                    throw new IllegalArgumentException(
                            "probabilities[" + i + "][" + j + "] is negative: " + p[i][j]);
                }
            }
            double sum = rowSum(p[i]);
            if (Math.abs(sum - 1.0) > SUM_TOLERANCE) {
                throw new IllegalArgumentException("probabilities row " + i + " sums to " + sum
                        + ", expected 1 (pass softmax outputs, not logits)");
            }
        }
    }
}
