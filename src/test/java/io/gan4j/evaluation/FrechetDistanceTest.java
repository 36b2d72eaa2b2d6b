package io.gan4j.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gan4j.evaluation.FrechetDistance.Gaussian;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    private static final double TOL = 1e-6;

    @Test
    void identicalGaussiansAreAtDistanceZero() {
        Gaussian g = new Gaussian(new double[] {1, -2, 3}, randomCovariance(3, new Random(1)), 10);
        assertEquals(0.0, FrechetDistance.distance(g, g), TOL);
    }

    @Test
    void diagonalCovariancesMatchClosedForm() {
        double[] ma = {0.5, -1, 2, 0};
        double[] mb = {1.5, 1, 2, -3};
        double[] va = {1, 4, 0.25, 9};
        double[] vb = {4, 1, 0.25, 2};
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            expected += (ma[i] - mb[i]) * (ma[i] - mb[i]);
            double dr = Math.sqrt(va[i]) - Math.sqrt(vb[i]);
            expected += dr * dr;
        }
        double actual = FrechetDistance.distance(new Gaussian(ma, diag(va), 1), new Gaussian(mb, diag(vb), 1));
        assertEquals(expected, actual, TOL);
    }

    @Test
    void oneDimensionalCase() {
        // (μa−μb)² + (σa−σb)²
        Gaussian a = new Gaussian(new double[] {2}, new double[][] {{9}}, 1);
        Gaussian b = new Gaussian(new double[] {-1}, new double[][] {{4}}, 1);
        assertEquals(9 + 1, FrechetDistance.distance(a, b), TOL);
    }

    @Test
    void commutingFullCovariancesMatchClosedForm() {
        // Σa = R·diag(va)·Rᵀ, Σb = R·diag(vb)·Rᵀ with the same rotation R: they commute, and
        // Tr((ΣaΣb)^½) = Σ √(va·vb), so the distance is |Δμ|² + Σ(√va − √vb)².
        double[] va = {3, 0.5, 2};
        double[] vb = {1, 2, 8};
        double[][] r = rotation(0.7, -0.4, 1.1);
        double[] ma = {1, 2, 3};
        double[] mb = {0, 2, 5};
        double expected = 1 + 0 + 4;
        for (int i = 0; i < 3; i++) {
            double dr = Math.sqrt(va[i]) - Math.sqrt(vb[i]);
            expected += dr * dr;
        }
        Gaussian a = new Gaussian(ma, conjugate(r, va), 1);
        Gaussian b = new Gaussian(mb, conjugate(r, vb), 1);
        assertEquals(expected, FrechetDistance.distance(a, b), TOL);
    }

    @Test
    void twoByTwoRandomMatchesDeterminantFormula() {
        // For 2×2, eigenvalues λ1, λ2 ≥ 0 of ΣaΣb give Tr√(ΣaΣb) = √λ1+√λ2 = √(Tr(ΣaΣb) + 2√det(ΣaΣb)).
        Random rng = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            double[][] sa = randomCovariance(2, rng);
            double[][] sb = randomCovariance(2, rng);
            double[][] p = multiply(sa, sb);
            double trP = p[0][0] + p[1][1];
            double det = (sa[0][0] * sa[1][1] - sa[0][1] * sa[1][0]) * (sb[0][0] * sb[1][1] - sb[0][1] * sb[1][0]);
            double traceSqrt = Math.sqrt(trP + 2 * Math.sqrt(det));
            double[] ma = {rng.nextGaussian(), rng.nextGaussian()};
            double[] mb = {rng.nextGaussian(), rng.nextGaussian()};
            double expected = sq(ma[0] - mb[0]) + sq(ma[1] - mb[1])
                    + sa[0][0] + sa[1][1] + sb[0][0] + sb[1][1] - 2 * traceSqrt;
            assertEquals(expected, FrechetDistance.distance(new Gaussian(ma, sa, 1), new Gaussian(mb, sb, 1)), TOL);
        }
    }

    @Test
    void randomCovariancesMatchNonSymmetricEigenvaluesOfProduct() {
        // Independent route: eigenvalues of the (non-symmetric) product ΣaΣb from EJML's general
        // solver; they are real and ≥ 0, and Tr((ΣaΣb)^½) is the sum of their square roots.
        Random rng = new Random(5);
        for (int trial = 0; trial < 5; trial++) {
            int d = 6;
            double[][] sa = randomCovariance(d, rng);
            double[][] sb = randomCovariance(d, rng);
            DMatrixRMaj product = new DMatrixRMaj(multiply(sa, sb));
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, false, false);
            assertEquals(true, eig.decompose(product));
            double traceSqrt = 0;
            for (int i = 0; i < d; i++) {
                assertEquals(0.0, eig.getEigenvalue(i).imaginary, 1e-8);
                traceSqrt += Math.sqrt(Math.max(0, eig.getEigenvalue(i).real));
            }
            double[] ma = new double[d];
            double[] mb = new double[d];
            double expected = 0;
            for (int i = 0; i < d; i++) {
                ma[i] = rng.nextGaussian();
                mb[i] = rng.nextGaussian();
                expected += sq(ma[i] - mb[i]) + sa[i][i] + sb[i][i];
            }
            expected -= 2 * traceSqrt;
            assertEquals(expected, FrechetDistance.distance(new Gaussian(ma, sa, 1), new Gaussian(mb, sb, 1)), TOL);
        }
    }

    @Test
    void matchesScipyReferenceValue() {
        // Reference from numpy/scipy: Σ = XXᵀ/6, FD = |Δμ|² + TrΣa + TrΣb − 2·Re Tr(sqrtm(ΣaΣb)).
        double[][] x = {{3, 1, 1, 3, 1, 2}, {2, -2, -3, -1, -2, 3}, {3, -3, 0, 2, -3, 2}, {-3, 0, 2, -1, -1, -2}};
        double[][] y = {{2, -2, 3, 0, 0, 0}, {1, 0, 0, 3, 2, 2}, {1, 1, -1, 3, 0, -2}, {2, -2, 3, 1, -3, -3}};
        Gaussian a = new Gaussian(new double[] {0.5, -1.0, 2.0, 0.25}, gram(x, 6), 1);
        Gaussian b = new Gaussian(new double[] {-0.5, 0.0, 1.5, 1.0}, gram(y, 6), 1);
        assertEquals(12.08650088130819, FrechetDistance.distance(a, b), 1e-9);
    }

    @Test
    void distanceIsSymmetric() {
        Random rng = new Random(11);
        for (int trial = 0; trial < 5; trial++) {
            int d = 8;
            Gaussian a = new Gaussian(randomVector(d, rng), randomCovariance(d, rng), 1);
            Gaussian b = new Gaussian(randomVector(d, rng), randomCovariance(d, rng), 1);
            assertEquals(FrechetDistance.distance(a, b), FrechetDistance.distance(b, a), TOL);
        }
    }

    @Test
    void rankDeficientCovariancesAreHandled() {
        // Fewer samples than dimensions gives singular covariances, as with small FID sample sets.
        Random rng = new Random(2);
        float[][] xs = randomData(4, 10, rng);
        Gaussian g = FrechetDistance.fit(xs);
        assertEquals(0.0, FrechetDistance.distance(g, g), TOL);
        Gaussian h = FrechetDistance.fit(randomData(4, 10, rng));
        double d = FrechetDistance.distance(g, h);
        assertEquals(d, FrechetDistance.distance(h, g), TOL);
    }

    @Test
    void fitMatchesNumpyCov() {
        float[][] data = {{1.5f, -2f, 0.25f}, {3f, 0.5f, -1f}, {-0.75f, 1f, 2f}, {2f, 2.5f, 0.5f}, {0f, -1f, 1.25f}};
        Gaussian g = FrechetDistance.fit(data);
        double[] mean = {1.15, 0.2, 0.6};
        double[][] cov = {{2.3, 0.4, -1.64375}, {0.4, 3.075, 0.1}, {-1.64375, 0.1, 1.26875}};
        assertEquals(5, g.count());
        for (int i = 0; i < 3; i++) {
            assertEquals(mean[i], g.mean()[i], 1e-12);
            for (int j = 0; j < 3; j++) {
                assertEquals(cov[i][j], g.covariance()[i][j], 1e-12);
            }
        }
    }

    @Test
    void fitExactConstruction() {
        // μ ± a·e1, μ ± b·e2: mean μ, covariance diag(2a²/3, 2b²/3) with the n−1 denominator.
        float a = 3, b = 1.5f;
        float[][] data = {{1 + a, -2}, {1 - a, -2}, {1, -2 + b}, {1, -2 - b}};
        Gaussian g = FrechetDistance.fit(data);
        assertEquals(1, g.mean()[0], 1e-12);
        assertEquals(-2, g.mean()[1], 1e-12);
        assertEquals(2 * a * a / 3, g.covariance()[0][0], 1e-12);
        assertEquals(2 * b * b / 3, g.covariance()[1][1], 1e-12);
        assertEquals(0, g.covariance()[0][1], 1e-12);
    }

    @Test
    void fitRecoversSamplingDistributionAcrossBlocks() {
        // 5000 rows spans several accumulation blocks; x = μ + L·z has covariance LLᵀ.
        Random rng = new Random(9);
        double[] mu = {10, -5, 0.5};
        double[][] l = {{1, 0, 0}, {0.5, 2, 0}, {-1, 0.3, 0.7}};
        int n = 5000;
        float[][] data = new float[n][3];
        for (int s = 0; s < n; s++) {
            double[] z = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
            for (int i = 0; i < 3; i++) {
                double v = mu[i];
                for (int j = 0; j < 3; j++) {
                    v += l[i][j] * z[j];
                }
                data[s][i] = (float) v;
            }
        }
        Gaussian g = FrechetDistance.fit(data);
        double[][] cov = multiply(l, transpose(l));
        for (int i = 0; i < 3; i++) {
            assertEquals(mu[i], g.mean()[i], 0.1);
            for (int j = 0; j < 3; j++) {
                assertEquals(cov[i][j], g.covariance()[i][j], 0.15);
            }
        }
        // Two-pass reference in float64 on the same rows: the blocked accumulation must agree.
        double[] mean = new double[3];
        for (float[] row : data) {
            for (int i = 0; i < 3; i++) {
                mean[i] += row[i] / (double) n;
            }
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double c = 0;
                for (float[] row : data) {
                    c += (row[i] - mean[i]) * (row[j] - mean[j]);
                }
                assertEquals(c / (n - 1), g.covariance()[i][j], 1e-9);
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> FrechetDistance.fit(new float[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> FrechetDistance.fit(new float[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> FrechetDistance.fit(new float[][] {{1, Float.NaN}, {3, 4}}));
        assertThrows(IllegalArgumentException.class, () -> new Gaussian(new double[2], new double[3][3], 1));
        Gaussian g2 = new Gaussian(new double[2], diag(new double[] {1, 1}), 1);
        Gaussian g3 = new Gaussian(new double[3], diag(new double[] {1, 1, 1}), 1);
        assertThrows(IllegalArgumentException.class, () -> FrechetDistance.distance(g2, g3));
        Gaussian notPsd = new Gaussian(new double[2], diag(new double[] {1, -1}), 1);
        assertThrows(IllegalArgumentException.class, () -> FrechetDistance.distance(notPsd, g2));
    }

    // ---- helpers ----

    private static double sq(double x) {
        return x * x;
    }

    private static double[] randomVector(int d, Random rng) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    private static float[][] randomData(int n, int d, Random rng) {
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) rng.nextGaussian();
            }
        }
        return x;
    }

    /** Full-rank random covariance: G·Gᵀ/d + 0.1·I. */
    private static double[][] randomCovariance(int d, Random rng) {
        double[][] g = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                g[i][j] = rng.nextGaussian();
            }
        }
        double[][] c = gram(g, d);
        for (int i = 0; i < d; i++) {
            c[i][i] += 0.1;
        }
        return c;
    }

    /** X·Xᵀ / divisor. */
    private static double[][] gram(double[][] x, double divisor) {
        double[][] c = multiply(x, transpose(x));
        for (double[] row : c) {
            for (int j = 0; j < row.length; j++) {
                row[j] /= divisor;
            }
        }
        return c;
    }

    private static double[][] diag(double[] v) {
        double[][] m = new double[v.length][v.length];
        for (int i = 0; i < v.length; i++) {
            m[i][i] = v[i];
        }
        return m;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        DMatrixRMaj c = new DMatrixRMaj(a.length, b[0].length);
        CommonOps_DDRM.mult(new DMatrixRMaj(a), new DMatrixRMaj(b), c);
        return toArray(c);
    }

    private static double[][] transpose(double[][] a) {
        return toArray(CommonOps_DDRM.transpose(new DMatrixRMaj(a), null));
    }

    private static double[][] toArray(DMatrixRMaj m) {
        double[][] out = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                out[i][j] = m.get(i, j);
            }
        }
        return out;
    }

    /** R·diag(v)·Rᵀ. */
    private static double[][] conjugate(double[][] r, double[] v) {
        return multiply(multiply(r, diag(v)), transpose(r));
    }

    /** Rotation Rz(a)·Ry(b)·Rx(c). */
    private static double[][] rotation(double a, double b, double c) {
        double[][] rz = {{Math.cos(a), -Math.sin(a), 0}, {Math.sin(a), Math.cos(a), 0}, {0, 0, 1}};
        double[][] ry = {{Math.cos(b), 0, Math.sin(b)}, {0, 1, 0}, {-Math.sin(b), 0, Math.cos(b)}};
        double[][] rx = {{1, 0, 0}, {0, Math.cos(c), -Math.sin(c)}, {0, Math.sin(c), Math.cos(c)}};
        return multiply(multiply(rz, ry), rx);
    }
}
