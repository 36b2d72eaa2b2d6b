package io.gan4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.gan4j.models.Gan;
import io.gan4j.models.InfoGan;
import io.gan4j.models.Models;
import io.gan4j.options.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class TrainerTest {

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    static TrainConfig vanilla(long steps) {
        return config("vanilla", steps);
    }

    static TrainConfig config(String model, long steps) {
        TrainConfig c = new TrainConfig();
        c.model = model;
        c.set(Options.SEED, 7L);
        c.set(Options.STEPS, steps);
        c.set(Options.BATCH_SIZE, 32);
        return Models.resolve(c);
    }

    private static TrainConfig withEma(TrainConfig c) {
        c.set(Options.EMA, 0.999f);
        return c;
    }

    private static byte[] latest(Path run, String file) throws Exception {
        return Files.readAllBytes(run.resolve("checkpoints/latest").resolve(file));
    }

    @Test
    void resumingAfter100StepsGivesTheSameWeightsAs200UninterruptedSteps(@TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        Path resumed = tmp.resolve("resumed");
        assertEquals(200, new Trainer(withEma(vanilla(200)), straight, QUIET).run(false));
        assertEquals(100, new Trainer(withEma(vanilla(100)), resumed, QUIET).run(false));
        byte[] halfway = latest(resumed, "generator.params");
        TrainConfig more = Checkpoint.config(Checkpoint.resolve(resumed));
        more.set(Options.STEPS, 200L);
        assertEquals(200, new Trainer(more, resumed, QUIET).run(true));

        assertFalse(java.util.Arrays.equals(halfway, latest(resumed, "generator.params")), "resume trained on");
        for (String file : List.of("generator.params", "discriminator.params", "generator.adam", "discriminator.adam",
                Ema.FILE)) {
            assertArrayEquals(latest(straight, file), latest(resumed, file), file);
        }
        assertEquals(Files.readAllLines(straight.resolve("metrics.jsonl")).size(),
                Files.readAllLines(resumed.resolve("metrics.jsonl")).size());
    }

    /** With 5 critic updates per step (each on its own batch), resuming is exact too. */
    @Test
    void resumeIsExactWithSeveralCriticUpdatesPerStep(@TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        Path resumed = tmp.resolve("resumed");
        TrainConfig four = config("wgan-gp", 4);
        four.set(Options.BATCH_SIZE, 8);
        new Trainer(four, straight, QUIET).run(false);
        TrainConfig two = config("wgan-gp", 2);
        two.set(Options.BATCH_SIZE, 8);
        new Trainer(two, resumed, QUIET).run(false);
        TrainConfig more = Checkpoint.config(Checkpoint.resolve(resumed));
        more.set(Options.STEPS, 4L);
        new Trainer(more, resumed, QUIET).run(true);
        for (String file : List.of("generator.params", "discriminator.params", "generator.adam", "discriminator.adam")) {
            assertArrayEquals(latest(straight, file), latest(resumed, file), file);
        }
        String adamSteps = Files.readString(straight.resolve("checkpoints/latest/state.json"));
        assertTrue(adamSteps.replace(" ", "").contains("\"discriminator\":20"), "4 steps x 5 critic updates: " + adamSteps);
    }

    /** SGD's momentum buffers and RMSprop's square averages travel in the checkpoint: resuming is exact. */
    @ParameterizedTest
    @CsvSource({"sgd, 0.9", "rmsprop, 0"})
    void resumeIsExactWithEveryOptimizersState(String optimizer, float momentum, @TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        Path resumed = tmp.resolve("resumed");
        new Trainer(withOptimizer(config("pattern", 40), optimizer, momentum), straight, QUIET).run(false);
        new Trainer(withOptimizer(config("pattern", 20), optimizer, momentum), resumed, QUIET).run(false);
        TrainConfig more = Checkpoint.config(Checkpoint.resolve(resumed));
        more.set(Options.STEPS, 40L);
        new Trainer(more, resumed, QUIET).run(true);
        for (String file : List.of("generator.params", "discriminator.params", "generator." + optimizer,
                "discriminator." + optimizer)) {
            assertArrayEquals(latest(straight, file), latest(resumed, file), file);
        }
        assertTrue(Files.size(straight.resolve("checkpoints/latest/generator." + optimizer)) > 0);
    }

    private static TrainConfig withOptimizer(TrainConfig c, String optimizer, float momentum) {
        c.set(Options.OPTIMIZER, optimizer);
        c.set(Options.MOMENTUM, momentum);
        return c;
    }

    @Test
    void stepSeedsDifferPerStepAndRun() {
        assertFalse(Trainer.stepSeed(1, 0) == Trainer.stepSeed(1, 1));
        assertFalse(Trainer.stepSeed(1, 0) == Trainer.stepSeed(2, 0));
        // splitmix64 of seed·0x9E3779B97F4A7C15 + step + 1, computed independently (Python, unbounded integers)
        assertEquals(-2650833567230059320L, Trainer.stepSeed(5, 9));
        assertEquals(6238072747940578789L, Trainer.stepSeed(0, 0));
    }

    @Test
    void writesTheRunLayout(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        TrainConfig config = vanilla(10);
        config.set(Options.SAMPLE_EVERY, 5);
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

    /** Networks on the discriminator's side learn at its rate (InfoGAN's Q, on both sides, too), the others at G's. */
    @Test
    void eachNetworkLearnsAtItsSidesRate() {
        TrainConfig c = new TrainConfig();
        c.model = "infogan";
        Models.resolveForDigits(c);
        try (NDManager manager = NDManager.newBaseManager()) {
            InfoGan gan = (InfoGan) Models.create(c, manager);
            Map<String, Optimizer> optimizers = Trainer.optimizers(c, gan, manager);
            for (Network net : gan.networks()) {
                float expected = gan.discriminatorSide().contains(net) ? c.get(Options.LR_D) : c.get(Options.LR_G);
                assertEquals(expected, optimizers.get(net.name()).learningRate(), net.name());
            }
            assertEquals(1e-3f, optimizers.get(gan.generator().name()).learningRate(), "G");
            assertEquals(2e-4f, optimizers.get(gan.q().name()).learningRate(), "Q");
            assertEquals(2e-4f, optimizers.get(gan.discriminator().name()).learningRate(), "D");
        }
    }

    /** --lr-decay: constant, then linear to 1/n at the last step; off when 0 or unset. */
    @Test
    void learningRatesFallLinearlyOverTheLastShareOfTheRun() {
        TrainConfig c = new TrainConfig();
        c.totalSteps = 100L;
        c.set(Options.LR_DECAY, 0.25f);
        assertEquals(1f, Trainer.learningRateFactor(c, 0));
        assertEquals(1f, Trainer.learningRateFactor(c, 75));
        assertEquals(24f / 25, Trainer.learningRateFactor(c, 76), 1e-7);
        assertEquals(0.5f, Trainer.learningRateFactor(c, 88), 0.05f);
        assertEquals(1f / 25, Trainer.learningRateFactor(c, 99), 1e-7);
        c.set(Options.LR_DECAY, 0f);
        assertEquals(1f, Trainer.learningRateFactor(c, 99));
        c.set(Options.LR_DECAY, null);
        assertEquals(1f, Trainer.learningRateFactor(c, 99));
    }
}
