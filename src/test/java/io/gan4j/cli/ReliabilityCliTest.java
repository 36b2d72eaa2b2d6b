package io.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/** Interop (export, sample --weights) and reliability (validation, divergence) as a user meets them. */
class ReliabilityCliTest {

    @RegisterExtension
    final Console console = new Console();

    @Test
    void anExportedGeneratorSamplesLikeItsCheckpoint(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("A");
        assertEquals(0, Main.execute("train", "acgan", "--d-conditioning", "embed", "--steps", "2", "--batch-size", "8",
                "--out", run.toString()), console.err());
        Path weights = tmp.resolve("G.safetensors");
        assertEquals(0, Main.execute("export", "--checkpoint", run.toString(), "--format", "safetensors",
                "--out", weights.toString()), console.err());
        assertEquals(0, Main.execute("export", "--checkpoint", run.toString(), "--net", "discriminator",
                "--out", tmp.resolve("D.safetensors").toString()), console.err());
        Path fromCheckpoint = tmp.resolve("a.csv");
        Path fromWeights = tmp.resolve("b.csv");
        assertEquals(0, Main.execute("sample", "--checkpoint", run.toString(), "--n", "20", "--format", "csv",
                "--out", fromCheckpoint.toString()), console.err());
        assertEquals(0, Main.execute("sample", "--weights", weights.toString(), "--model", "acgan", "--n", "20",
                "--format", "csv", "--out", fromWeights.toString()), console.err());
        assertEquals(Files.readString(fromCheckpoint), Files.readString(fromWeights));

        console.assertOneLineError(1, "sample needs --checkpoint DIR, or --weights FILE with --model NAME",
                "sample", "--weights", weights.toString(), "--format", "csv", "--out", tmp.resolve("c.csv").toString());
        console.assertOneLineError(1, "unexpected tensor 'emb.weight' for the vanilla generator",
                "sample", "--weights", weights.toString(), "--model", "vanilla", "--format", "csv", "--out", tmp.resolve("c.csv").toString());
        console.assertOneLineError(1, "not a valid safetensors file", "sample", "--weights", run.resolve("config.json").toString(),
                "--model", "acgan", "--format", "csv", "--out", tmp.resolve("c.csv").toString());
    }

    @Test
    void impossibleSettingsAreRejectedBeforeAnyWork(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        console.assertOneLineError(2, "--batch-size must be positive, not 0", "train", "dcgan", "--batch-size", "0", "--out", out.toString());
        console.assertOneLineError(2, "--image-size 48: dcgan's convolutional networks take [28, 32, 64, 128] only",
                "train", "dcgan", "--image-size", "48", "--out", out.toString());
        console.assertOneLineError(2, "--image-size: pattern does not train on images",
                "train", "pattern", "--image-size", "28", "--out", out.toString());
        console.assertOneLineError(2, "--on-divergence must be stop | rollback, not 'retry'",
                "train", "pattern", "--on-divergence", "retry", "--out", out.toString());
        console.assertOneLineError(1, "--batch-size 9000 is larger than the 8000 training images of mnist",
                "train", "vanilla", "--batch-size", "9000", "--out", out.toString());
        Path file = Files.writeString(tmp.resolve("file"), "x");
        console.assertOneLineError(1, "cannot write to the output directory " + file.resolve("run"),
                "train", "pattern", "--out", file.resolve("run").toString());
        assertFalse(Files.exists(out), "nothing left behind");
    }

    @Test
    void divergenceStopsWithTheStepAndLossOrRollsBackAtMostThreeTimes(@TempDir Path tmp) throws Exception {
        String[] huge = {"train", "vanilla", "--lr", "1e30", "--steps", "20", "--batch-size", "16", "--threads", "1"};
        console.assertOneLineError(1, "g_loss became NaN at step 1; training stopped; no checkpoint had been written yet",
                concat(huge, "--out", tmp.resolve("stop").toString()));

        Path run = tmp.resolve("rollback");
        console.reset();
        console.assertOneLineError(1, "training stopped after 3 rollbacks; the last good checkpoint is kept in "
                + run.resolve("checkpoints").resolve("latest"), concat(huge, "--on-divergence", "rollback", "--out", run.toString()));
        String out = console.out();
        for (String lr : new String[] {"5.00000e+29", "2.50000e+29", "1.25000e+29"}) {
            assertTrue(out.contains("rolled back to step 0, learning rates halved to G " + lr + " D " + lr), out);
        }
        assertEquals(0, Main.execute("sample", "--checkpoint", run.toString(), "--format", "csv", "--n", "2",
                "--out", tmp.resolve("s.csv").toString()), "the kept checkpoint loads: " + console.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
