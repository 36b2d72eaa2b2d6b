package io.gan4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.gan4j.NativeOps;

import java.util.Arrays;

/**
 * 2-D transposed convolution, the equivalent of PyTorch's {@code nn.ConvTranspose2d(in, out,
 * kernel, stride, padding, output_padding, bias)} with square kernel, stride and padding.
 *
 * <p>DJL's PyTorch engine does not expose deconvolution; this block calls libtorch's through
 * {@link NativeOps#convTranspose2d}, which computes an image of few channels by columns instead.
 * (Rewriting it as ordinary convolutions, by zero insertion or by sub-pixel phases, was slower: the
 * phases' crop and interleave cost full copies in both passes; docs/internals.md.) Parameters use
 * PyTorch's names and layout: {@code "weight"} is {@code [in, out, k, k]} and {@code "bias"} is
 * {@code [out]}, so PyTorch weights load unchanged. The number of input channels is taken from the
 * input shape when the block is initialized.
 *
 * <p>Parameters get DJL's default initializers (Xavier weights, zero bias), not PyTorch's.
 */
public class ConvTranspose2d extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int filters;
    private final int kernelSize;
    private final int stride;
    private final int padding;
    private final int outputPadding;
    private final Parameter weight;
    private final Parameter bias;

    @SuppressWarnings("this-escape")
    ConvTranspose2d(Builder builder) {
        super(VERSION);
        filters = builder.filters;
        kernelSize = builder.kernelSize;
        stride = builder.stride;
        padding = builder.padding;
        outputPadding = builder.outputPadding;
        weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.WEIGHT)
                                .build());
        bias =
                builder.includeBias
                        ? addParameter(
                                Parameter.builder()
                                        .setName("bias")
                                        .setType(Parameter.Type.BIAS)
                                        .build())
                        : null;
    }

    /**
     * Creates a builder for a {@code ConvTranspose2d}.
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
        NDArray input = inputs.singletonOrThrow();
        NDArray weightArr = parameterStore.getValue(weight, input.getDevice(), training);
        NDArray biasArr =
                bias == null ? null : parameterStore.getValue(bias, input.getDevice(), training);
        return new NDList(
                NativeOps.convTranspose2d(input, weightArr, biasArr, stride, padding, outputPadding));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape in = inputs[0];
        return new Shape[] {
            new Shape(in.get(0), filters, outputSize(in.get(2)), outputSize(in.get(3)))
        };
    }

    private long outputSize(long inputSize) {
        return (inputSize - 1) * stride - 2L * padding + kernelSize + outputPadding;
    }

    /** {@inheritDoc} */
    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        if (inputShapes.length != 1 || inputShapes[0].dimension() != 4) {
            throw new IllegalArgumentException(
                    "ConvTranspose2d expects one NCHW input, got " + Arrays.toString(inputShapes));
        }
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputs) {
        weight.setShape(new Shape(inputs[0].get(1), filters, kernelSize, kernelSize));
        if (bias != null) {
            bias.setShape(new Shape(filters));
        }
    }

    /** Builder for {@link ConvTranspose2d}; names follow DJL's convolution builders. */
    public static final class Builder {

        private int filters;
        private int kernelSize;
        private int stride = 1;
        private int padding;
        private int outputPadding;
        private boolean includeBias = true;

        Builder() {}

        /**
         * Sets the number of output channels (PyTorch's {@code out_channels}). Required.
         *
         * @param filters the number of output channels
         * @return this builder
         */
        public Builder setFilters(int filters) {
            this.filters = filters;
            return this;
        }

        /**
         * Sets the side of the square kernel. Required.
         *
         * @param kernelSize the kernel size
         * @return this builder
         */
        public Builder setKernelSize(int kernelSize) {
            this.kernelSize = kernelSize;
            return this;
        }

        /**
         * Sets the stride; 1 by default.
         *
         * @param stride the stride
         * @return this builder
         */
        public Builder optStride(int stride) {
            this.stride = stride;
            return this;
        }

        /**
         * Sets the padding, as in PyTorch; 0 by default.
         *
         * @param padding the padding
         * @return this builder
         */
        public Builder optPadding(int padding) {
            this.padding = padding;
            return this;
        }

        /**
         * Sets the output padding, as in PyTorch; 0 by default, must be less than the stride.
         *
         * @param outputPadding the output padding
         * @return this builder
         */
        public Builder optOutputPadding(int outputPadding) {
            this.outputPadding = outputPadding;
            return this;
        }

        /**
         * Sets whether the block has a bias; true by default.
         *
         * @param includeBias whether to add a bias
         * @return this builder
         */
        public Builder optBias(boolean includeBias) {
            this.includeBias = includeBias;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return a new {@code ConvTranspose2d}
         * @throws IllegalArgumentException if a setting is out of range
         */
        public ConvTranspose2d build() {
            if (filters <= 0 || kernelSize <= 0 || stride <= 0 || padding < 0) {
                throw new IllegalArgumentException(
                        "filters, kernel size and stride must be positive, padding non-negative");
            }
            if (outputPadding < 0 || outputPadding >= stride) {
                throw new IllegalArgumentException("output padding must be in [0, stride)");
            }
            return new ConvTranspose2d(this);
        }
    }
}
