package io.gan4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDManager;
import io.gan4j.Engines;
import io.gan4j.data.Datasets;
import io.gan4j.data.LabeledImages;
import io.gan4j.data.Split;
import io.gan4j.models.Gan;
import io.gan4j.models.ModelSpec;
import io.gan4j.models.Models;
import io.gan4j.options.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Exact resume for every model of the registry: 4 training steps in one go against 2 steps, a
 * checkpoint, a fresh process state (new manager, model and optimizers, the checkpoint loaded as
 * {@code --resume} loads it) and 2 more; every checkpoint file (weights, running statistics, Adam
 * moments and step counts) must be byte-identical. The learning-rate decay (infogan's and sgan's
 * recipes have {@code --lr-decay 1/3}) is a function of the step and the run's length, so resuming
 * is exact only when the length is unchanged: every model here decays over its whole run
 * ({@code --lr-decay 1}, so that both halves use the schedule), both halves know the run has 4 steps,
 * and {@link #aChangedRunLengthChangesADecayingRun} pins the condition itself.
 */
class ResumeEveryModelTest {

    private static final int STEPS = 4;
    private static final int HALF = 2;

    static Stream<String> models() {
        return Models.all().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("models")
    void resumingHalfwayGivesTheUninterruptedRunsCheckpoint(String model, @TempDir Path tmp) {
        Path straight = tmp.resolve("straight");
        Path half = tmp.resolve("half");
        Path resumed = tmp.resolve("resumed");
        train(model, STEPS, 0, STEPS, null, straight);
        train(model, STEPS, 0, HALF, null, half);
        train(model, STEPS, HALF, STEPS, half, resumed);
        assertSameFiles(straight, resumed);
        assertFalse(Arrays.equals(read(half.resolve("generator.params")), read(resumed.resolve("generator.params"))),
                "the resumed run trained on");
    }

    /** The condition: a decaying run resumed with another run length (--steps) departs from the uninterrupted run. */
    @Test
    void aChangedRunLengthChangesADecayingRun(@TempDir Path tmp) {
        Path straight = tmp.resolve("straight");
        Path half = tmp.resolve("half");
        Path resumed = tmp.resolve("resumed");
        train("vanilla", STEPS, 0, STEPS, null, straight);
        train("vanilla", HALF, 0, HALF, null, half); // a run of 2 steps, then extended to 4
        train("vanilla", STEPS, HALF, STEPS, half, resumed);
        assertFalse(Arrays.equals(read(straight.resolve("generator.params")), read(resumed.resolve("generator.params"))),
                "with the lr decaying over the whole run, a 2-step run's second step differs from a 4-step run's");
    }

    /**
     * {@code --precision bf16} (the convolutions in bfloat16) resumes exactly too, and changes the run: its
     * convolutions round otherwise than float32's.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dcgan", "acgan", "wgan-gp", "pix2pix"})
    void bfloat16RunsResumeExactly(String model, @TempDir Path tmp) {
        Path straight = tmp.resolve("straight");
        Path half = tmp.resolve("half");
        Path resumed = tmp.resolve("resumed");
        Path fp32 = tmp.resolve("fp32");
        train(model, "bf16", STEPS, 0, STEPS, null, straight);
        train(model, "bf16", STEPS, 0, HALF, null, half);
        train(model, "bf16", STEPS, HALF, STEPS, half, resumed);
        assertSameFiles(straight, resumed);
        train(model, "fp32", STEPS, 0, STEPS, null, fp32);
        assertFalse(Arrays.equals(read(straight.resolve("generator.params")), read(fp32.resolve("generator.params"))),
                "bfloat16 changed the run");
    }

    private static void train(String model, long total, long from, long to, Path resumeFrom, Path out) {
        train(model, "fp32", total, from, to, resumeFrom, out);
    }

    /** The trainer's set-up (Trainer.run), then steps [from, to) of a run of {@code total} steps; saves a checkpoint. */
    private static void train(String model, String precision, long total, long from, long to, Path resumeFrom, Path out) {
        TrainConfig c = config(model);
        c.set(Options.PRECISION, precision);
        ModelSpec spec = Models.get(model);
        try (NDManager manager = NDManager.newBaseManager()) {
            LabeledImages images = spec.usesImages() ? Datasets.load(c.get(Options.DATA), Split.TRAIN) : null;
            if (images != null) {
                c.imageShape = new int[] {1, images.rows(), images.cols()};
                c.numClasses = images.numClasses();
            }
            Engines.seed(c.get(Options.SEED));
            Gan gan = Models.create(c, manager);
            Map<String, Optimizer> optimizers = Trainer.optimizers(c, gan, manager);
            DataSource data = gan.realData(images, manager);
            c.totalSteps = total;
            long step = resumeFrom == null ? 0 : Checkpoint.loadForResume(resumeFrom, gan, optimizers, null, manager);
            assertEquals(from, step);
            for (; step < to; step++) {
                Trainer.trainStep(c, gan, optimizers, data, step, manager);
            }
            Checkpoint.save(out, c, step, gan, optimizers, null);
        }
    }

    /** The model's recipe, small: batch 8 (sgan: 20 labels), pix2pix with 8 base channels; lr decay over the whole run. */
    private static TrainConfig config(String model) {
        TrainConfig c = new TrainConfig();
        c.model = model;
        c.set(Options.SEED, 11L);
        c.set(Options.BATCH_SIZE, model.equals("pattern") ? 1 : 8);
        c.set(Options.LR_DECAY, 1f);
        if (model.equals("sgan")) {
            c.set(Options.LABELLED, 20);
        }
        if (model.equals("pix2pix")) {
            c.set(Options.BASE_CHANNELS, 8);
        }
        return Models.resolve(c);
    }

    private static void assertSameFiles(Path expected, Path actual) {
        List<String> names = list(expected);
        assertEquals(names, list(actual));
        for (String name : names) {
            assertArrayEquals(read(expected.resolve(name)), read(actual.resolve(name)), name);
        }
    }

    private static List<String> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
