package io.gan4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.Gan4jException;
import io.gan4j.io.Json;
import io.gan4j.options.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/** A metrics line cut short (a disk that fills up mid-write, a kill -9 mid-append) does not block --resume. */
class TornMetricsTest {

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @Test
    void aWriteThatFailsHalfwayThenResume(@TempDir Path run) throws IOException {
        TrainConfig config = TrainerTest.config("pattern", 4);
        config.set(Options.LOG_EVERY, 1);
        assertEquals(4, new Trainer(config, run, QUIET).run(false));
        Path file = run.resolve("metrics.jsonl");
        // A full disk: the write gets half the line out, then fails.
        MetricsLog full = new MetricsLog(file, (f, line) -> {
            try {
                Files.writeString(f, line.substring(0, line.length() / 2), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            throw new Gan4jException("cannot write " + f + ": No space left on device");
        });
        full.add(5, 1, Map.of("d_loss", 0.25390625f, "g_loss", 1.5f));
        assertThrows(Gan4jException.class, full::flush);
        assertFalse(Files.readString(file).endsWith("\n"), "the stub left a torn line");

        resumeTo(run, 8);
    }

    @Test
    void halfALineAppendedByAKillThenResume(@TempDir Path run) throws IOException {
        TrainConfig config = TrainerTest.config("pattern", 4);
        config.set(Options.LOG_EVERY, 1);
        assertEquals(4, new Trainer(config, run, QUIET).run(false));
        Files.writeString(run.resolve("metrics.jsonl"), "{\"step\":5,\"epoch\":1,\"d_loss\":0.69,\"d_fa", StandardOpenOption.APPEND);

        resumeTo(run, 8);
    }

    /** Resumes to {@code steps}; every line then parses and the steps run 1..steps once each. */
    private static void resumeTo(Path run, long steps) throws IOException {
        TrainConfig more = Checkpoint.config(Checkpoint.resolve(run));
        more.set(Options.STEPS, steps);
        assertEquals(steps, new Trainer(more, run, QUIET).run(true));
        String text = Files.readString(run.resolve("metrics.jsonl"));
        assertTrue(text.endsWith("\n"), text);
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Map<?, ?> line = Json.LINE.fromJson(lines.get(i), Map.class);
            assertEquals(i + 1, ((Number) line.get("step")).intValue(), text);
        }
        assertEquals(steps, lines.size(), text);
        assertTrue(Files.exists(run.resolve("loss.png")));
    }
}
