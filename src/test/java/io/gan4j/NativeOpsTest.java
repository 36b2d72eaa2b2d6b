package io.gan4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

class NativeOpsTest extends NativeTest {

    /** The image layers (1 to 4 channels) of a CPU step go by columns, every wider convolution by libtorch's kernel. */
    @Test
    void fewChannelsGoByColumnsOnTheCpu() {
        NDArray x = manager.zeros(new Shape(1));
        for (int channels = 1; channels <= 8; channels++) {
            assertEquals(channels <= 4, NativeOps.byColumns(x, channels), channels + " channels");
        }
        assertEquals(4, NativeOps.FEW_CHANNELS);
    }
}
