package io.gan4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.gan4j.Runtime;
import io.gan4j.data.Datasets;
import io.gan4j.data.Split;
import io.gan4j.models.Gan;
import io.gan4j.models.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class TrainerTest {

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    static TrainConfig vanilla(long steps) {
        TrainConfig c = new TrainConfig();
        c.model = "vanilla";
        c.seed = 7L;
        c.steps = steps;
        c.batchSize = 32;
        return Models.resolve(c);
    }

    private static byte[] latest(Path run, String file) throws Exception {
        return Files.readAllBytes(run.resolve("checkpoints/latest").resolve(file));
    }

    @Test
    void resumingAfter100StepsGivesTheSameWeightsAs200UninterruptedSteps(@TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        Path resumed = tmp.resolve("resumed");
        assertEquals(200, new Trainer(vanilla(200), straight, QUIET).run(false));
        assertEquals(100, new Trainer(vanilla(100), resumed, QUIET).run(false));
        byte[] halfway = latest(resumed, "generator.params");
        TrainConfig more = Checkpoint.config(Checkpoint.resolve(resumed));
        more.steps = 200L;
        assertEquals(200, new Trainer(more, resumed, QUIET).run(true));

        assertFalse(java.util.Arrays.equals(halfway, latest(resumed, "generator.params")), "resume trained on");
        for (String file : List.of("generator.params", "discriminator.params", "generator.adam", "discriminator.adam")) {
            assertArrayEquals(latest(straight, file), latest(resumed, file), file);
        }
        assertEquals(Files.readAllLines(straight.resolve("metrics.jsonl")).size(),
                Files.readAllLines(resumed.resolve("metrics.jsonl")).size());
    }

    @Test
    void eachUpdateMovesOnlyItsOwnNetwork() {
        TrainConfig config = vanilla(1);
        config.imageShape = new int[] {1, 28, 28};
        try (NDManager manager = NDManager.newBaseManager()) {
            Runtime.seed(3);
            Gan gan = Models.create(config, manager);
            Map<String, Adam> optimizers = new LinkedHashMap<>();
            for (Network net : gan.networks()) {
                optimizers.put(net.name(), new Adam(net.trainableParameters(), manager, 1e-2f, 0.5f, 0.999f));
            }
            DataSource data = gan.realData(Datasets.load("mnist", Split.TRAIN), manager);
            Batch real = data.batch(0, manager);
            Map<String, Float> logged = new LinkedHashMap<>();

            float[][] g0 = snapshot(gan.generator());
            float[][] d0 = snapshot(gan.discriminator());
            Trainer.update(gan, gan.discriminatorSide(), optimizers, () -> gan.discriminatorLoss(real), "d_loss", logged, 0);
            assertUnchanged(g0, snapshot(gan.generator()));
            assertChanged(d0, snapshot(gan.discriminator()));

            float[][] d1 = snapshot(gan.discriminator());
            Trainer.update(gan, gan.generatorSide(), optimizers, () -> gan.generatorLoss(real), "g_loss", logged, 0);
            assertUnchanged(d1, snapshot(gan.discriminator()));
            assertChanged(g0, snapshot(gan.generator()));
            assertTrue(logged.keySet().containsAll(List.of("d_loss", "d_real", "d_fake", "g_loss")), logged.toString());
        }
    }

    private static float[][] snapshot(Network net) {
        NDList state = net.state();
        float[][] values = new float[state.size()][];
        for (int i = 0; i < state.size(); i++) {
            values[i] = state.get(i).toFloatArray();
        }
        return values;
    }

    private static void assertUnchanged(float[][] before, float[][] after) {
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], after[i], "array " + i);
        }
    }

    private static void assertChanged(float[][] before, float[][] after) {
        for (int i = 0; i < before.length; i++) {
            assertFalse(java.util.Arrays.equals(before[i], after[i]), "array " + i + " did not move");
        }
    }

    @Test
    void stepSeedsDifferPerStepAndRun() {
        assertFalse(Trainer.stepSeed(1, 0) == Trainer.stepSeed(1, 1));
        assertFalse(Trainer.stepSeed(1, 0) == Trainer.stepSeed(2, 0));
        assertEquals(Trainer.stepSeed(5, 9), Trainer.stepSeed(5, 9));
    }

    @Test
    void writesTheRunLayout(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        TrainConfig config = vanilla(10);
        config.sampleEvery = 5;
        new Trainer(config, run, QUIET).run(false);
        for (String f : List.of("config.json", "metrics.jsonl", "progress.gif", "samples/step-0000000.png",
                "samples/step-0000005.png", "samples/step-0000010.png", "checkpoints/latest/state.json")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        String first = Files.readAllLines(run.resolve("metrics.jsonl")).get(0);
        for (String key : List.of("\"step\":10", "\"epoch\":1", "\"d_loss\"", "\"g_loss\"", "\"d_real\"", "\"d_fake\"", "\"time_s\"")) {
            assertTrue(first.contains(key), key + " in " + first);
        }
    }
}
