package io.gan4j.training;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.List;

/**
 * PyTorch's {@code torch.optim.RMSprop} with its defaults (α 0.99, ε 1e-8, not centered, no
 * momentum): the square average s ← α·s + (1 − α)·g², then w ← w − lr·g / (√s + ε), ε added
 * after the square root (Hinton's lecture and TensorFlow add it inside).
 */
public final class RmsProp extends Optimizer {

    static final double ALPHA = 0.99;
    static final double EPS = 1e-8;

    public RmsProp(List<Parameter> parameters, NDManager manager, float lr) {
        super(parameters, manager, lr, 1);
    }

    @Override
    public String kind() {
        return "rmsprop";
    }

    @Override
    protected void update(PtNDArray[] weights, PtNDArray[] grads, PtNDArray[][] buffers, double lr, long step) {
        for (int i = 0; i < weights.length; i++) {
            try (NDScope scope = new NDScope()) {
                PtNDArray g = grads[i];
                buffers[i][0].muli(ALPHA).addi(g.mul(g).muli(1 - ALPHA));
                // Detached alias: see Sgd.
                weights[i].stopGradient().subi(g.div(buffers[i][0].sqrt().addi(EPS)).muli(lr));
            }
            JniUtils.zeroGrad(weights[i]);
        }
    }
}
