package io.gan4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.gan4j.training.Draws;

/**
 * Adds N(0, σ²) noise to its input in training mode only (Salimans et al.'s semi-supervised
 * discriminator regularises every layer this way); the identity in inference mode.
 */
public final class GaussianNoise extends AbstractBlock {

    private static final byte VERSION = 1;

    private final float sigma;

    public GaussianNoise(float sigma) {
        super(VERSION);
        this.sigma = sigma;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (!training || sigma == 0) {
            return new NDList(x);
        }
        return new NDList(x.add(Draws.current().normal(x.getManager(), 0f, sigma, x.getShape())));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return inputs;
    }
}
