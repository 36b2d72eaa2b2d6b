package io.gan4j.layers;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Class conditioning: takes (x, labels), embeds the labels and concatenates the embedding to x
 * along axis 1. For vectors [B, F] the result is [B, F + dim]; for images [B, C, H, W] the
 * embedding is repeated over every pixel, giving [B, C + dim, H, W] (seed 000's discriminator).
 */
public final class LabelConcat extends AbstractBlock {

    private static final byte VERSION = 1;

    private final LabelEmbedding embedding;
    private final int dim;

    public LabelConcat(int numClasses, int dim) {
        super(VERSION);
        this.dim = dim;
        this.embedding = addChildBlock("embedding",
                LabelEmbedding.builder().setNumClasses(numClasses).setEmbeddingSize(dim).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray e = embedding.forward(store, new NDList(inputs.get(1)), training).singletonOrThrow();
        Shape s = x.getShape();
        if (s.dimension() == 4) {
            e = e.reshape(s.get(0), dim, 1, 1).broadcast(s.get(0), dim, s.get(2), s.get(3));
        }
        return new NDList(x.concat(e, 1));
    }

    /** The embedding table {@code [numClasses, dim]} as this forward pass sees it. */
    NDArray table(ParameterStore store, Device device, boolean training) {
        return embedding.table(store, device, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];
        long[] out = s.getShape().clone();
        out[1] += dim;
        return new Shape[] {new Shape(out)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        embedding.initialize(manager, dataType, inputShapes[1]);
    }
}
