package io.gan4j.data;

/** Conversions between stored uint8 pixels and the [-1, 1] floats the networks work in. */
public final class Pixels {

    private Pixels() {}

    /** uint8 0..255 → [-1, 1]. */
    public static float[] toSigned(byte[] pixels) {
        float[] out = new float[pixels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (pixels[i] & 0xff) / 127.5f - 1f;
        }
        return out;
    }

    /** Values in [lo, hi] → uint8 0..255, clamped. */
    public static byte[] toBytes(float[] values, float lo, float hi) {
        float span = hi - lo;
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) Math.round(Math.min(1f, Math.max(0f, (values[i] - lo) / span)) * 255f);
        }
        return out;
    }

    /**
     * Bilinear resize of {@code planes} images of rows×cols to size×size (pixel centres aligned,
     * as PIL and torchvision do without antialiasing).
     */
    static byte[] resize(byte[] pixels, int planes, int rows, int cols, int size) {
        byte[] out = new byte[planes * size * size];
        float sy = (float) rows / size;
        float sx = (float) cols / size;
        for (int n = 0; n < planes; n++) {
            int in = n * rows * cols;
            for (int y = 0; y < size; y++) {
                float fy = Math.max(0f, (y + 0.5f) * sy - 0.5f);
                int y0 = Math.min((int) fy, rows - 1);
                int y1 = Math.min(y0 + 1, rows - 1);
                float wy = fy - y0;
                for (int x = 0; x < size; x++) {
                    float fx = Math.max(0f, (x + 0.5f) * sx - 0.5f);
                    int x0 = Math.min((int) fx, cols - 1);
                    int x1 = Math.min(x0 + 1, cols - 1);
                    float wx = fx - x0;
                    float top = (1 - wx) * (pixels[in + y0 * cols + x0] & 0xff) + wx * (pixels[in + y0 * cols + x1] & 0xff);
                    float bottom = (1 - wx) * (pixels[in + y1 * cols + x0] & 0xff) + wx * (pixels[in + y1 * cols + x1] & 0xff);
                    out[(n * size + y) * size + x] = (byte) Math.round((1 - wy) * top + wy * bottom);
                }
            }
        }
        return out;
    }
}
