package io.gan4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.gan4j.training.Draws;

/**
 * Dropout (PyTorch's {@code nn.Dropout(rate)}): in training, each element is kept with
 * probability 1 - rate and scaled by 1 / (1 - rate), else zeroed; identity otherwise.
 *
 * <p>The keep masks come from {@link DropoutMasks}: a hash computed for a whole training step at
 * once, several times cheaper than libtorch's {@code bernoulli_}, which draws one element at a time.
 */
public final class Dropout extends AbstractBlock {

    private static final byte VERSION = 1;

    private final float keep;

    public Dropout(float rate) {
        super(VERSION);
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), not " + rate);
        }
        this.keep = 1 - rate;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (!training || keep == 1) {
            return inputs;
        }
        // The mask holds 1 / keep where kept, as PyTorch's does, and is built before it meets x: a
        // scalar operand (DJL wraps a Java buffer it frees) must never be saved by autograd.
        return new NDList(x.mul(Draws.current().keepMask(x, keep)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return inputs;
    }
}
