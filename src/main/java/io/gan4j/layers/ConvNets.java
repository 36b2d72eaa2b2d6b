package io.gan4j.layers;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The convolutional networks of the DCGAN family. For 28×28 images (the MNIST family) the
 * generator projects its input to 128×7×7 and doubles the resolution twice with
 * fractionally-strided convolutions, and the discriminator halves it twice with strided ones (the
 * reference ACGAN of MODELS.md is exactly these). For 32, 64 and 128 pixels they are the pyramid
 * of pytorch/examples dcgan, one block per doubling: G maps its input as a 1×1 map to 4×4 and
 * doubles it to the size, its feature maps halving down to 64; D mirrors it down to 4×4. At 64
 * pixels this is exactly that example (4 → 8 → 16 → 32 → 64, 512 to 64 feature maps,
 * convolutions without bias). DCGAN's rules: no pooling, BatchNorm everywhere except D's first
 * layer and G's output, ReLU + tanh in G, LeakyReLU(0.2) in D.
 */
public final class ConvNets {

    private static final int BASE = 64;

    private ConvNets() {}

    /** The image sizes these networks are built for. */
    public static final List<Integer> SIZES = List.of(28, 32, 64, 128);

    /** Input [B, F] (noise, plus a label embedding when conditioned) → images [B, channels, size, size] in [-1, 1]. */
    public static SequentialBlock generatorBody(int channels, int size) {
        return size == 28 ? generator28(channels) : pyramidGenerator(channels, size);
    }

    /** Doublings from 4×4 to {@code size} (3 at 32, 4 at 64, 5 at 128). */
    private static int doublings(int size) {
        return Integer.numberOfTrailingZeros(size) - 2;
    }

    /** Images [B, C, size, size] → features [B, F]. */
    public static SequentialBlock discriminatorBody(int size) {
        return discriminatorBody(size, ResNets::batchNorm);
    }

    /**
     * The same body with another normalisation after every convolution but the first: a WGAN-GP
     * critic takes LayerNorm ({@link #criticBody}), as its penalty is per sample. {@code norm} must
     * return a new array that nothing else reads: the activation after it works in place.
     */
    public static SequentialBlock discriminatorBody(int size, Supplier<Block> norm) {
        return size == 28 ? discriminator28(norm) : pyramidDiscriminator(size, norm);
    }

    /** The discriminator body with LayerNorm in place of BatchNorm. */
    public static SequentialBlock criticBody(int size) {
        return discriminatorBody(size, ResNets::layerNorm);
    }

    private static SequentialBlock generator28(int channels) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(2L * BASE * 7 * 7).build())
                .add(new BatchNorm())
                .add(InPlaceActivation.relu())
                .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().reshape(-1, 2 * BASE, 7, 7)), "reshape"))
                .add(upsample(BASE))
                .add(new BatchNorm())
                .add(InPlaceActivation.relu())
                .add(upsample(channels))
                .add(Activation.tanhBlock());
    }

    private static SequentialBlock discriminator28(Supplier<Block> norm) {
        return new SequentialBlock()
                .add(downsample(BASE))
                .add(InPlaceActivation.leakyRelu(0.2f))
                .add(downsample(2 * BASE))
                .add(norm.get())
                .add(InPlaceActivation.leakyRelu(0.2f))
                .add(Blocks.batchFlattenBlock());
    }

    /**
     * The pytorch/examples generator for {@code size} = 4·2^n: the input as a 1×1 map, ×4 by a
     * 4×4 transposed convolution to 64·2^(n−1) maps, then n − 1 doublings halving the maps to 64,
     * and a last doubling to the image.
     */
    private static SequentialBlock pyramidGenerator(int channels, int size) {
        int n = doublings(size);
        int filters = BASE << (n - 1);
        SequentialBlock net = new SequentialBlock()
                .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().expandDims(2).expandDims(3)), "to1x1"))
                // [B, F, 1, 1] → [B, 64·2^(n−1), 4, 4]
                .add(ConvTranspose2d.builder().setFilters(filters).setKernelSize(4).optBias(false).build())
                .add(new BatchNorm())
                .add(InPlaceActivation.relu());
        for (int i = 1; i < n; i++) {
            filters /= 2;
            // [B, 2·filters, s, s] → [B, filters, 2s, 2s]
            net.add(upsample(filters, false)).add(new BatchNorm()).add(InPlaceActivation.relu());
        }
        // [B, 64, size/2, size/2] → [B, channels, size, size]
        return net.add(upsample(channels, false)).add(Activation.tanhBlock());
    }

    /**
     * The pytorch/examples discriminator up to its 4×4 features, [B, 64·2^(n−1)·16] flattened
     * (the heads replace its last 4×4 convolution, which a linear layer on these equals).
     */
    private static SequentialBlock pyramidDiscriminator(int size, Supplier<Block> norm) {
        int n = doublings(size);
        // [B, C, size, size] → [B, 64, size/2, size/2]
        SequentialBlock net = new SequentialBlock().add(downsample(BASE, false)).add(InPlaceActivation.leakyRelu(0.2f));
        for (int i = 1, filters = 2 * BASE; i < n; i++, filters *= 2) {
            // [B, filters/2, s, s] → [B, filters, s/2, s/2]
            net.add(downsample(filters, false)).add(norm.get()).add(InPlaceActivation.leakyRelu(0.2f));
        }
        return net.add(Blocks.batchFlattenBlock());
    }

    /**
     * DCGAN's real/fake output on D's features: for the pyramid networks a linear layer without
     * bias (pytorch/examples' last Conv(512, 1, 4) without bias), else one with bias.
     */
    public static Block logitHead(int size) {
        return Linear.builder().setUnits(1).optBias(size == 28).build();
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
        return upsample(filters, true);
    }

    private static Block upsample(int filters, boolean bias) {
        return ConvTranspose2d.builder().setFilters(filters).setKernelSize(4).optStride(2).optPadding(1).optBias(bias).build();
    }

    /** ÷2 resolution: Conv2d(k4, s2, p1). */
    public static Block downsample(int filters) {
        return downsample(filters, true);
    }

    private static Block downsample(int filters, boolean bias) {
        return Conv2d.square(filters, 4, 2, 1, bias);
    }
}
