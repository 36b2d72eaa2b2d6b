package io.gan4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import io.gan4j.Engines;
import io.gan4j.models.Gan;
import io.gan4j.models.Models;
import io.gan4j.options.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

class EmaTest {

    @Test
    void averagesWithAWarmedUpDecayAndSwapsTheAverageInOnlyForTheAction() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Network net = Network.create("g", Linear.builder().setUnits(1).optBias(false).build(), manager, new Shape(1, 1));
            NDArray w = net.trainableParameters().get(0).getArray();
            w.set(new float[] {0f});
            Ema ema = new Ema(net, 0.5f, manager);
            w.set(new float[] {10f});
            ema.update(0); // decay min(0.5, 1/10) = 0.1: 0.1·0 + 0.9·10
            assertEquals(9f, ema.state().get(0).getFloat(), 1e-6);
            ema.update(5); // decay min(0.5, 6/15) = 0.4: 0.4·9 + 0.6·10
            assertEquals(9.6f, ema.state().get(0).getFloat(), 1e-5);
            float seen = ema.withAverage(() -> w.getFloat());
            assertEquals(9.6f, seen, 1e-5);
            assertEquals(10f, w.getFloat(), "trained weight restored");
        }
    }

    /** The average is a bystander: training with and without it must move the weights identically. */
    @ParameterizedTest
    @ValueSource(strings = {"vanilla", "cgan"})
    void keepingAnAverageDoesNotChangeTraining(String model, @TempDir Path tmp) throws Exception {
        byte[][] generators = new byte[2][];
        float[] decays = {0f, 0.999f};
        for (int i = 0; i < 2; i++) {
            TrainConfig config = TrainerTest.config(model, 12);
            config.set(Options.EMA, decays[i]);
            config.set(Options.SAMPLE_EVERY, 4);
            Path run = tmp.resolve("run" + i);
            new Trainer(config, run, new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).run(false);
            generators[i] = java.nio.file.Files.readAllBytes(run.resolve("checkpoints/latest/generator.params"));
        }
        assertArrayEquals(generators[0], generators[1]);
    }

    @Test
    void samplingFromACheckpointUsesTheAveragedGenerator(@TempDir Path tmp) {
        TrainConfig config = TrainerTest.vanilla(3);
        config.set(Options.EMA, 0.999f);
        Path run = tmp.resolve("run");
        new Trainer(config, run, new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).run(false);
        Path checkpoint = Checkpoint.resolve(run);
        try (NDManager manager = NDManager.newBaseManager()) {
            Engines.seed(1);
            Gan gan = Models.create(Checkpoint.config(checkpoint), manager);
            Checkpoint.loadForSampling(checkpoint, gan, manager);
            float[] sampled = gan.generator().trainableParameters().get(0).getArray().toFloatArray();
            Engines.seed(1);
            Gan resumed = Models.create(Checkpoint.config(checkpoint), manager);
            Ema ema = new Ema(resumed.generator(), 0.999f, manager);
            Map<String, Adam> optimizers = new java.util.LinkedHashMap<>();
            for (Network net : resumed.networks()) {
                optimizers.put(net.name(), new Adam(net.trainableParameters(), manager, 1e-3f, 0.5f, 0.999f));
            }
            Checkpoint.loadForResume(checkpoint, resumed, optimizers, ema, manager);
            assertArrayEquals(ema.state().get(0).toFloatArray(), sampled);
            float[] trained = resumed.generator().trainableParameters().get(0).getArray().toFloatArray();
            assertEquals(false, java.util.Arrays.equals(trained, sampled), "the average differs from the trained weights");
        }
    }
}
