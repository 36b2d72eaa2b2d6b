package io.gan4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

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
     * a bfloat16 value (the low 16 bits of its float32 pattern zero), within bfloat16's rounding of
     * the float32 result. Closing the scope restores float32, and an inner scope overrides the outer.
     */
    @Test
    void aBfloat16ScopeComputesWideConvolutionsInBfloat16() {
        Engine.getInstance().setRandomSeed(5);
        NDArray x = manager.randomNormal(new Shape(4, 16, 8, 8));
        NDArray w = manager.randomNormal(new Shape(24, 16, 4, 4));
        NDArray wt = manager.randomNormal(new Shape(16, 24, 4, 4));
        Supplier<NDArray[]> conv = () -> gradients(x, w, (a, b) -> NativeOps.conv2d(a, b, null, TWO, ONE, ONE));
        Supplier<NDArray[]> convT = () -> gradients(x, wt, (a, b) -> NativeOps.convTranspose2d(a, b, null, 2, 1, 0));
        for (Supplier<NDArray[]> op : List.of(conv, convT)) {
            NDArray[] fp32 = op.get();
            NDArray[] bf16;
            try (NativeOps.Scope on = NativeOps.bfloat16(true)) {
                bf16 = op.get();
                try (NativeOps.Scope off = NativeOps.bfloat16(false)) {
                    assertBfloat16(false, op.get());
                }
                assertBfloat16(true, op.get());
            }
            assertBfloat16(true, bf16);
            assertBfloat16(false, fp32);
            assertBfloat16(false, op.get());
            for (int i = 0; i < fp32.length; i++) {
                float scale = fp32[i].abs().max().getFloat();
                float error = bf16[i].sub(fp32[i]).abs().max().getFloat();
                assertTrue(error > 0 && error < 0.02f * scale, "value " + i + ": error " + error + " of " + scale);
            }
        }
    }

    /** An image layer (at most {@value NativeOps#FEW_CHANNELS} channels) stays float32 in a bfloat16 scope. */
    @Test
    void theImageLayersStayFloat32() {
        Engine.getInstance().setRandomSeed(6);
        NDArray x = manager.randomNormal(new Shape(4, 3, 8, 8));
        NDArray w = manager.randomNormal(new Shape(24, 3, 4, 4));
        try (NativeOps.Scope on = NativeOps.bfloat16(true)) {
            assertBfloat16(false, gradients(x, w, (a, b) -> NativeOps.conv2d(a, b, null, TWO, ONE, ONE)));
        }
    }

    /** y = op(x, w) and the gradients of sum(y ⊙ r) for x and w (r fixed), on copies of x and w. */
    private NDArray[] gradients(NDArray input, NDArray weight, BinaryOperator<NDArray> op) {
        NDArray x = input.duplicate();
        NDArray w = weight.duplicate();
        x.setRequiresGradient(true);
        w.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = op.apply(x, w);
            Engine.getInstance().setRandomSeed(3);
            collector.backward(y.mul(manager.randomNormal(y.getShape())).sum());
            return new NDArray[] {y.duplicate(), x.getGradient().duplicate(), w.getGradient().duplicate()};
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
