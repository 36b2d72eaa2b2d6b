package io.gan4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import io.gan4j.layers.Dropout;
import io.gan4j.layers.GaussianNoise;
import io.gan4j.layers.Layers;
import io.gan4j.layers.MinibatchStd;
import io.gan4j.options.Options;
import io.gan4j.training.Network;
import io.gan4j.training.TrainConfig;

/**
 * Goodfellow et al.'s GAN with the MLPs of seed 001: D 784-256-256-256-1 and G z-256-256-256-784,
 * LeakyReLU(0.2) and Dropout(0.1) after every hidden layer, tanh output, BCE on D's logit. D's
 * options (issue 24): instance noise on its input, spectrally normalised layers, a minibatch
 * standard deviation feature before its last layer.
 */
public final class Vanilla extends BinaryGan {

    private static final int HIDDEN = 256;
    private static final float DROPOUT = 0.1f;

    private final boolean minibatchStd;

    Vanilla(TrainConfig config, NDManager manager) {
        super(config,
                Network.create("generator",
                        Layers.mlp(Layers.leakyRelu(0.2f), DROPOUT, HIDDEN, HIDDEN, HIDDEN, (int) pixels(config))
                                .add(Activation.tanhBlock()),
                        manager, new Shape(1, config.get(Options.LATENT_DIM))),
                Network.create("discriminator", discriminatorNet(config), manager, new Shape(1, pixels(config))));
        this.minibatchStd = Boolean.TRUE.equals(config.get(Options.MINIBATCH_STD));
    }

    /** Without its options, the same layers (and parameter names) as Layers.mlp(..., 256, 256, 256, 1). */
    private static SequentialBlock discriminatorNet(TrainConfig c) {
        float noise = c.get(Options.INSTANCE_NOISE, 0f);
        boolean spectralNorm = Boolean.TRUE.equals(c.get(Options.SPECTRAL_NORM));
        SequentialBlock d = new SequentialBlock();
        if (noise > 0) {
            d.add(new GaussianNoise(noise)); // [B, 784] + N(0, σ²), on real and fake alike
        }
        d.addAll(Layers.mlp(Layers.linear(spectralNorm), Layers.leakyRelu(0.2f), DROPOUT, HIDDEN, HIDDEN, HIDDEN)
                .getChildren().values()); // [B, 256]
        d.add(Layers.leakyRelu(0.2f).get()).add(new Dropout(DROPOUT));
        if (Boolean.TRUE.equals(c.get(Options.MINIBATCH_STD))) {
            d.add(new MinibatchStd()); // [B, 257]
        }
        return d.add(Layers.linear(spectralNorm).apply(1)); // [B, 1]
    }

    /** Linear, LeakyReLU and Dropout layers only, unless the minibatch's spread is a feature. */
    @Override
    protected boolean discriminatorIsPerSample() {
        return !minibatchStd;
    }

    @Override
    protected NDArray discriminate(NDArray images, NDArray labels) {
        return discriminator.forward(flatten(images), true);
    }
}
