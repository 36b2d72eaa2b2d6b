package io.gan4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.gan4j.Engines;
import io.gan4j.models.Gan;
import io.gan4j.models.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Real child JVMs killed during a save (kill -9) and stopped during training (SIGINT, SIGTERM). */
class CrashTest {

    private static final long TIMEOUT_MS = 120_000;

    /**
     * GNU env resets SIGINT to its default: a JVM started from a background job (mvn test &) inherits it
     * ignored, and then Ctrl-C could not reach gan4j at all.
     */
    private static final String DEFAULT_INT = "--default-signal=INT";

    @Test
    void aCheckpointSaveKilledMidwayLeavesThePreviousOneLoadable(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Path log = tmp.resolve("out.txt");
        Process child = start(log, DEFAULT_INT, SaveLoop.class.getName(), run.toString());
        Path checkpoints = run.resolve("checkpoints");
        boolean killedMidSave = false;
        try {
            waitFor(() -> read(log).contains("saved 1"), child, "the first save");
            // Kill as soon as the next save's temporary directory is seen: the save is under way.
            waitFor(() -> temporaries(checkpoints).stream().anyMatch(n -> n.startsWith(".latest.new-")), child, "a save in progress");
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
            killedMidSave = true;
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        }
        long lastSaved = lastNumber(read(log), "saved (\\d+)");
        assertTrue(killedMidSave && lastSaved >= 1);

        TrainConfig config = SaveLoop.config();
        try (NDManager manager = Engines.newManager("cpu")) {
            Gan gan = Models.create(config, manager);
            long step = Checkpoint.loadForResume(Checkpoint.resolve(run), gan, SaveLoop.optimizers(gan, manager), null, manager);
            // The save that was killed may have finished its rename just before the kill landed.
            assertTrue(step == lastSaved || step == lastSaved + 1, "loaded step " + step + ", last reported " + lastSaved);
            // The next save clears what the killed one left.
            Checkpoint.save(checkpoints.resolve(Checkpoint.LATEST), config, step + 1, gan, SaveLoop.optimizers(gan, manager), null);
        }
        assertEquals(List.of(), temporaries(checkpoints));
    }

    @Test
    void ctrlCSavesACheckpointAndExitsWith130(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Path log = tmp.resolve("out.txt");
        Process child = train(log, run, DEFAULT_INT);
        try {
            // A metrics line means the loop runs, so the Ctrl-C handler is in place.
            waitFor(() -> Files.exists(run.resolve("metrics.jsonl")), child, "training to start");
            new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start().waitFor();
            assertTrue(child.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS), "exits after Ctrl-C: " + read(log));
        } finally {
            child.destroyForcibly();
        }
        assertStoppedWithACheckpoint(child, 130, read(log), run);
    }

    /**
     * A background job of a script: SIGINT ignored, which is reported at start; SIGTERM (docker
     * stop, Slurm, Kubernetes) saves a checkpoint at the step reached and exits 143.
     */
    @Test
    void sigtermSavesACheckpointAndExitsWith143AndAnIgnoredSigintIsReported(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Path log = tmp.resolve("out.txt");
        Process child = train(log, run, "--ignore-signal=INT");
        try {
            waitFor(() -> Files.exists(run.resolve("metrics.jsonl")), child, "training to start");
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS), "exits after SIGTERM: " + read(log));
        } finally {
            child.destroyForcibly();
        }
        String out = read(log);
        assertTrue(out.contains("warning: SIGINT is ignored in this process"), out);
        assertStoppedWithACheckpoint(child, 143, out, run);
    }

    private static Process train(Path log, Path run, String signalOption) throws IOException {
        return start(log, signalOption, "io.gan4j.cli.Main", "train", "vanilla", "--steps", "100000", "--batch-size", "16",
                "--log-every", "1", "--threads", "1", "--out", run.toString());
    }

    /** Exit status, the reported step and the checkpoint's step agree. */
    private static void assertStoppedWithACheckpoint(Process child, int status, String out, Path run) throws IOException {
        assertEquals(status, child.exitValue(), out);
        long step = lastNumber(out, "interrupted at step (\\d+); checkpoint saved; resume with \\./gan4j train --resume "
                + Pattern.quote(run.toString()));
        assertTrue(step < 100000, out);
        String state = Files.readString(run.resolve("checkpoints/latest/state.json"));
        assertTrue(state.contains("\"step\": " + step + ","), state);
    }

    /** A child JVM under GNU env with {@code signalOption} (its SIGINT reset or ignored). */
    private static Process start(Path log, String signalOption, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", signalOption,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    private static void waitFor(Condition condition, Process child, String what) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!condition.holds()) {
            assertTrue(child.isAlive(), "child ended before " + what);
            assertTrue(System.currentTimeMillis() < deadline, "timed out waiting for " + what);
            Thread.sleep(1);
        }
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static List<String> temporaries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    private static long lastNumber(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        assertTrue(last >= 0, "no match for " + regex + " in: " + text);
        return last;
    }
}
