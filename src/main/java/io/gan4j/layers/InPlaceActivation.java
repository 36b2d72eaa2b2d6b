package io.gan4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.gan4j.NativeOps;

/**
 * ReLU or LeakyReLU that overwrites its input, as PyTorch's {@code nn.ReLU(inplace=True)} in
 * pytorch/examples' DCGAN. DJL's activations write a new activation-sized array: one more buffer
 * to fill and keep for the backward pass, read and written once more, after every normalisation
 * of a convolutional network. In place, LeakyReLU's backward pass reads its output instead of its
 * input (ReLU's always reads the output), which gives the same gradient bit for bit: for a
 * positive slope the two have the same sign.
 *
 * <p>Only for an array that the layer before made anew, that the next block alone reads, and that
 * no backward pass reads: in a sequence, the output of a normalisation ({@link BatchNorm}, LayerNorm)
 * or of a convolution (a new array, never a view, on every path of {@link NativeOps}). If a
 * backward pass read it, autograd would refuse that backward pass; a reader outside autograd (a
 * skip connection) would silently see the activated values. On a view (the output of DJL's own
 * BatchNorm), autograd would copy the whole gradient at this layer in the backward pass.
 */
public final class InPlaceActivation extends AbstractBlock {

    private static final byte VERSION = 1;

    /** The negative slope, 0 for ReLU. */
    private final float slope;

    private InPlaceActivation(float slope) {
        super(VERSION);
        this.slope = slope;
    }

    public static InPlaceActivation relu() {
        return new InPlaceActivation(0);
    }

    /** LeakyReLU with negative slope {@code slope} > 0. */
    public static InPlaceActivation leakyRelu(float slope) {
        if (!(slope > 0)) {
            throw new IllegalArgumentException("an in-place LeakyReLU needs a positive slope, not " + slope);
        }
        return new InPlaceActivation(slope);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(slope == 0 ? NativeOps.reluInPlace(x) : NativeOps.leakyReluInPlace(x, slope));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return inputs;
    }
}
