package io.gan4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.Gan4jException;
import io.gan4j.models.Models;
import io.gan4j.options.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

class HealthMonitorTest {

    /** Runs {@code c}; returns the console's text. */
    private static String train(TrainConfig c, Path out) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new Trainer(c, out, new PrintStream(console, true, StandardCharsets.UTF_8)).run(false);
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dHasWonAndCollapseFireOnAVanillaGanWhoseDLearnsAThousandTimesFaster(@TempDir Path tmp) throws Exception {
        TrainConfig c = TrainerTest.config("vanilla", HealthMonitor.COLLAPSE_FROM);
        c.set(Options.LR_D, 1e-3f);
        c.set(Options.LR_G, 1e-6f);
        String console = train(c, tmp);
        assertTrue(console.contains("D has won"), console);
        String metrics = Files.readString(tmp.resolve("metrics.jsonl"));
        assertTrue(metrics.contains("\"event\":\"d_has_won\""), metrics);
        assertTrue(console.contains("warning at step 250: the samples have collapsed"), console);
        assertTrue(metrics.contains("{\"step\":250,\"event\":\"collapse\""), metrics);
    }

    @Test
    void aHealthyAcganRunRaisesNoWarning(@TempDir Path tmp) throws Exception {
        TrainConfig c = TrainerTest.config("acgan", 110);
        c.set(Options.BATCH_SIZE, 16);
        String console = train(c, tmp);
        assertFalse(console.contains("warning"), console);
        assertFalse(Files.readString(tmp.resolve("metrics.jsonl")).contains("\"event\""));
    }

    @Test
    void aFiniteBlowUpStopsTrainingBeforeAnyCheckpoint(@TempDir Path tmp) {
        TrainConfig c = TrainerTest.config("dcgan", 30);
        c.set(Options.LR_G, 50f);
        c.set(Options.LR_D, 50f);
        Gan4jException e = assertThrows(Gan4jException.class, () -> train(c, tmp));
        assertTrue(e.getMessage().contains("blew up"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("checkpoints")), "no checkpoint of the blown-up weights");
    }

    @Test
    void aFiniteBlowUpRollsBackWhenAsked(@TempDir Path tmp) {
        TrainConfig c = TrainerTest.config("vanilla-tutorial", 40);
        c.set(Options.LR_G, 50f);
        c.set(Options.LR_D, 50f);
        c.set(Options.ON_DIVERGENCE, "rollback");
        Gan4jException e = assertThrows(Gan4jException.class, () -> train(c, tmp));
        assertTrue(e.getMessage().contains("after " + Trainer.MAX_ROLLBACKS + " rollbacks"), e.getMessage());
        assertEquals(50f / 8, Checkpoint.config(tmp).get(Options.LR_G), "three halvings were tried");
    }

    @Test
    void shortHealthyRunsOfEveryModelAreNotStopped(@TempDir Path tmp) {
        for (String model : Models.all().keySet()) {
            TrainConfig c = TrainerTest.config(model, 8);
            c.set(Options.BATCH_SIZE, 8);
            if ("pix2pix".equals(model)) {
                c.set(Options.BASE_CHANNELS, 8);
            }
            assertEquals(8, new Trainer(c, tmp.resolve(model), new PrintStream(new ByteArrayOutputStream())).run(false), model);
        }
    }

    /** Feeds the monitor's blow-up rule a loss sequence; returns the divergence message or null. */
    private static String blowUp(String model, float... dLosses) {
        TrainConfig c = TrainerTest.config(model, 1000);
        TrainingContext context = new TrainingContext(c, null, null, null, null, null, null, null, 100, 1000, 0);
        HealthMonitor monitor = new HealthMonitor(null, null);
        monitor.onTrainingBegin(context);
        for (int i = 0; i < dLosses.length; i++) {
            StepEvent event = new StepEvent(context, i + 1, Map.of("d_loss", dLosses[i]));
            monitor.onStep(event);
            if (event.divergence() != null) {
                return event.divergence();
            }
        }
        return null;
    }

    @Test
    void blowUpRulesFollowTheLossFamily() {
        // A vanilla G's loss may sit at 13 and a critic's swing in the hundreds: not blow-ups.
        assertNull(blowUp("vanilla", 0.7f, 2f, 13f, 13f, 40f, 13f));
        assertNull(blowUp("wgan-gp", -5f, 20f, -300f, 800f, -2000f));
        // A BCE loss in the thousands is one; a critic's only far above its own level.
        assertNotNull(blowUp("vanilla", 0.7f, 0.9f, 2000f));
        assertNull(blowUp("wgan-gp", -5f, 20f, 2000f));
        String message = blowUp("wgan-gp", -5f, 20f, 300f, 2e6f);
        assertNotNull(message);
        assertTrue(message.contains("d_loss blew up") && message.contains("step 4"), message);
        // The pattern GAN's MSE on probabilities is bounded: no rule to break.
        assertNull(blowUp("pattern", 0.25f, 1e9f));
    }

    @Test
    void meanPairwiseDistanceOfKnownPoints() {
        // (0,0), (3,4), (6,8): distances 5, 10, 5.
        assertEquals(20.0 / 3, HealthMonitor.meanPairwiseDistance(new float[] {0, 0, 3, 4, 6, 8}, 3), 1e-9);
        assertEquals(0, HealthMonitor.meanPairwiseDistance(new float[] {1, 2, 1, 2}, 2), 1e-9);
    }

    @Test
    void aListenerSeesEveryStepsLossesAndCanStopTraining(@TempDir Path tmp) throws Exception {
        Map<Long, Float> seen = new LinkedHashMap<>();
        TrainingListener stopAt7 = new TrainingListener() {
            @Override
            public void onStep(StepEvent event) {
                seen.put(event.step(), event.loss("g_loss"));
                if (event.step() == 7) {
                    event.requestStop("enough");
                }
            }
        };
        TrainConfig c = TrainerTest.config("vanilla", 50);
        long last = new Trainer(c, tmp, new PrintStream(new ByteArrayOutputStream())).addListener(stopAt7).run(false);
        assertEquals(7, last);
        assertEquals(java.util.List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), java.util.List.copyOf(seen.keySet()));
        assertTrue(seen.values().stream().allMatch(v -> Float.isFinite(v) && v > 0));
        assertEquals(7, io.gan4j.io.Json.read(tmp.resolve("checkpoints/latest/state.json"), com.google.gson.JsonObject.class)
                .get("step").getAsLong(), "a checkpoint of the step it stopped at");
        assertTrue(Files.exists(tmp.resolve("loss.png")) && Files.exists(tmp.resolve("progress.gif")));
    }
}
