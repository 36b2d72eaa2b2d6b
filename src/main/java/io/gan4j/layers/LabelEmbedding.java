package io.gan4j.layers;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A lookup table from class labels to vectors, the equivalent of PyTorch's {@code
 * nn.Embedding(numClasses, embeddingSize)}: integer labels {@code [B]} give {@code [B,
 * embeddingSize]}.
 *
 * <p>DJL's own {@code Embedding} blocks embed typed items; this one takes an index array directly.
 * The parameter {@code "weight"} is {@code [numClasses, embeddingSize]} and, as in PyTorch, is
 * initialized from N(0, 1) unless the training config sets another initializer for weights.
 */
public class LabelEmbedding extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int numClasses;
    private final int embeddingSize;
    private final Parameter weight;

    @SuppressWarnings("this-escape")
    LabelEmbedding(Builder builder) {
        super(VERSION);
        numClasses = builder.numClasses;
        embeddingSize = builder.embeddingSize;
        weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.WEIGHT)
                                .optInitializer(new NormalInitializer(1f))
                                .build());
    }

    /**
     * Creates a builder for a {@code LabelEmbedding}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray labels = inputs.singletonOrThrow();
        return new NDList(lookup(labels, table(parameterStore, labels.getDevice(), training)));
    }

    /** The table {@code [numClasses, embeddingSize]} as this forward pass sees it. */
    NDArray table(ParameterStore parameterStore, Device device, boolean training) {
        return parameterStore.getValue(weight, device, training);
    }

    /** Rows of {@code table} for integer labels {@code [B]}: {@code [B, row size]}, differentiable w.r.t. the table. */
    static NDArray lookup(NDArray labels, NDArray table) {
        return Embedding.embedding(indices(labels), table, SparseFormat.DENSE).singletonOrThrow();
    }

    /** Integer labels as the int64 indices that torch's lookups want (labels often arrive as int32). */
    static NDArray indices(NDArray labels) {
        return labels.getDataType() == DataType.INT64 ? labels : labels.toType(DataType.INT64, false);
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputs) {
        weight.setShape(new Shape(numClasses, embeddingSize));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0].add(embeddingSize)};
    }

    /** Builder for {@link LabelEmbedding}. */
    public static final class Builder {

        private int numClasses;
        private int embeddingSize;

        Builder() {}

        /**
         * Sets the number of classes, i.e. rows of the table. Required.
         *
         * @param numClasses the number of classes
         * @return this builder
         */
        public Builder setNumClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /**
         * Sets the length of each embedding vector. Required.
         *
         * @param embeddingSize the embedding size
         * @return this builder
         */
        public Builder setEmbeddingSize(int embeddingSize) {
            this.embeddingSize = embeddingSize;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return a new {@code LabelEmbedding}
         * @throws IllegalArgumentException if a size is not positive
         */
        public LabelEmbedding build() {
            if (numClasses <= 0 || embeddingSize <= 0) {
                throw new IllegalArgumentException("numClasses and embeddingSize must be positive");
            }
            return new LabelEmbedding(this);
        }
    }
}
