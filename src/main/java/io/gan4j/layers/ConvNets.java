package io.gan4j.layers;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

import java.util.List;

/**
 * The convolutional networks of the DCGAN family for 28×28 images (the MNIST family): a generator
 * that projects its input to 128×7×7 and doubles the resolution twice with fractionally-strided
 * convolutions, and a discriminator that halves it twice with strided ones. DCGAN's rules: no
 * pooling, BatchNorm everywhere except D's first layer and G's output, ReLU + tanh in G,
 * LeakyReLU(0.2) in D. The reference ACGAN of MODELS.md is exactly these.
 */
public final class ConvNets {

    private static final int BASE = 64;

    private ConvNets() {}

    /** Input [B, F] (noise, plus a label embedding when conditioned) → images [B, channels, 28, 28] in [-1, 1]. */
    public static SequentialBlock generatorBody(int channels) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(2L * BASE * 7 * 7).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().reshape(-1, 2 * BASE, 7, 7)), "reshape"))
                .add(upsample(BASE))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(upsample(channels))
                .add(Activation.tanhBlock());
    }

    /** Images [B, C, 28, 28] → features [B, 128·7·7]. */
    public static SequentialBlock discriminatorBody() {
        return new SequentialBlock()
                .add(downsample(BASE))
                .add(Activation.leakyReluBlock(0.2f))
                .add(downsample(2 * BASE))
                .add(BatchNorm.builder().build())
                .add(Activation.leakyReluBlock(0.2f))
                .add(Blocks.batchFlattenBlock());
    }

    /** (noise [B, Z], labels [B]) → images: the label embedding joins the noise (seed 000). */
    public static SequentialBlock conditionalGenerator(int numClasses, int channels) {
        return new SequentialBlock().add(new LabelConcat(numClasses, numClasses)).add(generatorBody(channels));
    }

    /**
     * (images, labels) → the heads' logits: the label embedding joins the image as extra
     * channels (seed 000); with {@code seesLabels} false, images alone (AC-GAN paper's D).
     */
    public static SequentialBlock discriminator(int numClasses, boolean seesLabels, int... headUnits) {
        SequentialBlock net = new SequentialBlock();
        if (seesLabels) {
            net.add(new LabelConcat(numClasses, numClasses));
        }
        return net.add(discriminatorBody()).add(heads(headUnits));
    }

    /** Several linear heads on the same features; outputs their logits in order. */
    public static Block heads(int... units) {
        List<Block> heads = new java.util.ArrayList<>();
        for (int u : units) {
            heads.add(Linear.builder().setUnits(u).build());
        }
        return new ParallelBlock(outputs -> {
            NDList joined = new NDList();
            outputs.forEach(joined::addAll);
            return joined;
        }, heads);
    }

    /** ×2 resolution: ConvTranspose2d(k4, s2, p1). */
    private static Block upsample(int filters) {
        return ConvTranspose2d.builder().setFilters(filters).setKernelSize(4).optStride(2).optPadding(1).build();
    }

    /** ÷2 resolution: Conv2d(k4, s2, p1). */
    private static Block downsample(int filters) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(4, 4))
                .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).build();
    }
}
