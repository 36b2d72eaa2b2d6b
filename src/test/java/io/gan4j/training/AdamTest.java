package io.gan4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class AdamTest {

    /** Adam on loss = sum(w·x + b) with x = [1, -2]: the gradient is constant, so every update is computable by hand. */
    @Test
    void followsPyTorchsUpdateRuleAndZeroesGradients() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Network net = Network.create("net", Linear.builder().setUnits(1).build(), manager, new Shape(1, 2));
            float lr = 0.1f;
            float b1 = 0.5f;
            float b2 = 0.999f;
            Adam adam = new Adam(net.trainableParameters(), manager, lr, b1, b2);
            NDArray weight = net.trainableParameters().get(0).getArray();
            float[] w = weight.toFloatArray();
            float[] grad = {1f, -2f};
            double m0 = 0, m1 = 0, v0 = 0, v1 = 0;
            for (int t = 1; t <= 3; t++) {
                try (NDManager step = manager.newSubManager();
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray x = step.create(new float[] {1f, -2f}, new Shape(1, 2));
                    gc.backward(net.forward(x, true).sum());
                }
                adam.step();
                m0 = b1 * m0 + (1 - b1) * grad[0];
                m1 = b1 * m1 + (1 - b1) * grad[1];
                v0 = b2 * v0 + (1 - b2) * grad[0] * grad[0];
                v1 = b2 * v1 + (1 - b2) * grad[1] * grad[1];
                double c1 = 1 - Math.pow(b1, t);
                double c2 = Math.sqrt(1 - Math.pow(b2, t));
                w[0] -= lr * (m0 / c1) / (Math.sqrt(v0) / c2 + 1e-8);
                w[1] -= lr * (m1 / c1) / (Math.sqrt(v1) / c2 + 1e-8);
                assertArrayEquals(w, weight.toFloatArray(), 1e-6f, "after step " + t);
                // Zeroed after each step, or the next step's gradient would be doubled.
                assertArrayEquals(new float[] {0f, 0f}, weight.getGradient().toFloatArray());
            }
            assertEquals(3, adam.steps());
        }
    }
}
