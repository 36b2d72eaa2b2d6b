package io.gan4j.training;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Shows training progress: a progress bar with ETA and the current losses on a terminal, a plain
 * log line every few seconds otherwise (CI logs, redirected output).
 */
final class Progress implements AutoCloseable {

    private static final long PLAIN_INTERVAL_NANOS = 10_000_000_000L;

    private final ProgressBar bar;
    private final PrintStream out;
    private final long total;
    private final long first;
    private final long started = System.nanoTime();
    private long lastPrinted = started;

    Progress(String task, long first, long total, PrintStream out) {
        this.out = out;
        this.total = total;
        this.first = first;
        this.bar = System.console() == null ? null
                : new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                        .startsFrom(first, Duration.ZERO).setUpdateIntervalMillis(500).build();
    }

    void update(long step, String losses) {
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
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
