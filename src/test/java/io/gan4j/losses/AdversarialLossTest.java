package io.gan4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.gan4j.Gan4jException;
import org.junit.jupiter.api.Test;

import java.util.function.Function;

/**
 * Each --adv-loss against values computed by hand for the outputs x = (-1, 0, 2):
 * softplus(1) = 1.3132617, softplus(0) = ln 2, softplus(-2) = 0.1269280, sigmoid(-1) = 0.2689414,
 * sigmoid(2) = 0.8807971.
 */
class AdversarialLossTest {

    private static float value(Function<NDArray, NDArray> loss) {
        try (NDManager m = NDManager.newBaseManager()) {
            return loss.apply(m.create(new float[] {-1, 0, 2})).getFloat();
        }
    }

    private static void check(AdversarialLoss loss, double real, double fake, double generator) {
        assertEquals(real, value(loss::real), 1e-6, loss + " real");
        assertEquals(fake, value(loss::fake), 1e-6, loss + " fake");
        assertEquals(generator, value(loss::generator), 1e-6, loss + " generator");
    }

    @Test
    void bce() {
        // real: (softplus(1) + softplus(0) + softplus(-2)) / 3; fake: (softplus(-1) + softplus(0) + softplus(2)) / 3.
        check(AdversarialLoss.BCE, 0.7111123, 1.0444456, 0.7111123);
    }

    @Test
    void lsgan() {
        // real: ((-2)² + (-1)² + 1²) / 3 = 2; fake: (1 + 0 + 4) / 3.
        check(AdversarialLoss.LSGAN, 2, 5.0 / 3, 2);
    }

    @Test
    void hinge() {
        // real: (2 + 1 + 0) / 3 = 1; fake: (0 + 1 + 3) / 3; G: -(-1 + 0 + 2) / 3.
        check(AdversarialLoss.HINGE, 1, 4.0 / 3, -1.0 / 3);
    }

    @Test
    void theBooksMseOnProbabilities() {
        // real: ((1 - 0.2689414)² + 0.5² + (1 - 0.8807971)²) / 3; fake: (0.2689414² + 0.5² + 0.8807971²) / 3.
        check(AdversarialLoss.MSE_ON_PROBABILITIES, 0.2662187, 0.3660443, 0.2662187);
    }

    @Test
    void namesAreTheOptionsValues() {
        assertEquals(AdversarialLoss.BCE, AdversarialLoss.named(null));
        assertEquals(AdversarialLoss.HINGE, AdversarialLoss.named("hinge"));
        assertThrows(Gan4jException.class, () -> AdversarialLoss.named("mse"));
    }
}
