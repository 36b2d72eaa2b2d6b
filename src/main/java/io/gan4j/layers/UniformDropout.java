package io.gan4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Dropout (PyTorch's {@code nn.Dropout(rate)}): in training, each element is kept with
 * probability 1 - rate and scaled by 1 / (1 - rate), else zeroed; identity otherwise.
 *
 * <p>The keep mask is {@code floor(uniform[1 - rate, 2 - rate))}, the same Bernoulli draw as libtorch's
 * {@code bernoulli_}, which on non-Intel CPUs takes a slow scalar path (double-precision draws):
 * this is ~30% cheaper per call, and a tenth of an MLP GAN's step is dropout.
 */
public final class UniformDropout extends AbstractBlock {

    private static final byte VERSION = 1;

    private final float keep;

    public UniformDropout(float rate) {
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
        // floor(u) for u ~ U[keep, 1 + keep) is 1 with probability keep, else 0: the keep mask
        // straight in x's type, without a boolean compare and a conversion. It holds 1 / keep where
        // kept, as PyTorch's does, and is built before it meets x: a scalar operand (DJL wraps a
        // Java buffer it frees) must never be saved by autograd.
        NDArray mask = x.getManager().randomUniform(keep, 1 + keep, x.getShape(), x.getDataType(), x.getDevice()).floor()
                .muli(1 / keep);
        return new NDList(x.mul(mask));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return inputs;
    }
}
