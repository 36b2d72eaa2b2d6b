package io.gan4j.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.gan4j.Gan4jException;

import java.util.ArrayList;
import java.util.List;

/**
 * Seed 002's "backquery" (Rashid, <i>Make Your First Neural Network</i> / <i>Make Your First GAN With
 * PyTorch</i>): a trained sigmoid MLP classifier run backwards from a label. The target vector is
 * 0.01 everywhere and 0.99 at the label; each layer is undone by the inverse sigmoid (logit) and
 * the transposed weights, and the resulting signal is rescaled into [0.01, 0.99] before the next
 * inverse sigmoid (the rescaling the book does: subtract the min, divide by the range, ×0.98, +0.01).
 *
 * <p>It is deterministic (one label, one image): what it shows is the pattern of input weights
 * that most excites that label's output, roughly an average-like template of the class. It is not
 * a generator: there is no noise, so no diversity, and the transposed weights are not an inverse of
 * the network (the 784→200 map is not invertible), so the picture is not a sample of the data.
 */
public final class Backquery {

    private Backquery() {}

    /** The image (rows·cols values in [0.01, 0.99], row-major) for {@code label}. */
    public static float[] image(Classifier classifier, int label) {
        if (classifier.kind() != Classifier.Kind.mlp) {
            throw new Gan4jException("backquery needs a sigmoid MLP classifier (gan4j classifier train --kind mlp),"
                    + " not a " + classifier.kind());
        }
        if (label < 0 || label >= classifier.classes()) {
            throw new Gan4jException("--label must be in 0.." + (classifier.classes() - 1) + ", not " + label);
        }
        List<float[][]> weights = new ArrayList<>(); // [out][in] per Linear layer, input side first
        for (Pair<String, Parameter> p : classifier.network().block().getParameters()) {
            NDArray w = p.getValue().getArray();
            if (!p.getKey().endsWith("weight") || w.getShape().dimension() != 2) {
                throw new Gan4jException("backquery: unexpected parameter " + p.getKey() + " " + w.getShape());
            }
            int out = (int) w.getShape().get(0);
            int in = (int) w.getShape().get(1);
            float[] v = w.toFloatArray();
            float[][] m = new float[out][in];
            for (int o = 0; o < out; o++) {
                System.arraycopy(v, o * in, m[o], 0, in);
            }
            weights.add(m);
        }
        double[] signal = new double[classifier.classes()];
        for (int k = 0; k < signal.length; k++) {
            signal[k] = k == label ? 0.99 : 0.01;
        }
        for (int layer = weights.size() - 1; layer >= 0; layer--) {
            float[][] w = weights.get(layer);
            double[] back = new double[w[0].length];
            for (int o = 0; o < w.length; o++) {
                double x = Math.log(signal[o] / (1 - signal[o])); // inverse sigmoid
                for (int i = 0; i < back.length; i++) {
                    back[i] += w[o][i] * x; // Wᵀ·x
                }
            }
            signal = rescale(back);
        }
        float[] image = new float[signal.length];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) signal[i];
        }
        return image;
    }

    /** The book's rescaling into [0.01, 0.99]. */
    static double[] rescale(double[] x) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double range = max - min;
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = range > 0 ? (x[i] - min) / range * 0.98 + 0.01 : 0.5;
        }
        return out;
    }
}
