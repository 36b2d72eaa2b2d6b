package io.gan4j.evaluation;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Fréchet distance between two Gaussians fitted to feature vectors (the math behind FID):
 * {@code ||μa − μb||² + Tr(Σa) + Tr(Σb) − 2·Tr((Σa Σb)^{1/2})}. Everything is float64: the
 * trace term is a small difference of large numbers, and float32 visibly biases FID.
 */
public final class FrechetDistance {

    /** Rows per block when accumulating the covariance, to bound the float64 copy of the data. */
    private static final int BLOCK_ROWS = 1024;

    /** Relative size (vs. the largest |eigenvalue|) below which negative eigenvalues count as rounding. */
    private static final double NEGATIVE_TOLERANCE = 1e-6;

    private FrechetDistance() {}

    /**
     * A Gaussian summary of a feature set. The arrays are used as given (not copied) because
     * covariance matrices of real feature extractors are large; callers must not mutate them.
     *
     * @param mean       length-d mean vector
     * @param covariance d×d symmetric covariance matrix
     * @param count      number of samples it was estimated from (informational)
     */
    public record Gaussian(double[] mean, double[][] covariance, int count) {
        public Gaussian {
            if (mean == null || covariance == null) {
                throw new IllegalArgumentException("mean and covariance must not be null");
            }
            int d = mean.length;
            if (d == 0) {
                throw new IllegalArgumentException("Gaussian dimension must be positive");
            }
            if (covariance.length != d) {
                throw new IllegalArgumentException(
                        "covariance has " + covariance.length + " rows, expected " + d);
            }
            for (int i = 0; i < d; i++) {
                if (covariance[i] == null || covariance[i].length != d) {
                    throw new IllegalArgumentException("covariance row " + i + " must have length " + d);
                }
            }
            if (count < 0) {
                throw new IllegalArgumentException("count must be non-negative, got " + count);
            }
        }

        /** Dimension d of the feature space. */
        public int dimension() {
            return mean.length;
        }
    }

    /**
     * Fits mean and unbiased covariance (n−1 denominator, like {@code np.cov(x, rowvar=False)}) to
     * the rows of {@code features}. Accumulation is in float64 and on centred data, which avoids the
     * catastrophic cancellation of the E[xxᵀ] − μμᵀ shortcut.
     *
     * @param features n×d matrix, one sample per row, n ≥ 2
     */
    public static Gaussian fit(float[][] features) {
        int d = Checks.requireMatrix(features, "features", 2);
        int n = features.length;

        double[] mean = new double[d];
        for (float[] row : features) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }

        // Σ = XcᵀXc / (n−1), accumulated block by block so the float64 copy stays small.
        DMatrixRMaj cov = new DMatrixRMaj(d, d);
        DMatrixRMaj block = new DMatrixRMaj(Math.min(BLOCK_ROWS, n), d);
        for (int start = 0; start < n; start += BLOCK_ROWS) {
            int rows = Math.min(BLOCK_ROWS, n - start);
            block.reshape(rows, d);
            double[] data = block.data;
            for (int r = 0; r < rows; r++) {
                float[] row = features[start + r];
                int offset = r * d;
                for (int j = 0; j < d; j++) {
                    data[offset + j] = row[j] - mean[j];
                }
            }
            CommonOps_MT_DDRM.multAddTransA(block, block, cov);
        }
        CommonOps_DDRM.scale(1.0 / (n - 1), cov);

