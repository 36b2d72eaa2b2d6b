package io.gan4j.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.Random;

class ImageMetricsTest {

    /** The pair of src/test/python/ssim_reference.py. */
    private static float[][] pair() {
        float[] a = new float[256];
        float[] b = new float[256];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                a[y * 16 + x] = ((3 * x + 5 * y) % 16) / 15f;
                b[y * 16 + x] = 0.7f * a[y * 16 + x] + 0.3f * ((x + y) % 2);
            }
        }
        return new float[][] {a, b};
    }

    @Test
    void ssimMatchesTheNumpyReference() {
        float[][] p = pair();
        // python3 src/test/python/ssim_reference.py → 0.8364904988
        assertEquals(0.8364904988, ImageMetrics.ssim(p[0], p[1], 1, 1, 16, 16), 1e-6);
    }

    @Test
    void ssimOfAnImageWithItselfIsOneAndLowerOtherwise() {
        Random r = new Random(1);
        float[] x = new float[2 * 3 * 20 * 24];
        float[] noisy = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
            noisy[i] = Math.min(1f, Math.max(0f, x[i] + 0.2f * (float) r.nextGaussian()));
        }
        assertEquals(1.0, ImageMetrics.ssim(x, x, 2, 3, 20, 24), 1e-9);
        assertTrue(ImageMetrics.ssim(x, noisy, 2, 3, 20, 24) < 0.95);
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.ssim(new float[100], new float[100], 1, 1, 10, 10));
    }

    @Test
    void psnrAndL1OfAKnownDifference() {
        float[] a = new float[50];
        float[] b = new float[50];
        java.util.Arrays.fill(b, 0.1f);
        assertEquals(0.1, ImageMetrics.l1(a, b), 1e-6);
        assertEquals(20.0, ImageMetrics.psnr(a, b, 2), 1e-4, "MSE 0.01 → 20 dB");
        assertEquals(ImageMetrics.MAX_PSNR, ImageMetrics.psnr(a, a, 2), 0, "an exact copy is capped");
        float[] half = b.clone();
        java.util.Arrays.fill(half, 0, 25, 0f);
        assertEquals((ImageMetrics.MAX_PSNR + 20) / 2, ImageMetrics.psnr(a, half, 2), 1e-4, "mean of per-image PSNRs");
    }
}
