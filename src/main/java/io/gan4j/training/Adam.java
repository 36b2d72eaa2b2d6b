package io.gan4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import io.gan4j.Gan4jException;
import io.gan4j.NativeOps;

import java.util.List;

/**
 * Adam with PyTorch's update rule (epsilon added after the bias-corrected square root), and its
 * moments kept as arrays we own, so that a checkpoint can hold them and a resumed run continues
 * exactly. DJL's Adam differs in both respects (and makes about ten passes per weight).
 */
public final class Adam {

    private final List<Parameter> parameters;
    private float lr;
    /** The learning-rate schedule's factor for the coming steps (Trainer sets it per step). */
    private float schedule = 1f;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final PtNDArray[] mean;
    private final PtNDArray[] variance;
    private long steps;

    public Adam(List<Parameter> parameters, NDManager manager, float lr, float beta1, float beta2) {
        this.parameters = parameters;
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = 1e-8f;
        this.mean = new PtNDArray[parameters.size()];
        this.variance = new PtNDArray[parameters.size()];
        for (int i = 0; i < parameters.size(); i++) {
            NDArray p = parameters.get(i).getArray();
            mean[i] = (PtNDArray) manager.zeros(p.getShape(), p.getDataType(), p.getDevice());
            variance[i] = (PtNDArray) manager.zeros(p.getShape(), p.getDataType(), p.getDevice());
        }
    }

    /**
     * Applies one update from the accumulated gradients, then zeroes them (the engine's
     * gradients accumulate across backward passes): PyTorch's Adam in one native call for all
     * the weights, libtorch's fused kernel ({@link NativeOps#adamStep}), which DJL's op set lacks.
     */
    public void step() {
        steps++;
        PtNDArray[] weights = new PtNDArray[parameters.size()];
        PtNDArray[] grads = new PtNDArray[weights.length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (PtNDArray) parameters.get(i).getArray();
            grads[i] = (PtNDArray) weights[i].getGradient();
        }
        try {
            NativeOps.adamStep(weights, grads, mean, variance, steps, (double) lr * schedule, beta1, beta2, eps);
        } finally {
            for (PtNDArray grad : grads) {
                grad.close();
            }
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
