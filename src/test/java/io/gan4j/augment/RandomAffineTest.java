package io.gan4j.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.gan4j.Engines;
import org.junit.jupiter.api.Test;

class RandomAffineTest {

    /** A white disc of radius r on black, centred in a 28×28 image, [n, 1, 28, 28]. */
    private static NDArray disc(NDManager m, int n, float r) {
        float[] v = new float[28 * 28];
        for (int i = 0; i < 28; i++) {
            for (int j = 0; j < 28; j++) {
                v[i * 28 + j] = Math.hypot(i - 13.5, j - 13.5) <= r ? 1f : -1f;
            }
        }
        return m.create(v, new Shape(1, 1, 28, 28)).repeat(0, n);
    }

    @Test
    void noRangeIsTheIdentityAndBlackStaysBlack() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(-1f, 1f, new Shape(3, 2, 28, 20));
            assertArrayEquals(x.toFloatArray(), new RandomAffine(0f, 0f, 0f).apply(x).toFloatArray(), 1e-5f);
            NDArray black = m.full(new Shape(4, 1, 28, 28), -1f);
            assertArrayEquals(black.toFloatArray(), new RandomAffine(15f, 0.1f, 0.08f).apply(black).toFloatArray(), 1e-5f);
        }
    }

    /** Each output pixel is the bilinear interpolation, written out here, of the source point its parameters name. */
    @Test
    void warpsAsTheFormulaSays() {
        try (NDManager m = NDManager.newBaseManager()) {
            int h = 12;
            int w = 9;
            NDArray x = m.randomUniform(-1f, 1f, new Shape(3, 2, h, w));
            float[] degrees = {0f, 30f, -12f};
            float[] zoom = {1f, 1.2f, 0.85f};
            float[] shiftX = {0.1f, 0f, -0.07f};
            float[] shiftY = {0f, -0.05f, 0.12f};
            float[] out = RandomAffine.warp(x, m.create(degrees), m.create(zoom), m.create(shiftX), m.create(shiftY)).toFloatArray();
            float[] in = x.toFloatArray();
            for (int b = 0; b < 3; b++) {
                double angle = Math.toRadians(degrees[b]);
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double u = j - (w - 1) / 2.0 - shiftX[b] * w;
                        double v = i - (h - 1) / 2.0 - shiftY[b] * h;
                        double sx = (Math.cos(angle) * u + Math.sin(angle) * v) / zoom[b] + (w - 1) / 2.0;
                        double sy = (Math.cos(angle) * v - Math.sin(angle) * u) / zoom[b] + (h - 1) / 2.0;
                        for (int c = 0; c < 2; c++) {
                            double expected = -1;
                            for (int r = 0; r < h; r++) {
                                for (int k = 0; k < w; k++) {
                                    double weight = Math.max(0, 1 - Math.abs(sy - r)) * Math.max(0, 1 - Math.abs(sx - k));
                                    expected += weight * (in[((b * 2 + c) * h + r) * w + k] + 1);
                                }
                            }
                            assertEquals(expected, out[((b * 2 + c) * h + i) * w + j], 1e-4, "image " + b + " pixel " + i + "," + j);
                        }
                    }
                }
            }
        }
    }

    /** Rotations and scalings keep a centred disc's centroid where it is (they turn about the centre), shifts move it. */
    @Test
    void rotationsAndScalingsTurnAboutTheCentre() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engines.seed(3);
            NDArray x = disc(m, 8, 6f);
            for (float[] c : centroids(new RandomAffine(45f, 0.2f, 0f).apply(x))) {
                assertEquals(13.5f, c[0], 0.05f);
                assertEquals(13.5f, c[1], 0.05f);
            }
            float largest = 0;
            for (float[] c : centroids(new RandomAffine(0f, 0f, 0.1f).apply(x))) {
                largest = Math.max(largest, Math.max(Math.abs(c[0] - 13.5f), Math.abs(c[1] - 13.5f)));
                assertTrue(Math.abs(c[0] - 13.5f) <= 2.8f + 0.05f && Math.abs(c[1] - 13.5f) <= 2.8f + 0.05f, "at most 10% of 28");
            }
            assertTrue(largest > 0.5f, "a shift moves the disc");
        }
    }

    /** Each image's intensity centroid (of x + 1) as {row, column}. */
    private static float[][] centroids(NDArray images) {
        float[] v = images.add(1f).toFloatArray();
        int n = v.length / (28 * 28);
        float[][] c = new float[n][2];
        for (int b = 0; b < n; b++) {
            double total = 0;
            double row = 0;
            double col = 0;
            for (int p = 0; p < 28 * 28; p++) {
                total += v[b * 28 * 28 + p];
                row += v[b * 28 * 28 + p] * (p / 28);
                col += v[b * 28 * 28 + p] * (p % 28);
            }
            c[b] = new float[] {(float) (row / total), (float) (col / total)};
        }
        return c;
    }

    /** Copies of one image get different warps, the same seed the same ones, and the gradient reaches the input. */
    @Test
    void drawsArePerImageFollowTheSeedAndPassTheGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            RandomAffine warp = new RandomAffine(15f, 0.1f, 0.08f);
            NDArray x = m.randomUniform(-1f, 1f, new Shape(1, 1, 28, 28)).repeat(0, 2);
            Engines.seed(7);
            float[] a = warp.apply(x).toFloatArray();
            Engines.seed(7);
            assertArrayEquals(a, warp.apply(x).toFloatArray());
            float difference = 0;
            for (int i = 0; i < 28 * 28; i++) {
                difference += Math.abs(a[i] - a[28 * 28 + i]);
            }
            assertTrue(difference > 1f, "two copies, two warps");
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(warp.apply(x).sum());
            }
            NDArray grad = x.getGradient();
            assertEquals(x.getShape(), grad.getShape());
            // Each output pixel's weights sum to 1 inside the image, so the gradient's total is about the pixels kept.
            float total = grad.sum().getFloat();
            assertTrue(total > 0.6f * 2 * 28 * 28 && total < 1.4f * 2 * 28 * 28, "gradient total " + total);
        }
    }
}
