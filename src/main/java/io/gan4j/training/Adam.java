package io.gan4j.training;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import io.gan4j.NativeOps;

import java.util.List;

/**
 * Adam with PyTorch's update rule (epsilon added after the bias-corrected square root); buffers:
 * the first and second moments. DJL's Adam differs in the rule, keeps its state out of reach of a
 * checkpoint, and makes about ten passes per weight.
 */
public final class Adam extends Optimizer {

    private final float beta1;
    private final float beta2;
    private final float eps;

    public Adam(List<Parameter> parameters, NDManager manager, float lr, float beta1, float beta2) {
        super(parameters, manager, lr, 2);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = 1e-8f;
    }

    @Override
    public String kind() {
        return "adam";
    }

    /** All the weights in one native call, libtorch's fused kernel ({@link NativeOps#adamStep}), which DJL's op set lacks. */
    @Override
    protected void update(PtNDArray[] weights, PtNDArray[] grads, PtNDArray[][] buffers, double lr, long step) {
        PtNDArray[] mean = new PtNDArray[weights.length];
        PtNDArray[] variance = new PtNDArray[weights.length];
        for (int i = 0; i < weights.length; i++) {
            mean[i] = buffers[i][0];
            variance[i] = buffers[i][1];
        }
        NativeOps.adamStep(weights, grads, mean, variance, step, lr, beta1, beta2, eps);
    }
}
