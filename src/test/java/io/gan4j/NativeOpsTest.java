package io.gan4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NativeOpsTest extends NativeTest {

    private static final Shape ONE = new Shape(1, 1);
    private static final Shape TWO = new Shape(2, 2);

    /** The image layers (1 to 4 channels) of a CPU step go by columns, every wider convolution by libtorch's kernel. */
    @Test
    void fewChannelsGoByColumnsOnTheCpu() {
        NDArray x = manager.zeros(new Shape(1));
        for (int channels = 1; channels <= 8; channels++) {
            assertEquals(channels <= 4, NativeOps.byColumns(x, channels), channels + " channels");
        }
        assertEquals(4, NativeOps.FEW_CHANNELS);
    }

    /**
     * In a bfloat16 scope a wide convolution and transposed convolution, and both their backward
     * passes, compute in bfloat16: every value of the output and of the input and weight gradients is
     * a bfloat16 value (the low 16 bits of its float32 pattern zero; with a bias, added in float32,
     * those of the gradients), within bfloat16's rounding of the float32 result. The geometry's two
     * axes differ in stride, padding and dilation, so that it must reach libtorch in the right order.
     * Closing the scope restores float32, and an inner scope overrides the outer.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aBfloat16ScopeComputesWideConvolutionsInBfloat16(boolean withBias) {
        Engine.getInstance().setRandomSeed(7);
        NDArray x = manager.randomNormal(new Shape(3, 8, 9, 11));
        NDArray w = manager.randomNormal(new Shape(6, 8, 3, 4));
        NDArray wt = manager.randomNormal(new Shape(8, 6, 4, 4));
        NDArray b = withBias ? manager.randomNormal(new Shape(6)) : null;
        Supplier<NDArray[]> conv = () -> gradients(x, w, b,
                (p, q, r) -> NativeOps.conv2d(p, q, r, new Shape(2, 1), new Shape(1, 2), new Shape(2, 1)));
        Supplier<NDArray[]> convT = () -> gradients(x, wt, b, (p, q, r) -> NativeOps.convTranspose2d(p, q, r, 2, 1, 1));
        for (Supplier<NDArray[]> op : List.of(conv, convT)) {
            assertComputedInBfloat16(op, withBias ? new int[] {1, 2} : new int[] {0, 1, 2});
        }
    }

    /** An image layer (at most {@value NativeOps#FEW_CHANNELS} channels) stays float32 in a bfloat16 scope. */
    @Test
    void theImageLayersStayFloat32() {
        Engine.getInstance().setRandomSeed(6);
        NDArray x = manager.randomNormal(new Shape(4, 3, 8, 8));
        NDArray w = manager.randomNormal(new Shape(24, 3, 4, 4));
        NDArray image = manager.randomNormal(new Shape(4, 24, 8, 8));
        NDArray wt = manager.randomNormal(new Shape(24, 3, 4, 4));
        try (NativeOps.Scope on = NativeOps.bfloat16(true)) {
            assertBfloat16(false, gradients(x, w, null, (p, q, r) -> NativeOps.conv2d(p, q, r, TWO, ONE, ONE)));
            assertBfloat16(false, gradients(image, wt, null, (p, q, r) -> NativeOps.convTranspose2d(p, q, r, 2, 1, 0)));
        }
    }

    /** A convolution of input, weight and bias (may be null). */
    private interface Convolution {
        NDArray apply(NDArray input, NDArray weight, NDArray bias);
    }

    /** {@link #convolutionGradients} of op on copies of x, w and b (b may be null). */
    private NDArray[] gradients(NDArray input, NDArray weight, NDArray bias, Convolution op) {
        NDArray w = weight.duplicate();
        NDArray b = bias == null ? null : bias.duplicate();
        return convolutionGradients(input.duplicate(), w, b, x -> op.apply(x, w, b));
    }

    /**
     * op's values (output, then gradients) in a bfloat16 scope: those at {@code bf16Values} are bfloat16
     * values (also after a float32 scope nested in it has closed), and each value is float32's to
     * bfloat16's rounding; outside the scope and in the nested one, float32 values.
     */
    private static void assertComputedInBfloat16(Supplier<NDArray[]> op, int... bf16Values) {
        NDArray[] fp32 = op.get();
        NDArray[] bf16;
        try (NativeOps.Scope on = NativeOps.bfloat16(true)) {
            bf16 = op.get();
            try (NativeOps.Scope off = NativeOps.bfloat16(false)) {
                assertBfloat16(false, op.get());
            }
            assertBfloat16(true, pick(op.get(), bf16Values));
        }
        assertBfloat16(true, pick(bf16, bf16Values));
        assertBfloat16(false, fp32);
        assertBfloat16(false, op.get());
        assertBfloat16Rounding(fp32, bf16);
    }

    private static NDArray[] pick(NDArray[] values, int... indices) {
        return java.util.Arrays.stream(indices).mapToObj(i -> values[i]).toArray(NDArray[]::new);
    }

    /**
     * The output and the input and weight gradients differ from float32's, by less than bfloat16's
     * rounding allows; a bias gradient (a fourth value), the sum of the output's gradient, does not go
     * through the convolution: it is float32's up to the order of the float32 sum (libtorch's own
     * convolution sums it in oneDNN, the bfloat16 path in autograd).
     */
    private static void assertBfloat16Rounding(NDArray[] fp32, NDArray[] bf16) {
        assertEquals(fp32.length, bf16.length);
        for (int i = 0; i < fp32.length; i++) {
            assertEquals(fp32[i].getShape(), bf16[i].getShape(), "value " + i);
            float scale = fp32[i].abs().max().getFloat();
            float error = bf16[i].sub(fp32[i]).abs().max().getFloat();
            if (i == 3) {
                assertTrue(error <= 1e-5f * scale, "the bias gradient: error " + error + " of " + scale);
            } else {
                assertTrue(error > 0 && error < 0.02f * scale, "value " + i + ": error " + error + " of " + scale);
            }
        }
    }

    /** Whether every value (expected) or not every value (not expected) is a bfloat16 value. */
    private static void assertBfloat16(boolean expected, NDArray[] values) {
        for (int i = 0; i < values.length; i++) {
            boolean all = true;
            for (float v : values[i].toFloatArray()) {
                all &= (Float.floatToRawIntBits(v) & 0xFFFF) == 0;
            }
            assertEquals(expected, all, "value " + i + (expected ? " in bfloat16" : " in float32"));
        }
    }
}
