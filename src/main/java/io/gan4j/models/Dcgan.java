package io.gan4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gan4j.layers.ConvNets;
import io.gan4j.layers.Init;
import io.gan4j.training.Network;
import io.gan4j.training.TrainConfig;

/**
 * DCGAN (Radford et al. 2016) for 28×28 images, or the classic 64×64 networks with
 * {@code --image-size 64}: fractionally-strided convolutions up, strided ones down, BatchNorm
 * except at D's input and G's output, weights drawn from N(0, 0.02).
 */
public final class Dcgan extends BinaryGan {

    Dcgan(TrainConfig c, NDManager manager) {
        super(c,
                Network.create("generator", ConvNets.generatorBody(c.imageShape[0], convSize(c)), manager, new Shape(1, c.latentDim)),
                Network.create("discriminator", ConvNets.discriminator(convSize(c), 0, false, 1), manager,
                        new Shape(1, c.imageShape[0], c.imageShape[1], c.imageShape[2])));
        Init.dcgan(generator.block());
        Init.dcgan(discriminator.block());
    }

    @Override
    protected NDArray discriminate(NDArray images, NDArray labels) {
        return discriminator.forward(new NDList(images), true).singletonOrThrow();
    }
}
