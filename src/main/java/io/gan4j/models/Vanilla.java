package io.gan4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.gan4j.layers.Layers;
import io.gan4j.training.Network;
import io.gan4j.training.TrainConfig;

/**
 * Goodfellow et al.'s GAN with the MLPs of seed 001: D 784-256-256-256-1 and G z-256-256-256-784,
 * LeakyReLU(0.2) and Dropout(0.1) after every hidden layer, tanh output, BCE on D's logit.
 */
public final class Vanilla extends BinaryGan {

    private static final int HIDDEN = 256;

    Vanilla(TrainConfig config, NDManager manager) {
        super(config,
                Network.create("generator",
                        Layers.mlp(Layers.leakyRelu(0.2f), 0.1f, HIDDEN, HIDDEN, HIDDEN, (int) pixels(config))
                                .add(Activation.tanhBlock()),
                        manager, new Shape(1, config.latentDim)),
                Network.create("discriminator",
                        Layers.mlp(Layers.leakyRelu(0.2f), 0.1f, HIDDEN, HIDDEN, HIDDEN, 1),
                        manager, new Shape(1, pixels(config))));
    }

    /** Linear, LeakyReLU and Dropout layers only. */
    @Override
    protected boolean discriminatorIsPerSample() {
        return true;
    }

    @Override
    protected NDArray discriminate(NDArray images, NDArray labels) {
        return discriminator.forward(flatten(images), true);
    }
}
