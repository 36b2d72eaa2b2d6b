package io.gan4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import org.junit.jupiter.api.Test;

class LabelEmbeddingTest {

    @Test
    void matchesPyTorch() {
        LayerFixture f = LayerFixture.load("embedding");
        try (NDManager manager = NDManager.newBaseManager()) {
            LabelEmbedding block =
                    LabelEmbedding.builder()
                            .setNumClasses(f.intConfig("numClasses"))
                            .setEmbeddingSize(f.intConfig("dim"))
                            .build();
            block.initialize(manager, DataType.FLOAT32, f.shape("indices"));
            Parameter weight = block.getParameters().get("weight");
            weight.getArray().set(f.floats("weight"));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y =
                        block.forward(
                                        new ParameterStore(manager, false),
                                        new NDList(f.longArray(manager, "indices")),
                                        true)
                                .singletonOrThrow();
                f.assertMatches("output", y);
                collector.backward(y.mul(f.floatArray(manager, "r")).sum());
            }
            f.assertMatches("weightGrad", weight.getArray().getGradient());
        }
    }

    @Test
    void intLabelsShapesAndStandardNormalInit() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            LabelEmbedding block =
                    LabelEmbedding.builder().setNumClasses(100).setEmbeddingSize(100).build();
            Shape in = new Shape(4);
            assertEquals(new Shape(4, 100), block.getOutputShapes(new Shape[] {in})[0]);
            block.initialize(manager, DataType.FLOAT32, in);
            NDArray weight = block.getParameters().get("weight").getArray();
            assertEquals(new Shape(100, 100), weight.getShape());
            // N(0, 1) as in PyTorch: 10,000 samples put the std well within 0.05 of 1.
            float std = weight.sub(weight.mean()).square().mean().sqrt().getFloat();
            assertTrue(Math.abs(std - 1) < 0.05, "std " + std);
            NDArray labels = manager.create(new int[] {0, 99, 5, 5});
            NDArray y =
                    block.forward(new ParameterStore(manager, false), new NDList(labels), false)
                            .singletonOrThrow();
            assertEquals(new Shape(4, 100), y.getShape());
            assertEquals(weight.get(99), y.get(1));
        }
    }
}
