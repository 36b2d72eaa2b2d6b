package io.gan4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.gan4j.NativeTest;
import io.gan4j.Engines;
import io.gan4j.layers.ResNets.Resample;
import io.gan4j.training.Network;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Residual blocks resample as declared, with a convolution on the shortcut exactly when the shape changes. */
class ResNetsTest extends NativeTest {

    @BeforeEach
    void open() {
        Engines.seed(2);
    }

    @ParameterizedTest
    @CsvSource({"UP, 8, 4, 8, 4, 16", "DOWN, 4, 8, 8, 8, 4", "NONE, 6, 6, 8, 6, 8", "NONE, 4, 6, 8, 6, 8"})
    void blocksGiveTheDeclaredShape(Resample resample, int in, int out, int size, int outChannels, int outSize) {
        for (boolean layerNorm : new boolean[] {false, true}) {
            Block block = ResNets.resBlock(in, out, resample, layerNorm ? ResNets::layerNorm : ResNets::batchNorm);
            Network net = Network.create("block", block, manager, new Shape(2, in, size, size));
            NDArray y = net.forward(manager.randomNormal(new Shape(2, in, size, size)), true);
            assertEquals(new Shape(2, outChannels, outSize, outSize), y.getShape(), resample + " " + in + "->" + out);
        }
    }

    /** Main path: 2 convolutions (3×3) and 2 norms; a 1×1 shortcut convolution only when the shape changes. */
    @Test
    void theShortcutIsTheIdentityOnlyWhenTheShapeIsKept() {
        assertEquals(0, shortcutWeights(Resample.NONE, 4, 4));
        assertEquals(4 * 6 + 6, shortcutWeights(Resample.NONE, 4, 6));
        assertEquals(4 * 6 + 6, shortcutWeights(Resample.UP, 4, 6));
        assertEquals(4 * 4 + 4, shortcutWeights(Resample.DOWN, 4, 4));
    }

    private long shortcutWeights(Resample resample, int in, int out) {
        Shape input = new Shape(1, in, 8, 8);
        Network net = Network.create("block", ResNets.resBlock(in, out, resample, ResNets::batchNorm), manager, input);
        int middle = resample == Resample.UP ? out : in;
        long main = 2L * in + (9L * in * middle + middle) + 2L * middle + (9L * middle * out + out);
        return net.parameterCount() - main;
    }

    @Test
    void networksMap28x28() {
        Network g = Network.create("g", ResNets.generator(1, 28, 16), manager, new Shape(1, 10));
        NDArray images = g.forward(manager.randomNormal(new Shape(3, 10)), false);
        assertEquals(new Shape(3, 1, 28, 28), images.getShape());
        assertTrue(images.abs().max().getFloat() <= 1f, "tanh output");
        Network d = Network.create("d", ResNets.critic(28, 16), manager, new Shape(1, 1, 28, 28));
        assertEquals(new Shape(3, 1), d.forward(images, true).getShape());
    }
}
