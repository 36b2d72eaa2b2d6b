package io.gan4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.gan4j.NativeTest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * gan4j's Conv2d against libtorch's own convolution (DJL's {@code Conv2d.conv2d}, oneDNN) on the same
 * weights: forward and the gradients of input, weight and bias. Up to four input channels it computes
 * by im2col and a matrix product (the same values up to rounding); above, it is libtorch's call itself.
 */
class Conv2dTest extends NativeTest {

    @ParameterizedTest
    @CsvSource({
        // in, out, kernel, stride, padding, bias, height, width
        "1, 6, 4, 2, 1, true, 28, 28",
        "3, 5, 4, 2, 1, false, 16, 12",
        "4, 3, 3, 1, 1, true, 9, 7",
        "2, 4, 5, 3, 2, true, 13, 11",
        "1, 2, 3, 2, 0, false, 8, 10",
        "5, 4, 4, 2, 1, true, 10, 10",
    })
    void matchesLibtorchsConvolution(int in, int out, int kernel, int stride, int padding, boolean bias, int height,
            int width) {
        Conv2d block = Conv2d.square(out, kernel, stride, padding, bias);
        Shape inputShape = new Shape(3, in, height, width);
        block.initialize(manager, DataType.FLOAT32, inputShape);
        Parameter weight = block.getParameters().get("weight");
        Parameter biasParameter = block.getParameters().get("bias");
        if (!bias) {
            assertNull(biasParameter);
        }
        Engine.getInstance().setRandomSeed(7);
        NDArray x = manager.randomNormal(inputShape);
        NDArray r = manager.randomNormal(block.getOutputShapes(new Shape[] {inputShape})[0]);
        x.setRequiresGradient(true);
        NDArray y;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            y = block.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
            collector.backward(y.mul(r).sum());
        }
        NDArray[] ours = {y, x.getGradient(), weight.getArray().getGradient(),
            bias ? biasParameter.getArray().getGradient() : manager.zeros(new Shape(1))};
        NDArray x2 = x.duplicate();
        NDArray w2 = weight.getArray().duplicate();
        NDArray b2 = bias ? biasParameter.getArray().duplicate() : null;
        x2.setRequiresGradient(true);
        w2.setRequiresGradient(true);
        if (bias) {
            b2.setRequiresGradient(true);
        }
        NDArray y2;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            y2 = ai.djl.nn.convolutional.Conv2d.conv2d(x2, w2, b2, block.getStride(), block.getPadding())
                    .singletonOrThrow();
            collector.backward(y2.mul(r).sum());
        }
        NDArray[] theirs = {y2, x2.getGradient(), w2.getGradient(), bias ? b2.getGradient() : manager.zeros(new Shape(1))};
        String[] names = {"output", "input gradient", "weight gradient", "bias gradient"};
        for (int i = 0; i < ours.length; i++) {
            assertEquals(theirs[i].getShape(), ours[i].getShape(), names[i]);
            if (in > 4) {
                assertArrayEquals(theirs[i].toFloatArray(), ours[i].toFloatArray(), names[i] + ": libtorch's own call");
            } else {
                // a gradient sums thousands of products that largely cancel: rounding scales with its largest entry
                double scale = 1 + theirs[i].abs().max().getFloat();
                LayerFixture.assertClose(names[i], theirs[i].getShape(), theirs[i].toFloatArray(), ours[i],
                        LayerFixture.TOLERANCE * scale);
            }
        }
    }
}
