package io.gan4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.gan4j.NativeOps;
import io.gan4j.NativeTest;

import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * gan4j's Conv2d against libtorch's own convolution (DJL's {@code Conv2d.conv2d}, oneDNN) on the same
 * weights: forward and the gradients of input, weight and bias. Up to {@link NativeOps#FEW_CHANNELS}
 * input channels it computes by im2col and a matrix product (the same values up to rounding); above,
 * it is libtorch's call itself.
 */
class Conv2dTest extends NativeTest {

    private static final String[] NAMES = {"output", "input gradient", "weight gradient", "bias gradient"};

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
        Engine.getInstance().setRandomSeed(7);
        if (bias) {
            biasParameter.getArray().set(manager.randomNormal(new Shape(out)).toFloatArray());
        } else {
            assertNull(biasParameter);
        }
        NDArray x = manager.randomNormal(inputShape);
        NDArray[] ours = convolutionGradients(x, weight.getArray(), bias ? biasParameter.getArray() : null,
                input -> block.forward(new ParameterStore(manager, false), new NDList(input), true).singletonOrThrow());
        NDArray[] theirs = libtorchs(x, weight.getArray(), bias ? biasParameter.getArray() : null, block.getStride(),
                block.getPadding());
        assertAgree(theirs, ours, in <= NativeOps.FEW_CHANNELS);
        if (in <= NativeOps.FEW_CHANNELS) {
            assertSameWithoutGradient(ours, x, weight.getArray(), bias ? biasParameter.getArray() : null,
                    input -> block.forward(new ParameterStore(manager, false), new NDList(input), true).singletonOrThrow());
        }
    }

    /** Non-square kernel, stride and padding, through {@link NativeOps#conv2d} directly (no block makes them). */
    @Test
    void nonSquareGeometryByColumns() {
        Engine.getInstance().setRandomSeed(11);
        NDArray x = manager.randomNormal(new Shape(2, 3, 11, 13));
        NDArray w = manager.randomNormal(new Shape(4, 3, 3, 5));
        NDArray b = manager.randomNormal(new Shape(4));
        Shape stride = new Shape(2, 1);
        Shape padding = new Shape(1, 2);
        NDArray[] ours = convolutionGradients(x, w, b, input -> NativeOps.conv2d(input, w, b, stride, padding, new Shape(1, 1)));
        assertAgree(libtorchs(x, w, b, stride, padding), ours, true);
        assertSameWithoutGradient(ours, x, w, b, input -> NativeOps.conv2d(input, w, b, stride, padding, new Shape(1, 1)));
    }

    /**
     * An input without a gradient (a discriminator's real or detached fake images) takes another way to
     * its columns, strided views instead of im2col: the same output and weight and bias gradients as
     * {@code withGradient} (output, input, weight and bias gradients of the same input with a
     * gradient), bit for bit.
     */
    private void assertSameWithoutGradient(NDArray[] withGradient, NDArray x, NDArray w, NDArray b,
            Function<NDArray, NDArray> conv) {
        NDArray plain = manager.create(x.toFloatArray(), x.getShape());
        for (NDArray p : b == null ? new NDArray[] {w} : new NDArray[] {w, b}) {
            p.getGradient().subi(p.getGradient()); // backward adds to the gradients of the run before
        }
        NDArray y = backward(plain, conv);
        assertFalse(plain.hasGradient());
        assertArrayEquals(withGradient[0].toFloatArray(), y.toFloatArray(), "output");
        assertArrayEquals(withGradient[2].toFloatArray(), w.getGradient().toFloatArray(), "weight gradient");
        if (b != null) {
            assertArrayEquals(withGradient[3].toFloatArray(), b.getGradient().toFloatArray(), "bias gradient");
        }
    }

    private NDArray[] libtorchs(NDArray x, NDArray w, NDArray b, Shape stride, Shape padding) {
        NDArray w2 = w.duplicate();
        NDArray b2 = b == null ? null : b.duplicate();
        return convolutionGradients(x.duplicate(), w2, b2,
                input -> ai.djl.nn.convolutional.Conv2d.conv2d(input, w2, b2, stride, padding).singletonOrThrow());
    }

    private static void assertAgree(NDArray[] theirs, NDArray[] ours, boolean byColumns) {
        assertEquals(theirs.length, ours.length);
        for (int i = 0; i < ours.length; i++) {
            assertEquals(theirs[i].getShape(), ours[i].getShape(), NAMES[i]);
            if (!byColumns) {
                assertArrayEquals(theirs[i].toFloatArray(), ours[i].toFloatArray(), NAMES[i] + ": libtorch's own call");
            } else {
                // a gradient sums thousands of products that largely cancel: rounding scales with its largest entry
                double scale = 1 + theirs[i].abs().max().getFloat();
                LayerFixture.assertClose(NAMES[i], theirs[i].getShape(), theirs[i].toFloatArray(), ours[i],
                        LayerFixture.TOLERANCE * scale);
            }
        }
    }
}
