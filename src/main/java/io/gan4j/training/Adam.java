package io.gan4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.gan4j.Gan4jException;

import java.util.List;

/**
 * Adam with PyTorch's update rule (epsilon added after the bias-corrected square root), and its
 * moments kept as arrays we own, so that a checkpoint can hold them and a resumed run continues
 * exactly. DJL's Adam differs in both respects.
 */
public final class Adam {

    private final List<Parameter> parameters;
    private float lr;
    /** The learning-rate schedule's factor for the coming steps (Trainer sets it per step). */
    private float schedule = 1f;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final NDArray[] mean;
    private final NDArray[] variance;
    private long steps;

    public Adam(List<Parameter> parameters, NDManager manager, float lr, float beta1, float beta2) {
        this.parameters = parameters;
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = 1e-8f;
        this.mean = new NDArray[parameters.size()];
        this.variance = new NDArray[parameters.size()];
        for (int i = 0; i < parameters.size(); i++) {
            NDArray p = parameters.get(i).getArray();
            mean[i] = manager.zeros(p.getShape(), p.getDataType(), p.getDevice());
            variance[i] = manager.zeros(p.getShape(), p.getDataType(), p.getDevice());
        }
    }

    /**
     * Applies one update from the accumulated gradients, then zeroes them (the engine's
     * gradients accumulate across backward passes). The engine's fused update (one native call
     * per weight, no temporaries on the Java side) computes MXNet's form {@code w -= a·m / (√v +
     * ε')}; with {@code a = lr·√(1-β₂ᵗ)/(1-β₁ᵗ)} and {@code ε' = ε·√(1-β₂ᵗ)} that is exactly
     * PyTorch's {@code w -= lr/(1-β₁ᵗ) · m / (√v/√(1-β₂ᵗ) + ε)}.
     */
    public void step() {
        steps++;
        double bias1 = 1 - Math.pow(beta1, steps);
        double sqrtBias2 = Math.sqrt(1 - Math.pow(beta2, steps));
        float stepSize = (float) (lr * schedule * sqrtBias2 / bias1);
        float scaledEps = (float) (eps * sqrtBias2);
        for (int i = 0; i < parameters.size(); i++) {
            PtNDArray weight = (PtNDArray) parameters.get(i).getArray();
            try (PtNDArray grad = weight.getGradient()) {
                JniUtils.adamUpdate(weight, grad, (PtNDArray) mean[i], (PtNDArray) variance[i], lr * schedule, stepSize,
                        0f, 1f, -1f, beta1, beta2, scaledEps, false);
            }
            JniUtils.zeroGrad(weight);
        }
    }

    /** Sets the schedule's factor on the learning rate for the following steps. */
    public void setSchedule(float factor) {
        schedule = factor;
    }

    /** Multiplies the learning rate (a rollback after divergence halves it). */
    public void scaleLearningRate(float factor) {
        lr *= factor;
    }

    public float learningRate() {
        return lr;
    }

    public long steps() {
        return steps;
    }

    /** Moments in parameter order, then nothing else: the step count travels in the checkpoint's JSON. */
    public NDList state() {
        NDList list = new NDList();
        for (int i = 0; i < mean.length; i++) {
            list.add(mean[i]);
            list.add(variance[i]);
        }
        return list;
    }

    public void loadState(NDList saved, long savedSteps, String source) {
        if (saved.size() != 2 * mean.length) {
            throw new Gan4jException(source + ": optimizer state has " + saved.size() / 2
                    + " parameters, the model has " + mean.length);
        }
        for (int i = 0; i < 2 * mean.length; i++) {
            NDArray live = i % 2 == 0 ? mean[i / 2] : variance[i / 2];
            if (!saved.get(i).getShape().equals(live.getShape()) || saved.get(i).getDataType() != live.getDataType()) {
                throw new Gan4jException(source + ": optimizer state " + i + " is " + saved.get(i).getDataType()
                        + saved.get(i).getShape() + ", the parameter's is " + live.getDataType() + live.getShape());
            }
        }
        for (int i = 0; i < mean.length; i++) {
            saved.get(2 * i).copyTo(mean[i]);
            saved.get(2 * i + 1).copyTo(variance[i]);
        }
        steps = savedSteps;
    }
}
