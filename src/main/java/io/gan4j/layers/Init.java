package io.gan4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;

/**
 * Weight initialisation. DJL initialises with Xavier; the tutorials (and weight interop with
 * PyTorch) assume PyTorch's per-layer defaults, so every gan4j network starts from those.
 */
public final class Init {

    private Init() {}

    /**
     * PyTorch's default for Linear, Conv and ConvTranspose layers: weight and bias uniform in
     * ±1/sqrt(fan_in), where fan_in = product of the weight's dimensions after the first (which is
     * what kaiming_uniform(a=√5) reduces to). Other blocks (embeddings: N(0, 1), norms) keep
     * their own initialiser.
     */
    public static void pytorchDefaults(Block block) {
        if (block instanceof Linear || block instanceof Convolution || block instanceof ConvTranspose2d
                || block instanceof SpectralNormLinear) {
            Shape shape = block.getDirectParameters().get("weight").getArray().getShape();
            float bound = (float) (1.0 / Math.sqrt(shape.size() / shape.get(0)));
            uniform(block.getDirectParameters().get("weight").getArray(), bound);
            if (block.getDirectParameters().contains("bias")) {
                uniform(block.getDirectParameters().get("bias").getArray(), bound);
            }
        }
        for (Block child : block.getChildren().values()) {
            pytorchDefaults(child);
        }
    }

    /**
     * DCGAN's initialisation: convolution and linear weights from N(0, 0.02), their biases 0;
     * BatchNorm scales from N(1, 0.02), shifts 0.
     */
    public static void dcgan(Block block) {
        if (block instanceof Linear || block instanceof Convolution || block instanceof ConvTranspose2d) {
            normal(block.getDirectParameters().get("weight").getArray(), 0f, 0.02f);
            if (block.getDirectParameters().contains("bias")) {
                block.getDirectParameters().get("bias").getArray().muli(0);
            }
        } else if (block instanceof BatchNorm) {
            normal(block.getDirectParameters().get("gamma").getArray(), 1f, 0.02f);
            block.getDirectParameters().get("beta").getArray().muli(0);
        }
        for (Block child : block.getChildren().values()) {
            dcgan(child);
        }
    }

    private static void normal(NDArray target, float mean, float std) {
        try (NDArray r = target.getManager().randomNormal(mean, std, target.getShape(), target.getDataType())) {
            r.copyTo(target);
        }
    }

    private static void uniform(NDArray target, float bound) {
        try (NDArray r = target.getManager().randomUniform(-bound, bound, target.getShape(), target.getDataType())) {
            r.copyTo(target);
        }
    }
}
