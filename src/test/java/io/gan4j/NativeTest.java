package io.gan4j;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.function.Function;

/** Base of tests that make native arrays: a fresh manager for each test, closed after it. */
public abstract class NativeTest {

    protected NDManager manager;

    @BeforeEach
    protected final void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    protected final void closeManager() {
        manager.close();
    }

    /**
     * y = conv(x) and the gradients of sum(y ⊙ r) (r fixed) for x, w and, unless null, b: the arrays
     * conv reads besides x, made to require gradients here (pass copies where the originals serve again).
     */
    protected NDArray[] convolutionGradients(NDArray x, NDArray w, NDArray b, Function<NDArray, NDArray> conv) {
        for (NDArray a : new NDArray[] {x, w, b}) {
            if (a != null) {
                a.setRequiresGradient(true);
            }
        }
        NDArray y = backward(x, conv);
        NDArray[] values = {y.duplicate(), x.getGradient().duplicate(), w.getGradient().duplicate()};
        return b == null ? values : new NDArray[] {values[0], values[1], values[2], b.getGradient().duplicate()};
    }

    /**
     * y = conv(x), after the backward pass of sum(y ⊙ r) (r fixed): the gradients are added to those
     * of the arrays that require them (DJL does not zero them first).
     */
    protected NDArray backward(NDArray x, Function<NDArray, NDArray> conv) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = conv.apply(x);
            Engine.getInstance().setRandomSeed(3);
            collector.backward(y.mul(manager.randomNormal(y.getShape())).sum());
            return y;
        }
    }
}
