package io.gan4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.gan4j.NativeTest;
import io.gan4j.Engines;
import io.gan4j.training.Network;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** pix2pix's networks, with 2 base feature maps so that even 256×256 stays fast. */
class UNetTest extends NativeTest {

    @BeforeEach
    void open() {
        Engines.seed(3);
    }

    @ParameterizedTest
    @CsvSource({"28, 1, 5, false", "32, 1, 5, true", "64, 3, 6, false", "128, 1, 7, true", "256, 3, 8, false"})
    void outputHasTheInputsShapeAtEverySize(int size, int channels, int depth, boolean instance) {
        Network g = Network.create("g", new UNet(channels, size, 2, instance), manager, new Shape(1, channels, size, size));
        NDArray x = manager.randomUniform(-1f, 1f, new Shape(2, channels, size, size));
        NDArray y = g.forward(x, true);
        assertEquals(x.getShape(), y.getShape());
        assertTrue(y.abs().max().getFloat() <= 1f, "tanh output");
        assertEquals(depth, UNet.depth(size));
        assertEquals(depth, levels(g.block()), "one level per halving down to 1x1");
    }

    private static int levels(Block unet) {
        UNet.Level level = (UNet.Level) unet.getChildren().values().get(0);
        int n = 1;
        while (level.inner() != null) {
            level = (UNet.Level) level.inner();
            n++;
        }
        return n;
    }

    @Test
    void skipConnectionsCarryTheInputPastADeadBottleneck() {
        Network g = Network.create("g", new UNet(1, 32, 2, false), manager, new Shape(1, 1, 32, 32));
        UNet.Level level = (UNet.Level) g.block().getChildren().values().get(0);
        while (level.inner() != null) {
            level = (UNet.Level) level.inner();
        }
        assertNull(level.inner());
        // The innermost level now outputs zeros whatever reaches it: nothing passes the 1×1 bottleneck.
        for (Pair<String, Parameter> p : level.getParameters()) {
            p.getValue().getArray().muli(0);
        }
        NDArray a = manager.randomUniform(-1f, 1f, new Shape(1, 1, 32, 32));
        NDArray b = manager.randomUniform(-1f, 1f, new Shape(1, 1, 32, 32));
        float difference = g.forward(a, false).sub(g.forward(b, false)).abs().sum().getFloat();
        assertTrue(difference > 1e-3f, "different inputs still give different outputs, through the skips: " + difference);
    }

    @ParameterizedTest
    @CsvSource({"256, 3, 30, 70", "64, 3, 6, 70", "28, 2, 5, 34", "32, 1, 14, 16"})
    void patchGanGivesTheDesignedGrid(int size, int layers, int grid, int field) {
        assertEquals(grid, PatchGan.outputSize(size, layers));
        assertEquals(field, PatchGan.receptiveField(layers));
        Network d = Network.create("d", PatchGan.discriminator(layers, 2, false), manager, new Shape(1, 2, size, size));
        NDArray logits = d.forward(manager.randomUniform(-1f, 1f, new Shape(2, 2, size, size)), true);
        assertEquals(new Shape(2, 1, grid, grid), logits.getShape());
    }

    @Test
    void instanceNormNormalisesEachChannelOfEachImage() {
        Network n = Network.create("n", Layers.instanceNorm(), manager, new Shape(1, 2, 4, 4));
        NDArray y = n.forward(manager.randomNormal(3f, 5f, new Shape(2, 2, 4, 4), ai.djl.ndarray.types.DataType.FLOAT32), true);
        NDArray mean = y.mean(new int[] {3}).mean(new int[] {2});
        NDArray var = y.square().mean(new int[] {3}).mean(new int[] {2});
        assertTrue(mean.abs().max().getFloat() < 1e-5f, "zero mean per channel");
        assertTrue(var.sub(1f).abs().max().getFloat() < 1e-3f, "unit variance per channel");
    }
}
