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

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The convolutional networks of the DCGAN family. For 28×28 images (the MNIST family) the
 * generator projects its input to 128×7×7 and doubles the resolution twice with
 * fractionally-strided convolutions, and the discriminator halves it twice with strided ones (the
 * reference ACGAN of MODELS.md is exactly these); for 64×64 they are Radford et al.'s classic
 * networks (1 → 4 → 8 → 16 → 32 → 64, 512 to 64 feature maps). DCGAN's rules: no pooling,
 * BatchNorm everywhere except D's first layer and G's output, ReLU + tanh in G, LeakyReLU(0.2) in D.
 */
public final class ConvNets {

    private static final int BASE = 64;

    private ConvNets() {}

    /** The image sizes these networks are built for. */
    public static final List<Integer> SIZES = List.of(28, 64);

    /** Input [B, F] (noise, plus a label embedding when conditioned) → images [B, channels, size, size] in [-1, 1]. */
    public static SequentialBlock generatorBody(int channels, int size) {
        return size == 64 ? generator64(channels) : generator28(channels);
    }

    /** Images [B, C, size, size] → features [B, F]. */
    public static SequentialBlock discriminatorBody(int size) {
        return discriminatorBody(size, ResNets::batchNorm);
    }

    /**
     * The same body with another normalisation after every convolution but the first: a WGAN-GP
     * critic takes LayerNorm ({@link #criticBody}), as its penalty is per sample.
     */
    public static SequentialBlock discriminatorBody(int size, Supplier<Block> norm) {
        return size == 64 ? discriminator64(norm) : discriminator28(norm);
    }

    /** The discriminator body with LayerNorm in place of BatchNorm. */
    public static SequentialBlock criticBody(int size) {
        return discriminatorBody(size, ResNets::layerNorm);
    }

    private static SequentialBlock generator28(int channels) {
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

    private static SequentialBlock discriminator28(Supplier<Block> norm) {
        return new SequentialBlock()
                .add(downsample(BASE))
                .add(Activation.leakyReluBlock(0.2f))
                .add(downsample(2 * BASE))
                .add(norm.get())
                .add(Activation.leakyReluBlock(0.2f))
                .add(Blocks.batchFlattenBlock());
    }

    /** Radford et al.'s 64×64 generator: the input as a 1×1 map, ×4 then ×2 four times. */
    private static SequentialBlock generator64(int channels) {
        SequentialBlock net = new SequentialBlock()
                .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().expandDims(2).expandDims(3)), "to1x1"))
                .add(ConvTranspose2d.builder().setFilters(8 * BASE).setKernelSize(4).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
        for (int filters : new int[] {4 * BASE, 2 * BASE, BASE}) {
            net.add(upsample(filters)).add(BatchNorm.builder().build()).add(Activation.reluBlock());
        }
        return net.add(upsample(channels)).add(Activation.tanhBlock());
    }

    /** Radford et al.'s 64×64 discriminator up to its 512×4×4 features (the heads replace its last 4×4 convolution). */
    private static SequentialBlock discriminator64(Supplier<Block> norm) {
        SequentialBlock net = new SequentialBlock().add(downsample(BASE)).add(Activation.leakyReluBlock(0.2f));
        for (int filters : new int[] {2 * BASE, 4 * BASE, 8 * BASE}) {
            net.add(downsample(filters)).add(norm.get()).add(Activation.leakyReluBlock(0.2f));
        }
        return net.add(Blocks.batchFlattenBlock());
    }

    /** (noise [B, Z], labels [B]) → images: the label embedding joins the noise (seed 000). */
    public static SequentialBlock conditionalGenerator(int numClasses, int channels, int size) {
        return new SequentialBlock().add(new LabelConcat(numClasses, numClasses)).add(generatorBody(channels, size));
    }

    /**
     * (images, labels) → the heads' logits: the label embedding joins the image as extra
     * channels (seed 000); with {@code seesLabels} false, images alone (AC-GAN paper's D).
     */
    public static Block discriminator(int size, int numClasses, boolean seesLabels, int... headUnits) {
        return seesLabels
                ? new LabelChannels(new LabelConcat(numClasses, numClasses), discriminatorBody(size), heads(headUnits))
                : new SequentialBlock().add(discriminatorBody(size)).add(heads(headUnits));
    }

    /** Several linear heads on the same features; outputs their logits in order. */
    public static Block heads(int... units) {
        List<Block> heads = new ArrayList<>();
        for (int u : units) {
            heads.add(Linear.builder().setUnits(u).build());
        }
        return new ParallelBlock(outputs -> {
            NDList joined = new NDList();
            outputs.forEach(joined::addAll);
            return joined;
        }, heads);
    }

    /** A head that also passes its input on: features [B, F] → (head(features), features). */
    public static Block withFeatures(Block head) {
        return new ParallelBlock(outputs -> new NDList(outputs.get(0).singletonOrThrow(), outputs.get(1).singletonOrThrow()),
                List.of(head, Blocks.identityBlock()));
    }

    /** ×2 resolution: ConvTranspose2d(k4, s2, p1). */
    private static Block upsample(int filters) {
        return ConvTranspose2d.builder().setFilters(filters).setKernelSize(4).optStride(2).optPadding(1).build();
    }

    /** ÷2 resolution: Conv2d(k4, s2, p1). */
    public static Block downsample(int filters) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(4, 4))
                .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).build();
    }
}
