package io.gan4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.gan4j.NativeOps;

/**
 * DJL's 2-D convolution whose forward pass goes through {@link NativeOps#conv2d}, which computes a
 * convolution from an image of few channels faster than libtorch's oneDNN kernel does; every other
 * convolution, and the parameters, are DJL's. Named as DJL's class on purpose: {@code SequentialBlock}
 * names a child after its class's simple name, so parameter names and checkpoints stay those of
 * {@code ai.djl.nn.convolutional.Conv2d}.
 */
public final class Conv2d extends ai.djl.nn.convolutional.Conv2d {

    private Conv2d(Builder builder) {
        super(builder);
    }

    /**
     * A square convolution, PyTorch's {@code nn.Conv2d(in, filters, kernel, stride, padding, bias=bias)}
     * (the input channels are taken from the input when the block is initialized).
     */
    public static Conv2d square(int filters, int kernel, int stride, int padding, boolean bias) {
        Builder builder = builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding)).optBias(bias);
        builder.build(); // DJL's checks of the settings
        return new Conv2d(builder);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = includeBias ? store.getValue(bias, x.getDevice(), training) : null;
        return new NDList(NativeOps.conv2d(x, w, b, stride, padding, dilation));
    }
}
