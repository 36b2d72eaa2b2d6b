package io.gan4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.List;

/**
 * The pix2pix U-Net generator (Isola et al. 2017, the reference's {@code UnetGenerator}, seed 004):
 * an encoder of Conv(4, s2, p1) blocks halving the image down to 1×1, a mirror decoder of
 * ConvTranspose(4, s2, p1) blocks, and at every level a skip connection: the decoder of a level
 * gets its input concatenated with the encoder features of the same resolution. Depth follows the
 * image size (32 → 5 levels, 64 → 6, 128 → 7, 256 → 8 downs and ups); level i has
 * base·min(2^i, 8) feature maps. Encoder: LeakyReLU(0.2) → conv → norm; decoder: ReLU → transposed
 * conv → norm, with dropout 0.5 in the first three decoder blocks after the innermost (pix2pix's
 * only noise); no norm at the outermost conv and on the 1×1 innermost encoding, tanh output.
 * 28×28 images (the MNIST family) are padded to 32×32 with -1, the digits' black background, and
 * the output is cropped back, so the network maps an image to one of the same shape.
 */
public final class UNet extends AbstractBlock {

    /** The image sizes the U-Net takes (28 is padded to 32). */
    public static final List<Integer> SIZES = List.of(28, 32, 64, 128, 256);

    private static final byte VERSION = 1;
    private static final float DROPOUT = 0.5f;
    private static final int MAX_MULTIPLIER = 8;

    private final int size;
    private final int padded;
    private final Level root;

    /**
     * @param channels image channels (input and output)
     * @param size     image height and width, one of {@link #SIZES}
     * @param base     feature maps of the outermost level (the reference's ngf, 64)
     * @param instance InstanceNorm (true) or BatchNorm
     */
    public UNet(int channels, int size, int base, boolean instance) {
        super(VERSION);
        if (!SIZES.contains(size)) {
            throw new IllegalArgumentException("U-Net sizes are " + SIZES + ", not " + size);
        }
        this.size = size;
        this.padded = Integer.highestOneBit(size - 1) << 1;
        this.root = addChildBlock("level0", level(0, depth(padded), channels, base, instance));
    }

    /** Number of down (and up) sampling levels for an image of {@code size} pixels (28 counts as 32). */
    public static int depth(int size) {
        return Integer.numberOfTrailingZeros(Integer.highestOneBit(size - 1) << 1);
    }

    /** Feature maps of level i. */
    static int features(int base, int level) {
        return base * Math.min(1 << level, MAX_MULTIPLIER);
    }

    private static Level level(int i, int depth, int channels, int base, boolean instance) {
        int inner = features(base, i);
        int outer = i == 0 ? channels : features(base, i - 1);
        boolean innermost = i == depth - 1;
        // With BatchNorm the conv bias is redundant (the reference drops it); InstanceNorm keeps it.
        SequentialBlock down = new SequentialBlock();
        if (i > 0) {
            down.add(Activation.leakyReluBlock(0.2f));
        }
        down.add(Conv2d.square(inner, 4, 2, 1, instance));
        if (i > 0 && !innermost) {
            down.add(Layers.norm(instance));
        }
        SequentialBlock up = new SequentialBlock()
                .add(Activation.reluBlock())
                .add(ConvTranspose2d.builder().setFilters(outer).setKernelSize(4).optStride(2).optPadding(1)
                        .optBias(i == 0 || instance).build());
        if (i == 0) {
            up.add(Activation.tanhBlock());
        } else {
            up.add(Layers.norm(instance));
            if (i >= Math.max(1, depth - 4) && i <= depth - 2) {
                up.add(new Dropout(DROPOUT));
            }
        }
        Level next = innermost ? null : level(i + 1, depth, channels, base, instance);
        return new Level(down, next, up, i == 0);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        int before = (padded - size) / 2;
        int after = padded - size - before;
        if (before + after > 0) {
            x = x.pad(new Shape(before, after, before, after), -1);
        }
        NDArray y = root.forward(store, new NDList(x), training).singletonOrThrow();
        if (before + after > 0) {
            y = y.get(new NDIndex(":, :, {}:{}, {}:{}", before, before + size, before, before + size));
        }
        return new NDList(y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return inputs;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        root.initialize(manager, dataType, new Shape(s.get(0), s.get(1), padded, padded));
    }

    /**
     * One level: down(x) → the inner levels → up, then x and the result side by side (the skip
     * connection); the outermost level returns the decoder's output alone.
     */
    static final class Level extends AbstractBlock {

        private final Block down;
        private final Block inner;
        private final Block up;
        private final boolean outermost;

        Level(Block down, Block inner, Block up, boolean outermost) {
            super(VERSION);
            this.down = addChildBlock("down", down);
            this.inner = inner == null ? null : addChildBlock("inner", inner);
            this.up = addChildBlock("up", up);
            this.outermost = outermost;
        }

        /** The next level inwards, or null for the innermost. */
        Block inner() {
            return inner;
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            NDList y = down.forward(store, inputs, training);
            if (inner != null) {
                y = inner.forward(store, y, training);
            }
            y = up.forward(store, y, training);
            return outermost ? y : new NDList(inputs.singletonOrThrow().concat(y.singletonOrThrow(), 1));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputs) {
            Shape[] s = down.getOutputShapes(inputs);
            if (inner != null) {
                s = inner.getOutputShapes(s);
            }
            s = up.getOutputShapes(s);
            if (outermost) {
                return s;
            }
            long[] joined = inputs[0].getShape().clone();
            joined[1] += s[0].get(1);
            return new Shape[] {new Shape(joined)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            down.initialize(manager, dataType, inputShapes);
            Shape[] s = down.getOutputShapes(inputShapes);
            if (inner != null) {
                inner.initialize(manager, dataType, s);
                s = inner.getOutputShapes(s);
            }
            up.initialize(manager, dataType, s);
        }
    }
}
