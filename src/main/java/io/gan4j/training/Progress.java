package io.gan4j.training;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * Shows training progress: a progress bar with ETA and the current losses on a terminal, a plain
 * log line every few seconds otherwise (CI logs, redirected output).
 */
final class Progress implements TrainingListener {

    private static final long PLAIN_INTERVAL_NANOS = 10_000_000_000L;

    private ProgressBar bar;
    private PrintStream out;
    private long total;
    private long first;
    private long started;
    private long lastPrinted;

    @Override
    public void onTrainingBegin(TrainingContext context) {
        out = context.console();
        total = context.totalSteps();
        first = context.startStep();
        started = System.nanoTime();
        lastPrinted = started;
        bar = System.console() == null ? null
                : new ProgressBarBuilder().setTaskName(context.config().model).setInitialMax(total)
                        .startsFrom(first, Duration.ZERO).setUpdateIntervalMillis(500).build();
    }

    @Override
    public void onStep(StepEvent event) {
        Map<String, Float> losses = event.losses();
        update(event.step(), losses.containsKey("g_loss")
                ? String.format("D %.4f G %.4f", losses.get("d_loss"), losses.get("g_loss"))
                : String.format("D %.4f", losses.get("d_loss")));
    }

    private void update(long step, String losses) {
        if (bar != null) {
            bar.stepTo(step);
            bar.setExtraMessage(losses);
            return;
        }
        long now = System.nanoTime();
        if (now - lastPrinted >= PLAIN_INTERVAL_NANOS || step == total) {
            lastPrinted = now;
            double seconds = (now - started) / 1e9;
            double eta = seconds / Math.max(1, step - first) * (total - step);
            out.printf("step %d/%d  %s  (%.0f s, eta %.0f s)%n", step, total, losses, seconds, eta);
        }
    }

    @Override
    public void onTrainingEnd(TrainingContext context, TrainingEnd end) {
        if (bar != null) {
            bar.close();
        }
    }
}
