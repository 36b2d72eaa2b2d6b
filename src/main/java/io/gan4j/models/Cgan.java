package io.gan4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.gan4j.layers.ConvNets;
import io.gan4j.layers.JointInput;
import io.gan4j.layers.Layers;
import io.gan4j.layers.Dropout;
import io.gan4j.options.Options;
import io.gan4j.training.Draws;
import io.gan4j.training.Network;
import io.gan4j.training.TrainConfig;

/**
 * Conditional GAN (Mirza and Osindero 2014): the label y conditions both networks; the loss is the
 * plain GAN's BCE. {@code --arch mlp} is the paper's network — G: z uniform in [-1,1]^100 → 200
 * ReLU and y → 1000 ReLU, joined → 1200 → image; D: x → maxout 240×5 and y → maxout 50×5, joined →
 * maxout 240×4 → logit, dropout 0.5 — with a tanh output for images in [-1, 1]. {@code --arch conv}
 * uses the DCGAN-family networks with label embeddings (as ACGAN's, with one head).
 */
public final class Cgan extends BinaryGan {

    private static final float DROPOUT = 0.5f;

    private final boolean mlp;

    Cgan(TrainConfig c, NDManager manager) {
        this(c, manager, isMlp(c.get(Options.ARCH)));
    }

    private Cgan(TrainConfig c, NDManager manager, boolean mlp) {
        super(c,
                Network.create("generator", mlp ? mlpGenerator(c) : ConvNets.conditionalGenerator(c.numClasses, c.imageShape[0], convSize(c)),
                        manager, new Shape(1, c.get(Options.LATENT_DIM)), new Shape(1)),
                Network.create("discriminator", mlp ? mlpDiscriminator(c) : ConvNets.discriminator(convSize(c), c.numClasses, true, 1),
                        manager, mlp ? new Shape(1, pixels(c)) : new Shape(1, c.imageShape[0], c.imageShape[1], c.imageShape[2]),
                        new Shape(1)));
        this.mlp = mlp;
    }

    private static boolean isMlp(String arch) {
        return arch.equals("mlp");
    }

    private static Block mlpGenerator(TrainConfig c) {
        return new SequentialBlock()
                .add(new JointInput(relu(200), relu(1000), c.numClasses))
                .add(new Dropout(DROPOUT))
                .add(Linear.builder().setUnits(pixels(c)).build())
                .add(Activation.tanhBlock());
    }

    private static Block mlpDiscriminator(TrainConfig c) {
        return new SequentialBlock()
                .add(new JointInput(Layers.maxout(240, 5), Layers.maxout(50, 5), c.numClasses))
                .add(new Dropout(DROPOUT))
                .add(Layers.maxout(240, 4))
                .add(new Dropout(DROPOUT))
                .add(Linear.builder().setUnits(1).build());
    }

    private static Block relu(int units) {
        return new SequentialBlock().add(Linear.builder().setUnits(units).build()).add(Activation.reluBlock());
    }

    /** The maxout MLP has no batch statistics; the conv D has BatchNorm. */
    @Override
    protected boolean discriminatorIsPerSample() {
        return mlp;
    }

    @Override
    protected NDArray discriminate(NDArray images, NDArray labels) {
        NDArray x = mlp ? flatten(images) : images;
        return discriminator.forward(new NDList(x, labels), true).singletonOrThrow();
    }

    /** The paper draws z uniformly from [-1, 1]; the conv form uses N(0, 1) like DCGAN. */
    @Override
    public NDArray noise(NDManager manager, int n) {
        return mlp ? Draws.current().uniform(manager, -1f, 1f, new Shape(n, config.get(Options.LATENT_DIM))) : super.noise(manager, n);
    }

    @Override
    public int numClasses() {
        return config.numClasses;
    }
}