        double[][] covariance = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                // Average with the transpose so the result is exactly symmetric.
                covariance[i][j] = 0.5 * (cov.get(i, j) + cov.get(j, i));
            }
        }
        return new Gaussian(mean, covariance, n);
    }

    /**
     * Fréchet distance between two Gaussians of the same dimension. The trace of the matrix square
     * root is taken in the symmetric form {@code Tr(sqrt(√Σa Σb √Σa))}: that matrix is symmetric
     * PSD and has the same eigenvalues as Σa Σb, so a symmetric eigen-solver suffices and no complex
     * parts appear (unlike {@code scipy.linalg.sqrtm(Σa Σb)}). The result is clamped at 0, since
     * rounding can push the distance of (nearly) identical Gaussians a hair below zero.
     */
    public static double distance(Gaussian a, Gaussian b) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("Gaussians must not be null");
        }
        int d = a.dimension();
        if (b.dimension() != d) {
            throw new IllegalArgumentException(
                    "dimension mismatch: " + d + " vs " + b.dimension());
        }
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            double diff = a.mean()[i] - b.mean()[i];
            meanTerm += diff * diff;
        }
        DMatrixRMaj sa = toMatrix(a.covariance(), "a.covariance");
        DMatrixRMaj sb = toMatrix(b.covariance(), "b.covariance");
        double traceA = CommonOps_DDRM.trace(sa);
        double traceB = CommonOps_DDRM.trace(sb);

        DMatrixRMaj rootA = symmetricSqrt(sa);
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        DMatrixRMaj m = new DMatrixRMaj(d, d);
        CommonOps_MT_DDRM.mult(rootA, sb, tmp);
        CommonOps_MT_DDRM.mult(tmp, rootA, m);
        symmetrize(m);
        double traceSqrt = 0;
        for (double lambda : symmetricEigenvalues(m, false).values) {
            traceSqrt += Math.sqrt(lambda);
        }
        return Math.max(0.0, meanTerm + traceA + traceB - 2.0 * traceSqrt);
    }

    /** √S = V·diag(√max(λ,0))·Vᵀ for symmetric PSD S; tiny negative λ are rounding noise. */
    private static DMatrixRMaj symmetricSqrt(DMatrixRMaj s) {
        int d = s.numRows;
        Eigen eig = symmetricEigenvalues(s, true);
        DMatrixRMaj scaled = new DMatrixRMaj(d, d); // V·diag(√λ)
        DMatrixRMaj v = new DMatrixRMaj(d, d);
        for (int k = 0; k < d; k++) {
            double root = Math.sqrt(eig.values[k]);
            DMatrixRMaj vec = eig.vectors[k];
            for (int i = 0; i < d; i++) {
                v.set(i, k, vec.get(i));
                scaled.set(i, k, vec.get(i) * root);
            }
        }
        DMatrixRMaj root = new DMatrixRMaj(d, d);
        CommonOps_MT_DDRM.multTransB(scaled, v, root);
        symmetrize(root);
        return root;
    }

    private record Eigen(double[] values, DMatrixRMaj[] vectors) {}

    /** Eigenvalues (clamped at 0) and optionally eigenvectors of a symmetric matrix, via EJML. */
    private static Eigen symmetricEigenvalues(DMatrixRMaj s, boolean vectors) {
        int d = s.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, vectors, true);
        if (!eig.decompose(s.copy())) {
            throw new IllegalArgumentException("eigendecomposition failed (non-finite covariance?)");
        }
        double[] values = new double[d];
        DMatrixRMaj[] vecs = vectors ? new DMatrixRMaj[d] : null;
        double largest = 0;
        for (int k = 0; k < d; k++) {
            values[k] = eig.getEigenvalue(k).real;
            largest = Math.max(largest, Math.abs(values[k]));
            if (vectors) {
                vecs[k] = eig.getEigenVector(k);
            }
        }
        for (int k = 0; k < d; k++) {
            // Rounding leaves PSD matrices with eigenvalues like -1e-17: clamp those to 0, but a
            // clearly negative one means the caller's matrix is not a covariance at all.
            if (values[k] < -NEGATIVE_TOLERANCE * Math.max(largest, Double.MIN_NORMAL)) {
                throw new IllegalArgumentException(
                        "covariance is not positive semi-definite (eigenvalue " + values[k] + ")");
            }
            values[k] = Math.max(0.0, values[k]);
        }
        return new Eigen(values, vecs);
    }

    private static void symmetrize(DMatrixRMaj m) {
        int d = m.numRows;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double avg = 0.5 * (m.get(i, j) + m.get(j, i));
                m.set(i, j, avg);
                m.set(j, i, avg);
            }
        }
    }

    private static DMatrixRMaj toMatrix(double[][] rows, String name) {
        int d = rows.length;
        DMatrixRMaj m = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double x = rows[i][j];
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j + "] is not finite: " + x);
                }
                m.set(i, j, x);
            }
        }
        return m;
    }
}
