package io.gan4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** The discriminator options of issue 24: spectral normalisation and the minibatch standard deviation. */
class DiscriminatorLayersTest {

    /** W = diag(3, 1) has largest singular value 3: the power iteration finds it and the layer applies W / 3. */
    @Test
    void spectralNormDividesTheWeightByItsLargestSingularValue() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SpectralNormLinear layer = new SpectralNormLinear(2);
            layer.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            manager.create(new float[] {3f, 0f, 0f, 1f}, new Shape(2, 2)).copyTo(layer.getParameters().get("weight").getArray());
            manager.create(new float[] {0f, 0f}).copyTo(layer.getParameters().get("bias").getArray());
            ParameterStore store = new ParameterStore(manager, false);
            NDArray identity = manager.eye(2);
            NDArray out = null;
            for (int i = 0; i < 20; i++) {
                out = layer.forward(store, new NDList(identity), true).singletonOrThrow();
            }
            assertArrayEquals(new float[] {1f, 0f, 0f, 1f / 3}, out.toFloatArray(), 1e-5f);
            // Inference mode uses the estimate without moving it.
            NDArray u = layer.getParameters().get("u").getArray().duplicate();
            layer.forward(store, new NDList(identity), false);
            assertArrayEquals(u.toFloatArray(), layer.getParameters().get("u").getArray().toFloatArray());
        }
    }

    @Test
    void minibatchStdAppendsTheBatchsMeanStandardDeviation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MinibatchStd layer = new MinibatchStd();
            // Feature 0 has std 1 (values 0, 2), feature 1 std 3 (values 1, 7): the mean is 2.
            NDArray x = manager.create(new float[] {0f, 1f, 2f, 7f}, new Shape(2, 2));
            NDArray out = layer.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
            assertEquals(new Shape(2, 3), out.getShape());
            assertEquals(new Shape(2, 3), layer.getOutputShapes(new Shape[] {new Shape(2, 2)})[0]);
            assertArrayEquals(new float[] {0f, 1f, 2f, 2f, 7f, 2f}, out.toFloatArray(), 1e-6f);
        }
    }
}
