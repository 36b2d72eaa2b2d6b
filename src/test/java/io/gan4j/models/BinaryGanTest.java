package io.gan4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import io.gan4j.Engines;
import io.gan4j.layers.LabelConcat;
import io.gan4j.options.Options;
import io.gan4j.training.Batch;
import io.gan4j.training.Network;
import io.gan4j.training.StepLoss;
import io.gan4j.training.TrainConfig;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class BinaryGanTest {

    /** A conditional BinaryGan without randomness in its networks, discriminating real and fake jointly or apart. */
    private static final class Deterministic extends BinaryGan {

        private final boolean joint;

        Deterministic(TrainConfig c, NDManager manager, boolean joint) {
            super(c,
                    Network.create("generator", new SequentialBlock().add(new LabelConcat(c.numClasses, 3))
                            .add(Linear.builder().setUnits(pixels(c)).build()).add(Activation.tanhBlock()),
                            manager, new Shape(1, c.get(Options.LATENT_DIM)), new Shape(1)),
                    Network.create("discriminator", new SequentialBlock().add(new LabelConcat(c.numClasses, 3))
                            .add(Linear.builder().setUnits(6).build()).add(Activation.leakyReluBlock(0.2f))
                            .add(Linear.builder().setUnits(1).build()),
                            manager, new Shape(1, pixels(c)), new Shape(1)));
            this.joint = joint;
        }

        @Override
        protected boolean discriminatorIsPerSample() {
            return joint;
        }

        @Override
        protected NDArray discriminate(NDArray images, NDArray labels) {
            return discriminator.forward(new NDList(flatten(images), labels), true).singletonOrThrow();
        }

        @Override
        public int numClasses() {
            return config.numClasses;
        }
    }

    private static TrainConfig mlpCgan() {
        TrainConfig c = new TrainConfig();
        c.model = "cgan";
        c.set(Options.ARCH, "mlp");
        Models.resolveForDigits(c);
        c.set(Options.LATENT_DIM, 5);
        return c;
    }

    /** Seven random images in [-1, 1] with their labels. */
    private static Batch batch(NDManager manager) {
        Engines.seed(3);
        NDArray images = manager.randomUniform(-1f, 1f, new Shape(7, 1, 28, 28));
        return new Batch(images, manager.create(new long[] {0, 3, 9, 3, 1, 2, 7}));
    }

    /** The joint pass gives D's loss parts and D's weight gradients of the separate passes (real rows first). */
    @Test
    void jointPassOverRealAndFakeEqualsTwoPasses() {
        TrainConfig c = mlpCgan();
        try (NDManager manager = NDManager.newBaseManager()) {
            Batch batch = batch(manager);
            float[][] results = new float[2][];
            float[][] grads = new float[2][];
            for (int j = 0; j < 2; j++) {
                Engines.seed(4);
                Deterministic gan = new Deterministic(c, manager, j == 1);
                Engines.seed(5);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    StepLoss loss = gan.discriminatorLoss(batch);
                    results[j] = loss.values();
                    collector.backward(loss.total());
                }
                NDList g = new NDList();
                gan.discriminator.trainableParameters().forEach(p -> g.add(p.getArray().getGradient().flatten()));
                grads[j] = NDArrays.concat(g).toFloatArray();
            }
            assertEquals(3, results[1].length, "total, d_real, d_fake");
            for (int i = 0; i < results[0].length; i++) {
                assertEquals(results[0][i], results[1][i], 1e-6, "loss value " + i);
            }
            assertEquals(grads[0].length, grads[1].length);
            for (int i = 0; i < grads[0].length; i++) {
                assertEquals(grads[0][i], grads[1][i], 1e-6 * (1 + Math.abs(grads[0][i])), "gradient " + i);
            }
        }
    }

    /**
     * --r1 γ: D's loss gains the part d_r1 = γ·E‖∇ₓD(x)‖² at the real images (the first-order input
     * gradient, computed here with a plain backward pass), the same in the joint pass and apart,
     * and its own gradient reaches D's weights.
     */
    @Test
    void r1PenalisesTheDiscriminatorsGradientAtTheRealImages() {
        TrainConfig c = mlpCgan();
        c.set(Options.R1, 10f);
        try (NDManager manager = NDManager.newBaseManager()) {
            Batch batch = batch(manager);
            Engines.seed(4);
            Deterministic reference = new Deterministic(c, manager, false);
            NDArray x = batch.images().duplicate();
            x.setRequiresGradient(true);
            float expected;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(reference.discriminate(x, batch.labels()).sum());
                expected = 10 * x.getGradient().reshape(7, -1).square().sum(new int[] {1}).mean().getFloat();
            }
            float[] withoutR1 = null;
            for (float gamma : new float[] {0f, 10f}) {
                c.set(Options.R1, gamma);
                for (boolean joint : new boolean[] {false, true}) {
                    Engines.seed(4);
                    Deterministic gan = new Deterministic(c, manager, joint);
                    Engines.seed(5);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        StepLoss loss = gan.discriminatorLoss(batch);
                        assertEquals(gamma > 0, loss.parts().containsKey("d_r1"));
                        if (gamma > 0) {
                            assertEquals(expected, loss.parts().get("d_r1").getFloat(), 1e-4 * expected);
                        }
                        collector.backward(loss.total());
                    }
                    NDList g = new NDList();
                    gan.discriminator.trainableParameters().forEach(p -> g.add(p.getArray().getGradient().flatten()));
                    float[] grads = NDArrays.concat(g).toFloatArray();
                    if (gamma == 0f) {
                        withoutR1 = grads;
                    } else {
                        assertFalse(Arrays.equals(withoutR1, grads), "R1's gradient reaches D's weights");
                    }
                }
            }
            assertTrue(expected > 0);
        }
    }
}
