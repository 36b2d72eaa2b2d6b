package io.gan4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;

/** What the dashboard pushes as a run directory changes on disk. */
class RunWatcherTest {

    @Test
    void pushesOnlyWhatIsNewAndCompleteThenReplaysAllOnReconnect(@TempDir Path run) throws IOException {
        RunWatcher watcher = new RunWatcher(3, run.resolve("r"));
        RunWatcher.Cursor page = new RunWatcher.Cursor();
        assertEquals("[]", watcher.poll().toString(), "nothing there yet: the run has not started");
        assertEquals("[config, metrics, samples]", names(events(watcher, page, List.of(RunWatcher.Change.values()))),
                "a page first gets a snapshot, even of nothing");
        Path dir = Files.createDirectories(run.resolve("r/samples"));
        Files.writeString(run.resolve("r/config.json"), "{\"model\":\"vanilla\",\"totalSteps\":20}");
        Files.writeString(run.resolve("r/metrics.jsonl"), "{\"step\":5,\"d_loss\":0.5}\n{\"step\":10,\"d_lo");
        Files.write(dir.resolve("step-0000000.png"), new byte[0]);
        Files.write(dir.resolve(".step-0000005.png123.tmp"), new byte[0]);

        List<RunWatcher.Event> events = events(watcher, page, watcher.poll());
        assertEquals("[config, metrics, samples]", names(events));
        assertTrue(events.get(0).data().contains("\"run\":3") && events.get(0).data().contains("\"totalSteps\":20")
                && events.get(0).data().contains("\"finished\":false"), events.get(0).data());
        assertEquals("{\"run\":3,\"reset\":false,\"lines\":[{\"step\":5,\"d_loss\":0.5}]}", events.get(1).data(),
                "a half-written line waits");
        assertEquals("{\"run\":3,\"reset\":false,\"steps\":[0]}", events.get(2).data(), "temporary files are not grids");
        assertEquals("[]", watcher.poll().toString());

        Files.writeString(run.resolve("r/metrics.jsonl"), "ss\":NaN}\n", StandardOpenOption.APPEND);
        Files.write(dir.resolve("step-0000010.png"), new byte[0]);
        Files.write(run.resolve("r/loss.png"), new byte[0]);
        events = events(watcher, page, watcher.poll());
        assertEquals("[config, metrics, samples]", names(events));
        assertTrue(events.get(0).data().contains("\"finished\":true"), "loss.png marks the end of the run");
        assertEquals("{\"run\":3,\"reset\":false,\"lines\":[{\"step\":10,\"d_loss\":null}]}", events.get(1).data(),
                "NaN, which the browser's JSON cannot read, becomes null");
        assertEquals("{\"run\":3,\"reset\":false,\"steps\":[10]}", events.get(2).data());

        List<RunWatcher.Event> snapshot = events(watcher, new RunWatcher.Cursor(), List.of(RunWatcher.Change.values()));
        assertEquals("[config, metrics, samples]", names(snapshot));
        assertTrue(snapshot.get(1).data().startsWith("{\"run\":3,\"reset\":true,\"lines\":[{\"step\":5"), snapshot.get(1).data());
        assertEquals("{\"run\":3,\"reset\":true,\"steps\":[0,10]}", snapshot.get(2).data());
    }

    @Test
    void aResumedRunsRewrittenMetricsAreSentAgainWhole(@TempDir Path run) throws IOException {
        Path metrics = run.resolve("metrics.jsonl");
        Files.writeString(metrics, "{\"step\":1}\n{\"step\":2}\n{\"step\":3}\n");
        RunWatcher watcher = new RunWatcher(0, run);
        RunWatcher.Cursor page = new RunWatcher.Cursor();
        events(watcher, page, watcher.poll());
        Path rewritten = run.resolve("new.jsonl");
        Files.writeString(rewritten, "{\"step\":1}\n{\"step\":2}\n");
        Files.move(rewritten, metrics, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        List<RunWatcher.Event> events = events(watcher, page, watcher.poll());
        assertEquals("{\"run\":0,\"reset\":true,\"lines\":[{\"step\":1},{\"step\":2}]}", events.get(0).data());
    }

    /** What a page at {@code cursor} is sent for these changes (as the dashboard's subscriber does). */
    static List<RunWatcher.Event> events(RunWatcher watcher, RunWatcher.Cursor cursor, java.util.Collection<RunWatcher.Change> changes) {
        List<RunWatcher.Event> events = new java.util.ArrayList<>();
        for (RunWatcher.Change change : changes) {
            RunWatcher.Event e = switch (change) {
                case CONFIG -> watcher.config();
                case METRICS -> watcher.metrics(cursor, 1000);
                case SAMPLES -> watcher.samples(cursor);
            };
            if (e != null) {
                events.add(e);
            }
        }
        return events;
    }

    private static String names(List<RunWatcher.Event> events) {
        return events.stream().map(RunWatcher.Event::name).collect(Collectors.toList()).toString();
    }
}
