package io.gan4j.training;

import io.gan4j.Gan4jException;
import io.gan4j.io.AtomicFiles;
import io.gan4j.io.Json;
import io.gan4j.io.JsonLines;
import io.gan4j.io.LossPlot;
import io.gan4j.options.Options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * metrics.jsonl: one JSON object per logged step with step, epoch, d_loss, g_loss and each loss
 * part, averaged over the steps since the previous line (a single step's loss is too noisy to
 * read), and the seconds since training started; a line every {@code logEvery} steps, at epoch
 * ends and at the end. loss.png plots it when the run ends.
 */
final class MetricsLog implements TrainingListener {

    /** Appends a line and its newline to a file (tests stand in a disk that fills up mid-write). */
    interface Appender {
        void append(Path file, String line);
    }

    private final Path file;
    private final Appender appender;
    private final long started = System.nanoTime();
    private final Map<String, Double> sums = new LinkedHashMap<>();
    private int count;
    private long lastStep;
    private long lastEpoch;

    MetricsLog(Path file) {
        this(file, AtomicFiles::appendLine);
    }

    MetricsLog(Path file, Appender appender) {
        this.file = file;
        this.appender = appender;
    }

    @Override
    public void onTrainingBegin(TrainingContext context) {
        if (context.startStep() > 0) {
            truncateAfter(context.startStep());
        }
    }

    @Override
    public void onStep(StepEvent event) {
        add(event.step(), event.epoch(), event.losses());
        if (event.every(event.context().config().get(Options.LOG_EVERY)) || event.epochEnd() || event.last()) {
            flush();
        }
    }

    @Override
    public void onRollback(TrainingContext context, long step) {
        flush();
        truncateAfter(step);
    }

    @Override
    public void onTrainingEnd(TrainingContext context, TrainingEnd end) {
        if (end.reason() != TrainingEnd.Reason.FAILED) {
            flush();
        }
        if (end.reason() == TrainingEnd.Reason.COMPLETED || end.reason() == TrainingEnd.Reason.STOPPED) {
            LossPlot.write(file, context.outputDir().resolve("loss.png"));
        }
    }

    /**
     * Appends an event line {@code {"step": S, "event": KIND, "message": TEXT}} at once (the
     * dashboard lists them; loss.png and the loss averages ignore them).
     */
    void event(long step, String kind, String message) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", step);
        line.put("event", kind);
        line.put("message", message);
        AtomicFiles.appendLine(file, Json.LINE.toJson(line));
    }

    void add(long step, long epoch, Map<String, Float> losses) {
        losses.forEach((k, v) -> sums.merge(k, (double) v, Double::sum));
        count++;
        lastStep = step;
        lastEpoch = epoch;
    }

    /** Appends the averages gathered since the last line. */
    void flush() {
        if (count == 0) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", lastStep);
        line.put("epoch", lastEpoch);
        sums.forEach((k, v) -> line.put(k, v / count));
        line.put("time_s", Math.round((System.nanoTime() - started) / 1e6) / 1e3);
        appender.append(file, Json.LINE.toJson(line));
        sums.clear();
        count = 0;
    }

    /**
     * On resume: drops lines logged after the checkpoint, which the resumed run logs again, and a
     * torn last line (a write cut short by a full disk or a kill), which the next append would
     * otherwise run into.
     */
    void truncateAfter(long step) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            List<String> kept = JsonLines.complete(file).stream()
                    .filter(l -> Json.LINE.fromJson(l, Map.class).get("step") instanceof Number n
                            && n.longValue() <= step)
                    .collect(Collectors.toList());
            AtomicFiles.writeString(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
        } catch (IOException | RuntimeException e) {
            throw new Gan4jException(file + ": cannot read metrics to resume (" + e.getMessage() + ")", e);
        }
    }
}
