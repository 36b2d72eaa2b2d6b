package io.gan4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

import java.util.function.IntFunction;
import java.util.function.Supplier;

/** Builders for the small blocks GAN models are assembled from. */
public final class Layers {

    private Layers() {}

    /**
     * A multi-layer perceptron: a Linear layer per width; every layer but the last is followed by
     * {@code activation} and, when {@code dropout} > 0, Dropout. The last layer is left linear
     * so the caller chooses its output non-linearity (or none: logits).
     */
    public static SequentialBlock mlp(Supplier<Block> activation, float dropout, int... widths) {
        return mlp(linear(false), activation, dropout, widths);
    }

    /** {@link #mlp(Supplier, float, int...)} with its linear layers made by {@code linear} (from their widths). */
    public static SequentialBlock mlp(IntFunction<Block> linear, Supplier<Block> activation, float dropout, int... widths) {
        SequentialBlock net = new SequentialBlock();
        for (int i = 0; i < widths.length; i++) {
            net.add(linear.apply(widths[i]));
            if (i < widths.length - 1) {
                net.add(activation.get());
                if (dropout > 0) {
                    net.add(new Dropout(dropout));
                }
            }
        }
        return net;
    }

    /** Linear layers of a given width, spectrally normalised ({@link SpectralNormLinear}) or plain. */
    public static IntFunction<Block> linear(boolean spectralNorm) {
        return units -> spectralNorm ? new SpectralNormLinear(units) : Linear.builder().setUnits(units).build();
    }

    /**
     * Maxout (Goodfellow et al. 2013): a Linear layer of units × pieces outputs, then the max of
     * each unit's pieces — the hidden units of the CGAN paper's discriminator.
     */
    public static SequentialBlock maxout(int units, int pieces) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits((long) units * pieces).build())
                .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().reshape(-1, units, pieces).max(new int[] {2})), "maxout"));
    }

    public static Supplier<Block> leakyRelu(float slope) {
        return () -> Activation.leakyReluBlock(slope);
    }

    public static Supplier<Block> sigmoid() {
        return Activation::sigmoidBlock;
    }

    /** BatchNorm, or InstanceNorm when {@code instance}. */
    public static Block norm(boolean instance) {
        return instance ? instanceNorm() : new BatchNorm();
    }

    /**
     * PyTorch's {@code InstanceNorm2d} with its defaults (no affine parameters, no running
     * statistics, eps 1e-5): each channel of each image normalised over its pixels. DJL has none.
     */
    public static Block instanceNorm() {
        return new LambdaBlock(x -> {
            NDArray a = x.singletonOrThrow();
            NDArray centred = a.sub(pixelMean(a));
            return new NDList(centred.div(pixelMean(centred.square()).add(1e-5f).sqrt()));
        }, "instanceNorm");
    }

    /** Mean over the pixels of each channel, [B, C, 1, 1] (the engine's mean keeps one axis at a time). */
    private static NDArray pixelMean(NDArray a) {
        return a.mean(new int[] {3}, true).mean(new int[] {2}, true);
    }
}
