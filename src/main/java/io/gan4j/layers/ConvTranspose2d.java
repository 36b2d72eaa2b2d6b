package io.gan4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.Arrays;

/**
 * 2-D transposed convolution, the equivalent of PyTorch's {@code nn.ConvTranspose2d(in, out,
 * kernel, stride, padding, output_padding, bias)} with square kernel, stride and padding.
 *
 * <p>DJL's PyTorch engine does not implement deconvolution, so this block rewrites it as ordinary
 * convolutions. Parameters use PyTorch's names and layout: {@code "weight"} is {@code [in, out, k,
 * k]} and {@code "bias"} is {@code [out]}, so PyTorch weights load unchanged. The number of input
 * channels is taken from the input shape when the block is initialized.
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
                convTranspose2d(input, weightArr, biasArr, stride, padding, outputPadding));
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

    /**
     * Applies a 2-D transposed convolution as PyTorch's {@code F.conv_transpose2d} does.
     *
     * <p>Intermediate arrays, including those derived from {@code weight} and {@code bias}, belong
     * to {@code input}'s manager, so a parameter's (long-lived) manager does not collect one array
     * per call.
     *
     * @param input the input {@code [N, in, H, W]}
     * @param weight the weight {@code [in, out, kH, kW]}
     * @param bias the bias {@code [out]}, or {@code null}
     * @param stride the stride in both dimensions
     * @param padding the padding removed from each side of the full output
     * @param outputPadding extra rows/columns added at the bottom/right of the output
     * @return the output {@code [N, out, (H-1)*stride - 2*padding + kH + outputPadding, ...]}
     */
    public static NDArray convTranspose2d(
            NDArray input,
            NDArray weight,
            NDArray bias,
            int stride,
            int padding,
            int outputPadding) {
        Shape k = weight.getShape();
        if (k.get(2) == 4 && k.get(3) == 4 && stride == 2 && padding == 1 && outputPadding == 0) {
            return phaseConvTranspose(input, weight, bias);
        }
        return dilatedConvTranspose(input, weight, bias, stride, padding, outputPadding);
    }

    /**
     * Kernel 4, stride 2, padding 1 by sub-pixel (phase) decomposition: each of the 4 output
     * phases is a 2x2 convolution of the input with a slice of the kernel; all 4 run as one
     * convolution with {@code 4*out} filters, then the phases are interleaved. No zeros are
     * multiplied, unlike {@link #dilatedConvTranspose}.
     */
    static NDArray phaseConvTranspose(NDArray input, NDArray weight, NDArray bias) {
        NDManager manager = input.getManager();
        long cin = weight.getShape().get(0);
        long cout = weight.getShape().get(1);
        long n = input.getShape().get(0);
        long h = input.getShape().get(2);
        long w = input.getShape().get(3);
        // A kernel row ky = 2a + s feeds output rows of parity 1 - s (s = phase slot); after
        // padding the input by 1, tap d = 1 - a of a 2x2 correlation reads the matching input
        // row. Splitting ky into (a, s), flipping a and moving s to the front gathers the 4
        // phase kernels by reshape/flip/transpose only, so the weight's gradient flows back.
        NDArray kernel =
                inManager(weight.reshape(cin, cout, 2, 2, 2, 2), manager)
                        .flip(2, 4)
                        .transpose(3, 5, 1, 0, 2, 4)
                        .reshape(4 * cout, cin, 2, 2);
        NDArray phaseBias = bias == null ? null : inManager(bias.tile(4), manager);
        // One 2x2 window cannot cover two phases' rows, so each phase is computed on (H+1)x(W+1)
        // positions; with slots ordered (odd, even) the interleaved grid is the output shifted by
        // one row and column, which the final crop removes.
        NDArray phases =
                Conv2d.conv2d(input, kernel, phaseBias, new Shape(1, 1), new Shape(1, 1))
                        .singletonOrThrow();
        return phases.reshape(n, 2, 2, cout, h + 1, w + 1)
                .transpose(0, 3, 4, 1, 5, 2)
                .reshape(n, cout, 2 * h + 2, 2 * w + 2)
                .get(new NDIndex(":, :, 1:{}, 1:{}", 2 * h + 1, 2 * w + 1));
    }

    /**
     * Any kernel, stride and padding: a transposed convolution is a stride-1 convolution of the
     * input with {@code stride - 1} zeros inserted between pixels, padded by {@code k - 1 -
     * padding} on each side (negative: cropped), with the flipped, channel-swapped kernel.
     */
    static NDArray dilatedConvTranspose(
            NDArray input,
            NDArray weight,
            NDArray bias,
            int stride,
            int padding,
            int outputPadding) {
        long n = input.getShape().get(0);
        long cin = input.getShape().get(1);
        long h = input.getShape().get(2);
        long w = input.getShape().get(3);
        long kh = weight.getShape().get(2);
        long kw = weight.getShape().get(3);
        NDArray x = input;
        if (stride > 1) {
            // Zero insertion by padding a trailing unit axis: leaves stride - 1 zeros after each
            // pixel, including after the last one, which the edge padding below accounts for.
            x =
                    x.reshape(n, cin, h, 1, w, 1)
                            .pad(new Shape(0, stride - 1, 0, 0, 0, stride - 1), 0)
                            .reshape(n, cin, h * stride, w * stride);
        }
        // Edge padding; the zero insertion already left stride - 1 zeros at the bottom/right.
        long top = kh - 1 - padding;
        long left = kw - 1 - padding;
        long bottom = top + outputPadding - (stride - 1);
        long right = left + outputPadding - (stride - 1);
        x = x.pad(new Shape(nonNeg(left), nonNeg(right), nonNeg(top), nonNeg(bottom)), 0);
        if (Math.min(Math.min(top, left), Math.min(bottom, right)) < 0) {
            // A negative amount (padding > k - 1, or surplus trailing zeros) crops instead;
            // DJL's Shape cannot carry torch's negative pad amounts.
            long hp = x.getShape().get(2);
            long wp = x.getShape().get(3);
            x =
                    x.get(
                            new NDIndex(
                                    ":, :, {}:{}, {}:{}",
                                    nonNeg(-top),
                                    hp - nonNeg(-bottom),
                                    nonNeg(-left),
                                    wp - nonNeg(-right)));
        }
        NDArray kernel = inManager(weight.flip(2, 3), input.getManager()).transpose(1, 0, 2, 3);
        return Conv2d.conv2d(x, kernel, bias, new Shape(1, 1), new Shape(0, 0)).singletonOrThrow();
    }

    private static long nonNeg(long amount) {
        return Math.max(amount, 0);
    }

    /** Moves an array computed from a parameter to the input's manager; ops on it stay there. */
    private static NDArray inManager(NDArray derived, NDManager manager) {
        derived.attach(manager);
        return derived;
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
