package io.gan4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class InPlaceActivationTest {

    /** BatchNorm2d's images, and BatchNorm1d's features (a generator's first layer). */
    private static final List<Shape> INPUTS = List.of(new Shape(6, 3, 5, 5), new Shape(6, 7));

    @Test
    void afterGan4jsBatchNormGivesDjlsBatchNormAndActivationBitForBit() {
        for (Shape input : INPUTS) {
            assertSame(input, Activation.reluBlock(), InPlaceActivation.relu());
            assertSame(input, Activation.leakyReluBlock(0.2f), InPlaceActivation.leakyRelu(0.2f));
        }
    }

    /**
     * DJL's BatchNorm then DJL's activation, against gan4j's BatchNorm then the in-place one: the
     * output (training and inference), the input's and BatchNorm's gradients are the same.
     */
    private static void assertSame(Shape input, Block outOfPlace, Block inPlace) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            NDArray x = manager.randomNormal(input);
            NDArray r = manager.randomNormal(input);
            List<float[]> expected = run(new SequentialBlock().add(ai.djl.nn.norm.BatchNorm.builder().build()).add(outOfPlace), x, r);
            List<float[]> actual = run(new SequentialBlock().add(new BatchNorm()).add(inPlace), x, r);
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), actual.get(i), input + ": array " + i);
            }
        }
    }

    /** The training output, the gradients of Σ y·r (input, then each BatchNorm weight), and the inference output. */
    private static List<float[]> run(Block block, NDArray input, NDArray r) {
        NDManager manager = input.getManager();
        block.initialize(manager, DataType.FLOAT32, input.getShape());
        Engine.getInstance().setRandomSeed(5);
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                // BatchNorm's weights away from 1 and 0, so that their gradients tell them apart
                p.getValue().getArray().addi(manager.randomNormal(p.getValue().getArray().getShape()).mul(0.3f));
            }
        }
        NDArray x = input.duplicate();
        x.setRequiresGradient(true);
        List<float[]> out = new ArrayList<>();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = block.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
            out.add(y.toFloatArray());
            collector.backward(y.mul(r).sum());
        }
        out.add(x.getGradient().toFloatArray());
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                out.add(p.getValue().getArray().getGradient().toFloatArray());
            }
        }
        out.add(block.forward(new ParameterStore(manager, false), new NDList(input), false).singletonOrThrow().toFloatArray());
        return out;
    }

    @Test
    void afterALayerWhoseBackwardReadsItsOutputTheBackwardPassFails() {
        // sigmoid's backward reads its output, which an activation in place overwrites: autograd must
        // refuse (an activation that wrote a new array would pass).
        for (Block activation : List.of(InPlaceActivation.relu(), InPlaceActivation.leakyRelu(0.2f))) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray x = manager.randomNormal(INPUTS.get(0));
                x.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray y = activation.forward(new ParameterStore(manager, false), new NDList(Activation.sigmoid(x)), true)
                            .singletonOrThrow();
                    assertThrows(EngineException.class, () -> collector.backward(y.sum()), activation.toString());
                }
            }
        }
    }

    @Test
    void refusesASlopeThatIsNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> InPlaceActivation.leakyRelu(0));
        assertThrows(IllegalArgumentException.class, () -> InPlaceActivation.leakyRelu(-0.1f));
    }
}
