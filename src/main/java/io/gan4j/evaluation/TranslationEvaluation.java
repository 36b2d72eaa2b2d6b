package io.gan4j.evaluation;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.gan4j.data.PairedImages;
import io.gan4j.data.Pixels;
import io.gan4j.models.Gan;
import io.gan4j.models.Translator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers of {@code gan4j eval} for a translation model: L1, PSNR and SSIM of its outputs
 * against the targets of every test pair, and of the inputs themselves against the targets (the
 * identity baseline a translation has to beat). Outputs are quantised to 8 bits first, as an
 * image file would hold them; all metrics on [0, 1].
 */
public final class TranslationEvaluation {

    private static final int BATCH = 500;

    private TranslationEvaluation() {}

    /** Translates every test pair; keys in the order they are reported. */
    public static Map<String, Object> evaluate(Gan gan, NDManager manager) {
        long start = System.nanoTime();
        Translator translator = (Translator) gan;
        PairedImages pairs = translator.testPairs();
        byte[] outputs = translate(gan, pairs.inputs(), pairs.count(), manager);
        float[] out = unit(outputs);
        float[] in = unit(pairs.inputs());
        float[] target = unit(pairs.targets());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("test_pairs", pairs.source());
        r.put("n", pairs.count());
        r.putAll(scores("", out, target, pairs));
        r.putAll(scores("input_", in, target, pairs));
        r.put("time_s", (System.nanoTime() - start) / 1e9);
        return r;
    }

    /** Outputs (uint8) of the translator for {@code n} uint8 inputs of the model's shape. */
    public static byte[] translate(Gan gan, byte[] inputs, int n, NDManager manager) {
        Shape shape = gan.sampleShape();
        int per = (int) shape.size();
        byte[] out = new byte[n * per];
        float[] signed = Pixels.toSigned(inputs);
        for (int from = 0; from < n; from += BATCH) {
            int count = Math.min(BATCH, n - from);
            float[] chunk = new float[count * per];
            System.arraycopy(signed, from * per, chunk, 0, chunk.length);
            try (NDManager step = manager.newSubManager(); NDScope scope = new NDScope()) {
                float[] v = ((Translator) gan).translate(step.create(chunk, new Shape(count).addAll(shape))).toFloatArray();
                System.arraycopy(Pixels.toBytes(v, gan.outputLow(), gan.outputHigh()), 0, out, from * per, v.length);
            }
        }
        return out;
    }

    private static Map<String, Object> scores(String prefix, float[] a, float[] target, PairedImages p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(prefix + "l1", ImageMetrics.l1(a, target));
        m.put(prefix + "psnr", ImageMetrics.psnr(a, target, p.count()));
        m.put(prefix + "ssim", ImageMetrics.ssim(a, target, p.count(), p.channels(), p.rows(), p.cols()));
        return m;
    }

    private static float[] unit(byte[] pixels) {
        float[] v = new float[pixels.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (pixels[i] & 0xff) / 255f;
        }
        return v;
    }

    /** The report as a table: the model's outputs next to the identity baseline. */
    public static String table(Map<String, Object> r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s at step %s (%s), %s test pairs of %s%n", r.get("model"), r.get("step"),
                r.get("checkpoint"), r.get("n"), r.get("test_pairs")));
        s.append(String.format(Locale.ROOT, "%-8s %12s %20s%n", "metric", "translated", "input (identity)"));
        for (String key : new String[] {"l1", "psnr", "ssim"}) {
            s.append(String.format(Locale.ROOT, "%-8s %12.4f %20.4f%n", key, (Double) r.get(key), (Double) r.get("input_" + key)));
        }
        s.append(String.format(Locale.ROOT, "(against the targets, images in [0, 1]; psnr in dB; %.1f s)", (Double) r.get("time_s")));
        return s.toString();
    }
}
