package io.gan4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Minibatch standard deviation (Karras et al. 2018): appends one feature (one channel for
 * [B, C, H, W]) holding the batch's spread, the standard deviation of every feature over the
 * batch averaged into one number. A collapsed generator's batch has almost none, which a
 * discriminator that sees one sample at a time cannot notice. Takes the batch it is given, so a
 * model using it must not discriminate real and fake rows in one pass.
 */
public final class MinibatchStd extends AbstractBlock {

    private static final byte VERSION = 1;
    /** Karras et al.'s 1e-8 under the square root. */
    private static final float EPS = 1e-8f;

    public MinibatchStd() {
        super(VERSION);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray centred = x.sub(x.mean(new int[] {0}, true));
        NDArray spread = centred.square().mean(new int[] {0}).add(EPS).sqrt().mean(); // scalar
        Shape shape = x.getShape();
        long[] one = shape.getShape().clone();
        one[1] = 1;
        return new NDList(x.concat(spread.broadcast(new Shape(one)), 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        long[] out = inputs[0].getShape().clone();
        out[1] += 1;
        return new Shape[] {new Shape(out)};
    }
}
