package io.gan4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import io.gan4j.layers.ConvNets;
import io.gan4j.layers.Init;
import io.gan4j.options.Options;
import io.gan4j.training.Network;
import io.gan4j.training.TrainConfig;

/**
 * DCGAN (Radford et al. 2016) for 28×28 images, or pytorch/examples dcgan's networks at 32, 64
 * and 128 pixels (exactly that example's at 64): fractionally-strided convolutions up, strided
 * ones down, BatchNorm except at D's input and G's output, weights drawn from N(0, 0.02).
 */
public final class Dcgan extends BinaryGan {

    Dcgan(TrainConfig c, NDManager manager) {
        super(c,
                Network.create("generator", ConvNets.generatorBody(c.imageShape[0], convSize(c)), manager, new Shape(1, c.get(Options.LATENT_DIM))),
                Network.create("discriminator", new SequentialBlock().add(ConvNets.discriminatorBody(convSize(c)))
                                .add(ConvNets.logitHead(convSize(c))), manager,
                        new Shape(1, c.imageShape[0], c.imageShape[1], c.imageShape[2])));
        Init.dcgan(generator.block());
        Init.dcgan(discriminator.block());
    }

    @Override
    protected NDArray discriminate(NDArray images, NDArray labels) {
        return discriminator.forward(new NDList(images), true).singletonOrThrow();
    }
}
