package io.gan4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.GradientCollector;
import io.gan4j.NativeOps;
import io.gan4j.NativeTest;
import io.gan4j.Engines;
import io.gan4j.training.Adam;
import io.gan4j.training.Draws;
import io.gan4j.training.Network;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gradient penalty is differentiated for real: its gradient with respect to the critic's
 * weights (a second-order derivative) matches finite differences of its value, and so does the
 * input gradient it is built on.
 */
class GradientPenaltyTest extends NativeTest {

    private static final float LAMBDA = 10f;
    private Network critic;
    private NDArray real;
    private NDArray fake;

    @BeforeEach
    void open() {
        Engines.seed(3);
        // Smooth (tanh) so that finite differences are accurate; conv + LayerNorm as in the critics.
        SequentialBlock block = new SequentialBlock()
                .add(Conv2d.builder().setFilters(3).setKernelShape(new Shape(3, 3)).build())
                .add(LayerNorm.builder().build())
                .add(Activation.tanhBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(1).build());
        critic = Network.create("critic", block, manager, new Shape(1, 1, 6, 6));
        real = manager.randomUniform(-1f, 1f, new Shape(4, 1, 6, 6));
        fake = manager.randomUniform(-1f, 1f, new Shape(4, 1, 6, 6));
    }

    /** The penalty's value, ε drawn from the same seed each time (under a collector: autograd records, as in training). */
    private float penaltyValue() {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            Engines.seed(99);
            return GradientPenalty.penalty(critic, real, fake, LAMBDA).getFloat();
        }
    }

    @Test
    void gradientWithRespectToCriticWeightsMatchesFiniteDifferences() {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            Engines.seed(99);
            NDArray penalty = GradientPenalty.penalty(critic, real, fake, LAMBDA);
            assertTrue(penalty.getFloat() > 0.01f, "a penalty worth testing: " + penalty.getFloat());
            collector.backward(penalty);
        }
        int checked = 0;
        for (var p : critic.trainableParameters()) {
            NDArray w = p.getArray();
            float[] analytic = w.getGradient().toFloatArray();
            float[] values = w.toFloatArray();
            for (int i = 0; i < values.length; i += Math.max(1, values.length / 4)) {
                float h = 1e-2f;
                float[] plus = values.clone();
                plus[i] += h;
                w.set(plus);
                float up = penaltyValue();
                float[] minus = values.clone();
                minus[i] -= h;
                w.set(minus);
                float down = penaltyValue();
                w.set(values);
                double numeric = (up - down) / (2.0 * h);
                assertEquals(numeric, analytic[i], 2e-3 + 2e-2 * Math.abs(numeric),
                        p.getName() + "[" + i + "]: finite difference " + numeric + ", autograd " + analytic[i]);
                checked++;
            }
        }
        assertTrue(checked >= 16, "checked " + checked + " weights");
    }

    @Test
    void inputGradientMatchesFiniteDifferences() {
        float[] analytic;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = real.duplicate();
            x.setRequiresGradient(true);
            analytic = NativeOps.inputGradient(critic.forward(x, true), x).toFloatArray();
        }
        float[] values = real.toFloatArray();
        for (int i = 0; i < values.length; i += 7) {
            float h = 1e-2f;
            float[] plus = values.clone();
            plus[i] += h;
            float[] minus = values.clone();
            minus[i] -= h;
            double numeric = (sum(plus) - sum(minus)) / (2.0 * h);
            assertEquals(numeric, analytic[i], 1e-3 + 1e-2 * Math.abs(numeric), "x[" + i + "]");
        }
    }

    private float sum(float[] images) {
        return critic.forward(manager.create(images, real.getShape()), true).sum().getFloat();
    }

    /** Minimising the penalty alone drives the critic's gradient norms towards 1: the penalty has an effect. */
    @Test
    void minimisingThePenaltyReducesIt() {
        float before = penaltyValue();
        Adam adam = new Adam(critic.trainableParameters(), manager, 1e-2f, 0f, 0.9f);
        for (int i = 0; i < 20; i++) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                Engines.seed(99);
                collector.backward(GradientPenalty.penalty(critic, real, fake, LAMBDA));
            }
            adam.step();
        }
        float after = penaltyValue();
        assertTrue(after < 0.5f * before, "penalty " + before + " -> " + after);
    }

    /**
     * The value against a hand computation: the critic D(x) = ½‖x‖² has input gradient x̂ itself; with
     * real images of 1, fakes of −1 and ε = (0.25, 1), the interpolates are −0.5 and 1 (4 pixels each),
     * their gradient norms 1 and 2, so the penalty is λ·mean((1 − 1)², (2 − 1)²) = λ/2. ε comes in through
     * {@link Draws}, as the step's draws do.
     */
    @Test
    void valueMatchesAHandComputation() throws Exception {
        Network half = Network.create("critic", new LambdaBlock(x -> new NDList(
                x.singletonOrThrow().square().sum(new int[] {1, 2, 3}).mul(0.5f).reshape(-1, 1)), "halfSquare"),
                manager, new Shape(1, 1, 2, 2));
        NDArray ones = manager.ones(new Shape(2, 1, 2, 2));
        NDArray eps = manager.create(new float[] {0.25f, 1f}, new Shape(2, 1, 1, 1));
        try (AutoCloseable draws = Draws.install(new Epsilon(eps));
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            assertEquals(LAMBDA / 2, GradientPenalty.penalty(half, ones, ones.neg(), LAMBDA).getFloat(), 1e-5);
            assertEquals(1.5f / 2, GradientPenalty.penalty(half, ones, ones.neg(), 1.5f).getFloat(), 1e-6);
        }
    }

    /** Hands out a fixed ε for the penalty's one uniform draw. */
    private record Epsilon(NDArray eps) implements Draws {
        @Override
        public NDArray uniform(NDManager m, float low, float high, Shape shape) {
            assertEquals(eps.getShape(), shape);
            assertEquals(0f, low);
            assertEquals(1f, high);
            return eps;
        }

        @Override
        public NDArray normal(NDManager m, float mean, float std, Shape shape) {
            throw new AssertionError("the penalty draws no normal values");
        }

        @Override
        public NDArray integers(NDManager m, long low, long high, Shape shape) {
            throw new AssertionError("the penalty draws no integers");
        }

        @Override
        public NDArray keepMask(NDArray x, float keep) {
            throw new AssertionError("the penalty draws no masks");
        }
    }
}
