package io.gan4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConvTranspose2dTest {

    private static ConvTranspose2d blockFor(LayerFixture f) {
        return ConvTranspose2d.builder()
                .setFilters(f.intConfig("out"))
                .setKernelSize(f.intConfig("kernel"))
                .optStride(f.intConfig("stride"))
                .optPadding(f.intConfig("padding"))
                .optOutputPadding(f.intConfig("outputPadding"))
                .optBias(f.boolConfig("bias"))
                .build();
    }

    private static NDArray forward(ConvTranspose2d block, NDManager manager, NDArray x) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), true)
                .singletonOrThrow();
    }

    /** Forward and backward of the block against PyTorch's ConvTranspose2d. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void matchesPyTorch(int index) {
        LayerFixture f = LayerFixture.load("conv_transpose_" + index);
        try (NDManager manager = NDManager.newBaseManager()) {
            ConvTranspose2d block = blockFor(f);
            block.initialize(manager, DataType.FLOAT32, f.shape("input"));
            Parameter weight = block.getParameters().get("weight");
            Parameter bias = block.getParameters().get("bias");
            weight.getArray().set(f.floats("weight"));
            if (f.has("bias")) {
                bias.getArray().set(f.floats("bias"));
            } else {
                assertNull(bias);
            }
            NDArray x = f.floatArray(manager, "input");
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = forward(block, manager, x);
                f.assertMatches("output", y);
                Shape predicted = block.getOutputShapes(new Shape[] {f.shape("input")})[0];
                assertEquals(predicted, y.getShape());
                collector.backward(y.mul(f.floatArray(manager, "r")).sum());
            }
            f.assertMatches("inputGrad", x.getGradient());
            f.assertMatches("weightGrad", weight.getArray().getGradient());
            if (f.has("bias")) {
                f.assertMatches("biasGrad", bias.getArray().getGradient());
            }
        }
    }

    /** The call's cached constants must outlive the NDScope of the step that first made them. */
    @Test
    void worksAcrossStepScopes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ConvTranspose2d block = ConvTranspose2d.builder().setFilters(2).setKernelSize(3).optStride(3).build();
            Shape in = new Shape(1, 2, 3, 3);
            block.initialize(manager, DataType.FLOAT32, in);
            for (int i = 0; i < 2; i++) {
                try (NDManager step = manager.newSubManager(); NDScope scope = new NDScope()) {
                    assertEquals(new Shape(1, 2, 9, 9), forward(block, step, step.ones(in)).getShape());
                }
            }
        }
    }

    @Test
    void outputShapes() {
        ConvTranspose2d dcgan =
                ConvTranspose2d.builder()
                        .setFilters(64)
                        .setKernelSize(4)
                        .optStride(2)
                        .optPadding(1)
                        .build();
        Shape in = new Shape(8, 128, 7, 7);
        assertEquals(new Shape(8, 64, 14, 14), dcgan.getOutputShapes(new Shape[] {in})[0]);
        ConvTranspose2d project = ConvTranspose2d.builder().setFilters(32).setKernelSize(4).build();
        Shape latent = new Shape(8, 100, 1, 1);
        assertEquals(new Shape(8, 32, 4, 4), project.getOutputShapes(new Shape[] {latent})[0]);
        try (NDManager manager = NDManager.newBaseManager()) {
            dcgan.initialize(manager, DataType.FLOAT32, in);
            assertEquals(new Shape(128, 64, 4, 4), dcgan.getParameters().get("weight").getShape());
            assertEquals(new Shape(64), dcgan.getParameters().get("bias").getShape());
            NDArray y = forward(dcgan, manager, manager.ones(in));
            assertEquals(new Shape(8, 64, 14, 14), y.getShape());
        }
    }

    @Test
    void rejectsInvalidSettings() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ConvTranspose2d.builder().setKernelSize(4).build());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        ConvTranspose2d.builder()
                                .setFilters(2)
                                .setKernelSize(3)
                                .optStride(2)
                                .optOutputPadding(2)
                                .build());
    }

    /** Forward + backward in per-step sub-managers must leave no arrays in the parameters' one. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void parameterManagerDoesNotGrow(int stride) {
        try (NDManager manager = NDManager.newBaseManager()) {
            ConvTranspose2d block =
                    ConvTranspose2d.builder()
                            .setFilters(4)
                            .setKernelSize(4)
                            .optStride(stride)
                            .optPadding(1)
                            .build();
            Shape in = new Shape(2, 3, 5, 5);
            block.initialize(manager, DataType.FLOAT32, in);
            int before = manager.getManagedArrays().size();
            for (int i = 0; i < 50; i++) {
                try (NDManager step = manager.newSubManager();
                        GradientCollector collector =
                                Engine.getInstance().newGradientCollector()) {
                    collector.backward(forward(block, manager, step.randomNormal(in)).sum());
                }
            }
            assertEquals(before, manager.getManagedArrays().size());
        }
    }
}
