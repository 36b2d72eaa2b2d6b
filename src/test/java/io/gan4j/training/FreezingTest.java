package io.gan4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.gan4j.Engines;
import io.gan4j.data.LabeledImages;
import io.gan4j.layers.DropoutMasks;
import io.gan4j.models.Gan;
import io.gan4j.models.Models;
import io.gan4j.options.Options;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The Trainer freezes the networks it is not updating (detached weights, no weight gradients, no
 * graph for the discriminator update's fakes unless they are reused in G's update). These tests
 * check that this changes nothing but the work done: the same weights after several steps as the
 * unfrozen loop (back-propagate into every network, zero the others' gradients) and as
 * PyTorch-style requires-grad toggling.
 */
class FreezingTest {

    private static final int STEPS = 4;

    /** How a reference loop keeps the other networks' weights out of an update. */
    private enum Reference { ZERO_GRADIENTS, TOGGLE_REQUIRES_GRAD }

    @ParameterizedTest
    @ValueSource(strings = {"vanilla", "acgan", "dcgan"})
    void freezingGivesBitForBitTheUpdatesOfTheUnfrozenLoop(String model) {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<float[]> frozen = train(model, null, manager);
            List<float[]> zeroed = train(model, Reference.ZERO_GRADIENTS, manager);
            List<float[]> toggled = train(model, Reference.TOGGLE_REQUIRES_GRAD, manager);
            List<float[]> initial = train(model, null, manager, 0);
            for (int i = 0; i < frozen.size(); i++) {
                assertArrayEquals(zeroed.get(i), frozen.get(i), "array " + i + " vs zeroing");
                assertArrayEquals(toggled.get(i), frozen.get(i), "array " + i + " vs toggling");
            }
            assertFalse(java.util.Arrays.equals(initial.get(0), frozen.get(0)), "training moved the weights");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vanilla", "acgan"})
    void aFrozenNetworkPassesGradientsToItsInputsButGetsNone(String model) {
        try (NDManager manager = NDManager.newBaseManager(); NDScope scope = new NDScope()) {
            Gan gan = gan(model, 4, manager);
            NDArray labels = manager.create(new long[] {0, 1, 2, 3});
            NDArray noise = gan.noise(manager, 4);
            gan.generator().setFrozen(true);
            gan.discriminator().setFrozen(true);
            NDArray image;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray fake = gan.generate(noise, labels, true);
                assertFalse(JniUtils.requiresGrad((PtNDArray) fake), "a frozen generator records no graph");
                image = fake.duplicate();
                image.setRequiresGradient(true);
                NDList out = gan.discriminator().forward(
                        model.equals("acgan") ? new NDList(image, labels) : new NDList(image.reshape(4, -1)), true);
                collector.backward(out.get(0).sum());
            } finally {
                gan.generator().setFrozen(false);
                gan.discriminator().setFrozen(false);
            }
            assertNotEquals(0f, image.getGradient().abs().sum().getFloat(), "the input got a gradient");
            for (Parameter p : gan.discriminator().trainableParameters()) {
                assertNull(JniUtils.getGradient((PtNDArray) p.getArray()), p.getName() + " got a gradient");
            }
        }
    }

    private static Gan gan(String model, int batch, NDManager manager) {
        TrainConfig c = config(model, batch);
        Engines.seed(c.get(Options.SEED));
        return Models.create(c, manager);
    }

    private static TrainConfig config(String model, int batch) {
        TrainConfig c = new TrainConfig();
        c.model = model;
        c.set(Options.SEED, 3L);
        c.set(Options.BATCH_SIZE, batch);
        c.set(Options.D_CONDITIONING, model.equals("acgan") ? "embed" : null);
        return Models.resolveForDigits(c);
    }

    private static List<float[]> train(String model, Reference reference, NDManager manager) {
        return train(model, reference, manager, STEPS);
    }

    /** Every parameter (running statistics included) after {@code steps} steps from the same seed and data. */
    private static List<float[]> train(String model, Reference reference, NDManager manager, int steps) {
        TrainConfig config = config(model, 6);
        Gan gan = gan(model, 6, manager);
        Map<String, Optimizer> optimizers = Trainer.optimizers(config, gan, manager);
        DataSource data = gan.realData(randomImages(), manager);
        for (long step = 0; step < steps; step++) {
            if (reference == null) {
                Trainer.trainStep(config, gan, optimizers, data, step, manager);
                continue;
            }
            try (NDManager stepManager = manager.newSubManager(); NDScope scope = new NDScope();
                    DropoutMasks.Step masks = DropoutMasks.openStep()) {
                Engines.seed(Trainer.stepSeed(config.get(Options.SEED), step));
                Batch real = data.batch(step, stepManager);
                update(gan, gan.discriminatorSide(), optimizers, () -> gan.discriminatorLoss(real), reference);
                update(gan, gan.generatorSide(), optimizers, () -> gan.generatorLoss(real), reference);
            }
        }
        List<float[]> arrays = new ArrayList<>();
        for (Network net : gan.networks()) {
            net.state().forEach(a -> arrays.add(a.toFloatArray()));
        }
        return arrays;
    }

    /**
     * The update without Network freezing, keeping out the networks Trainer.frozenDuring names: with
     * --reuse-fakes (dcgan's recipe; vanilla and acgan draw new fakes) that leaves G requiring
     * gradients during the D update, as in pytorch/examples' loop.
     */
    private static void update(Gan gan, List<Network> side, Map<String, Optimizer> optimizers, Supplier<StepLoss> loss,
            Reference reference) {
        List<Parameter> others = new ArrayList<>();
        gan.networks().stream().filter(n -> Trainer.frozenDuring(gan, side, n)).forEach(n -> others.addAll(n.trainableParameters()));
        boolean toggle = reference == Reference.TOGGLE_REQUIRES_GRAD;
        if (toggle) {
            others.forEach(p -> p.getArray().setRequiresGradient(false));
        }
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(loss.get().total());
        }
        if (toggle) {
            others.forEach(p -> p.getArray().setRequiresGradient(true));
        } else {
            others.forEach(p -> JniUtils.zeroGrad((PtNDArray) p.getArray()));
        }
        side.forEach(n -> optimizers.get(n.name()).step());
    }

    private static LabeledImages randomImages() {
        int count = 24;
        byte[] pixels = new byte[count * 28 * 28];
        new Random(5).nextBytes(pixels);
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 10);
        }
        return new LabeledImages(count, 28, 28, pixels, labels, "random");
    }
}
