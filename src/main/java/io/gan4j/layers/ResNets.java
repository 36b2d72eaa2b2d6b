package io.gan4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

import java.util.List;
import java.util.function.Supplier;

/**
 * Residual networks of WGAN-GP (Gulrajani et al. 2017, seed 004) for 28×28 images, and for 32, 64
 * and 128 pixels with one up (down) block per doubling from (to) 4×4. A residual
 * block is norm → ReLU → conv → norm → ReLU → conv plus a shortcut; it resamples up (nearest ×2
 * before its first convolution), down (2×2 mean pool after its second) or not at all. The shortcut
 * is the identity when the shape is kept, else a 1×1 convolution with the same resampling. The
 * generator normalises with BatchNorm; the critic with LayerNorm over [C, H, W], because a
 * gradient penalty per sample is meaningless when BatchNorm couples the samples of a batch. (Seed
 * 004's block gives both norms the input's channel count and no LayerNorm shape for 'up', so it
 * fails whenever a block changes the channel count.)
 */
public final class ResNets {

    /** How a residual block changes the resolution. */
    public enum Resample { UP, DOWN, NONE }

    private ResNets() {}

    /**
     * A residual block from {@code in} to {@code out} channels; {@code norm} makes each normalisation
     * layer, which must return a new array: the activation after it works in place, and the block's
     * input is also the shortcut's.
     */
    public static Block resBlock(int in, int out, Resample resample, Supplier<Block> norm) {
        SequentialBlock main = new SequentialBlock().add(norm.get()).add(InPlaceActivation.relu());
        if (resample == Resample.UP) {
            main.add(upsample());
        }
        int middle = resample == Resample.UP ? out : in;
        main.add(conv(middle, 3)).add(norm.get()).add(InPlaceActivation.relu()).add(conv(out, 3));
        if (resample == Resample.DOWN) {
            main.add(meanPool());
        }
        Block shortcut;
        if (in == out && resample == Resample.NONE) {
            shortcut = Blocks.identityBlock();
        } else {
            SequentialBlock s = new SequentialBlock();
            if (resample == Resample.UP) {
                s.add(upsample());
            }
            s.add(conv(out, 1));
            if (resample == Resample.DOWN) {
                s.add(meanPool());
            }
            shortcut = s;
        }
        return new ParallelBlock(outputs -> new NDList(outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow())),
                List.of(main, shortcut));
    }

    /**
     * Input [B, F] → images [B, channels, size, size] in [-1, 1]: width×s×s (s = 7 for 28 pixels,
     * else 4), one up block per doubling (the last halving the width), BN-ReLU-conv-tanh.
     */
    public static SequentialBlock generator(int channels, int size, int width) {
        int start = size == 28 ? 7 : 4;
        int ups = Integer.numberOfTrailingZeros(size / start);
        SequentialBlock net = new SequentialBlock()
                // [B, F] → [B, width, start, start]
                .add(Linear.builder().setUnits((long) width * start * start).build())
                .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().reshape(-1, width, start, start)), "reshape"));
        for (int i = 1; i < ups; i++) {
            // [B, width, s, s] → [B, width, 2s, 2s]
            net.add(resBlock(width, width, Resample.UP, ResNets::batchNorm));
        }
        // → [B, width/2, size, size] → [B, channels, size, size]
        return net.add(resBlock(width, width / 2, Resample.UP, ResNets::batchNorm))
                .add(new BatchNorm())
                .add(InPlaceActivation.relu())
                .add(conv(channels, 3))
                .add(Activation.tanhBlock());
    }

    /**
     * Images [B, C, size, size] → critic scores [B, 1]: a 3×3 convolution, one down block per
     * halving (28 → 14 → 7, or down to 4×4), one plain block, ReLU, the spatial mean, a linear score.
     */
    public static SequentialBlock critic(int size, int width) {
        int downs = Integer.numberOfTrailingZeros(size / (size == 28 ? 7 : 4));
        // [B, C, size, size] → [B, width/2, size, size] → [B, width, size/2, size/2]
        SequentialBlock net = new SequentialBlock()
                .add(conv(width / 2, 3))
                .add(resBlock(width / 2, width, Resample.DOWN, ResNets::layerNorm));
        for (int i = 1; i < downs; i++) {
            // [B, width, s, s] → [B, width, s/2, s/2]
            net.add(resBlock(width, width, Resample.DOWN, ResNets::layerNorm));
        }
        return net.add(resBlock(width, width, Resample.NONE, ResNets::layerNorm))
                .add(Activation.reluBlock())
                .add(new LambdaBlock(x -> new NDList(spatialMean(x.singletonOrThrow())), "spatialMean"))
                .add(Linear.builder().setUnits(1).build());
    }

    static Block batchNorm() {
        return new BatchNorm();
    }

    /** LayerNorm over every axis but the batch's ([C, H, W]), with a learned scale and shift per element. */
    static Block layerNorm() {
        return LayerNorm.builder().build();
    }

    /** Nearest-neighbour ×2. */
    private static Block upsample() {
        return new LambdaBlock(x -> new NDList(x.singletonOrThrow().repeat(2, 2).repeat(3, 2)), "upsample");
    }

    /** 2×2 mean pooling, from plain array ops (twice differentiable, as the gradient penalty needs). */
    private static Block meanPool() {
        return new LambdaBlock(x -> {
            NDArray a = x.singletonOrThrow();
            Shape s = a.getShape();
            return new NDList(a.reshape(s.get(0), s.get(1), s.get(2) / 2, 2, s.get(3) / 2, 2).mean(new int[] {5}).mean(new int[] {3}));
        }, "meanPool");
    }

    /** [B, C, H, W] → [B, C] (the engine averages over one axis at a time). */
    private static NDArray spatialMean(NDArray x) {
        return x.reshape(x.getShape().get(0), x.getShape().get(1), -1).mean(new int[] {2});
    }

    /** A stride-1 convolution keeping the size ("same" padding). */
    private static Block conv(int filters, int kernel) {
        return Conv2d.square(filters, kernel, 1, kernel / 2, true);
    }
}
