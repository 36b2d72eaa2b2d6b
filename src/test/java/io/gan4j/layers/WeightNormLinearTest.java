package io.gan4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
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

import org.junit.jupiter.api.Test;

class WeightNormLinearTest {

    /** Forward and backward against PyTorch's {@code weight_norm(nn.Linear(5, 4), dim=0)}. */
    @Test
    void matchesPyTorch() {
        LayerFixture f = LayerFixture.load("weight_norm_linear");
        try (NDManager manager = NDManager.newBaseManager()) {
            WeightNormLinear block = new WeightNormLinear(f.intConfig("out"), true);
            block.initialize(manager, DataType.FLOAT32, f.shape("input"));
            Parameter v = block.getParameters().get("v");
            Parameter g = block.getParameters().get("g");
            Parameter bias = block.getParameters().get("bias");
            v.getArray().set(f.floats("v"));
            g.getArray().set(f.floats("g"));
            bias.getArray().set(f.floats("bias"));
            NDArray x = f.floatArray(manager, "input");
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = block.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
                f.assertMatches("output", y);
                collector.backward(y.mul(f.floatArray(manager, "r")).sum());
            }
            f.assertMatches("inputGrad", x.getGradient());
            f.assertMatches("vGrad", v.getArray().getGradient());
            f.assertMatches("gGrad", g.getArray().getGradient());
            f.assertMatches("biasGrad", bias.getArray().getGradient());
        }
    }

    /** y = x·(g·v/‖v‖)ᵀ + b written out element by element; ‖v‖ does not change y. */
    @Test
    void outputIsTheNormalisedWeightTimesTheGain() {
        try (NDManager manager = NDManager.newBaseManager()) {
            WeightNormLinear block = new WeightNormLinear(2, true);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            float[] v = {3, 0, 4, 0, 2, 0};
            block.getParameters().get("v").getArray().set(v);
            block.getParameters().get("g").getArray().set(new float[] {2, -1});
            block.getParameters().get("bias").getArray().set(new float[] {0.5f, 1});
            NDArray x = manager.create(new float[] {1, 2, 3}, new Shape(1, 3));
            float[] y = block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow().toFloatArray();
            // Row 0: 2 · (3, 0, 4)/5 · (1, 2, 3) + 0.5 = 2 · 15/5 + 0.5; row 1: -1 · (0, 1, 0) · x + 1.
            assertEquals(6.5f, y[0], 1e-5f);
            assertEquals(-1f, y[1], 1e-5f);
            block.getParameters().get("v").getArray().muli(7);
            float[] scaled = block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow().toFloatArray();
            assertEquals(y[0], scaled[0], 1e-5f);
            assertEquals(y[1], scaled[1], 1e-5f);
        }
    }

    @Test
    void gainIsTrainedOnlyWhenAsked() {
        assertTrue(new WeightNormLinear(3, true).getParameters().get("g").requiresGradient());
        WeightNormLinear fixed = new WeightNormLinear(3, false);
        assertFalse(fixed.getParameters().get("g").requiresGradient());
        assertTrue(fixed.getParameters().get("v").requiresGradient());
        assertTrue(fixed.getParameters().get("bias").requiresGradient());
    }

    /**
     * After the data-dependent initialisation every unit's pre-activation has mean 0 and standard
     * deviation 1 on the batch, in every layer, including one inside a ParallelBlock head.
     */
    @Test
    void dataDependentInitialisationStandardisesEveryLayer() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(3);
            WeightNormLinear first = new WeightNormLinear(8, false);
            WeightNormLinear second = new WeightNormLinear(6, false);
            WeightNormLinear head = new WeightNormLinear(4, true);
            Block net = new SequentialBlock().add(first).add(Activation.reluBlock()).add(second).add(Activation.reluBlock())
                    .add(ConvNets.withFeatures(head));
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 5));
            NDArray x = manager.randomUniform(-1f, 3f, new Shape(64, 5));
            NDList out = WeightNormLinear.initialiseFromData(net, new NDList(x));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray pre1 = first.forward(store, new NDList(x), false).singletonOrThrow();
            NDArray pre2 = second.forward(store, new NDList(pre1.maximum(0f)), false).singletonOrThrow();
            NDArray logits = head.forward(store, new NDList(pre2.maximum(0f)), false).singletonOrThrow();
            for (NDArray pre : new NDArray[] {pre1, pre2, logits}) {
                NDArray mean = pre.mean(new int[] {0});
                NDArray std = pre.sub(mean).square().mean(new int[] {0}).sqrt();
                for (float m : mean.toFloatArray()) {
                    assertEquals(0f, m, 1e-4f);
                }
                for (float s : std.toFloatArray()) {
                    assertEquals(1f, s, 1e-3f);
                }
            }
            assertEquals(2, out.size(), "the walker returns the network's outputs");
            assertEquals(new Shape(64, 4), out.get(0).getShape());
        }
    }
}
