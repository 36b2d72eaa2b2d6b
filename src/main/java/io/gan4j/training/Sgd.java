package io.gan4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.List;

/**
 * PyTorch's {@code torch.optim.SGD} without weight decay, dampening 0, nesterov off: with
 * momentum μ the buffer b ← μ·b + g (b = g at the first step, which the zero start gives) and
 * w ← w − lr·b; without momentum w ← w − lr·g and no buffer. The learning rate multiplies the
 * buffer at each step rather than entering it (DJL's and MXNet's form), so a schedule or a
 * rollback's halving changes the step as in PyTorch.
 */
public final class Sgd extends Optimizer {

    private final float momentum;

    public Sgd(List<Parameter> parameters, NDManager manager, float lr, float momentum) {
        super(parameters, manager, lr, momentum == 0f ? 0 : 1);
        this.momentum = momentum;
    }

    @Override
    public String kind() {
        return "sgd";
    }

    @Override
    protected void update(PtNDArray[] weights, PtNDArray[] grads, PtNDArray[][] buffers, double lr, long step) {
        for (int i = 0; i < weights.length; i++) {
            try (NDScope scope = new NDScope()) {
                NDArray direction = grads[i];
                if (momentum != 0f) {
                    direction = buffers[i][0].muli(momentum).addi(grads[i]);
                }
                // A detached alias shares the weight's storage: an in-place update of a leaf that requires a gradient is refused.
                weights[i].stopGradient().subi(direction.mul(lr));
            }
            JniUtils.zeroGrad(weights[i]);
        }
    }
}
