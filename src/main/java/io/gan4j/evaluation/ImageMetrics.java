package io.gan4j.evaluation;

/**
 * Full-reference image quality of image-to-image translation, on images with values in [0, 1]
 * laid out [N, C, H, W]; every metric is the mean over the N images.
 *
 * <ul>
 *   <li>{@code l1}: mean absolute difference;
 *   <li>{@code psnr}: 10·log10(1 / MSE) per image in dB, capped at {@value #MAX_PSNR} dB for an exact copy;
 *   <li>{@code ssim}: Wang et al. (2004)'s structural similarity, as their reference code computes it — an
 *       11×11 Gaussian window with σ = 1.5, C1 = (0.01)², C2 = (0.03)², population (co)variances, the
 *       map over the window positions inside the image, averaged (and over the channels). This is
 *       scikit-image's {@code structural_similarity(gaussian_weights=True, sigma=1.5,
 *       use_sample_covariance=False, data_range=1)}.
 * </ul>
 */
public final class ImageMetrics {

    public static final double MAX_PSNR = 100;
    static final int WINDOW = 11;
    private static final double SIGMA = 1.5;
    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;
    private static final double[] GAUSS = gaussian();

    private ImageMetrics() {}

    public static double l1(float[] a, float[] b) {
        check(a, b);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }

    public static double psnr(float[] a, float[] b, int n) {
        check(a, b);
        int per = a.length / n;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double se = 0;
            for (int j = i * per; j < (i + 1) * per; j++) {
                double d = a[j] - b[j];
                se += d * d;
            }
            total += se == 0 ? MAX_PSNR : Math.min(MAX_PSNR, 10 * Math.log10(per / se));
        }
        return total / n;
    }

    public static double ssim(float[] a, float[] b, int n, int channels, int h, int w) {
        check(a, b);
        if (h < WINDOW || w < WINDOW) {
            throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW + "x" + WINDOW + ", not " + h + "x" + w);
        }
        double total = 0;
        for (int p = 0; p < n * channels; p++) {
            total += ssimPlane(a, b, p * h * w, h, w);
        }
        return total / (n * channels);
    }

    /** Mean SSIM map of one plane starting at {@code at}. */
    private static double ssimPlane(float[] a, float[] b, int at, int h, int w) {
        int oh = h - WINDOW + 1;
        int ow = w - WINDOW + 1;
        // Separable filtering: the five local moments, first along rows, then down the columns.
        double[][] rows = new double[5][h * ow];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < ow; x++) {
                for (int k = 0; k < WINDOW; k++) {
                    double g = GAUSS[k];
                    double u = a[at + y * w + x + k];
                    double v = b[at + y * w + x + k];
                    rows[0][y * ow + x] += g * u;
                    rows[1][y * ow + x] += g * v;
                    rows[2][y * ow + x] += g * u * u;
                    rows[3][y * ow + x] += g * v * v;
                    rows[4][y * ow + x] += g * u * v;
                }
            }
        }
        double sum = 0;
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double[] m = new double[5];
                for (int k = 0; k < WINDOW; k++) {
                    for (int j = 0; j < 5; j++) {
                        m[j] += GAUSS[k] * rows[j][(y + k) * ow + x];
                    }
                }
                double vx = m[2] - m[0] * m[0];
                double vy = m[3] - m[1] * m[1];
                double cov = m[4] - m[0] * m[1];
                sum += (2 * m[0] * m[1] + C1) * (2 * cov + C2) / ((m[0] * m[0] + m[1] * m[1] + C1) * (vx + vy + C2));
            }
        }
        return sum / (oh * ow);
    }

    private static double[] gaussian() {
        double[] g = new double[WINDOW];
        double sum = 0;
        for (int k = 0; k < WINDOW; k++) {
            double d = k - WINDOW / 2;
            g[k] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
            sum += g[k];
        }
        for (int k = 0; k < WINDOW; k++) {
            g[k] /= sum;
        }
        return g;
    }

    private static void check(float[] a, float[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("images differ in size: " + a.length + " vs " + b.length + " values");
        }
    }
}
