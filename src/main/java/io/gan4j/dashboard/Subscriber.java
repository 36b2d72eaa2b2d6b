package io.gan4j.dashboard;

import io.javalin.http.sse.SseClient;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One connected page. The poller only queues notices of what changed ({@link #offer}, never
 * blocking); the page's own request thread ({@link #serve}) turns them into events and writes
 * them, pulling the data from the {@link RunWatcher}s through its cursors. So a page that stops
 * reading blocks only its own thread, and its backlog is a bounded queue of notices: when that
 * fills, the page is dropped (its browser reconnects and starts over from a fresh snapshot).
 */
final class Subscriber {

    /** Metrics lines per event: a long history goes out in pieces, each serialised just before it is written. */
    static final int LINES_PER_EVENT = 2000;
    /** A comment every ~15 s finds pages that went away without closing their connection. */
    private static final long PING_SECONDS = 15;

    /** A run changed in one way. */
    record Notice(int run, RunWatcher.Change change) {}

    private final SseClient client;
    private final List<RunWatcher> runs;
    private final RunWatcher.Cursor[] cursors;
    private final BlockingQueue<Notice> queue;
    private volatile boolean dropped;

    Subscriber(SseClient client, List<RunWatcher> runs, int queueCapacity) {
        this.client = client;
        this.runs = runs;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.cursors = new RunWatcher.Cursor[runs.size()];
        for (int i = 0; i < cursors.length; i++) {
            cursors[i] = new RunWatcher.Cursor();
        }
    }

    /** Queues a notice without waiting; false (and the page is dropped) when its queue is full. */
    boolean offer(Notice notice) {
        if (!queue.offer(notice)) {
            dropped = true;
        }
        return !dropped;
    }

    /** Sends everything known so far, then each change as it is noticed, until the page goes away or is dropped. */
    void serve() throws InterruptedException {
        for (int i = 0; i < runs.size() && live(); i++) {
            client.sendEvent("config", runs.get(i).config().data());
            sendMetrics(i);
            sendSamples(i);
        }
        while (live()) {
            Notice n = queue.poll(PING_SECONDS, TimeUnit.SECONDS);
            if (n == null) {
                client.sendComment("ping");
                continue;
            }
            switch (n.change()) {
                case CONFIG -> client.sendEvent("config", runs.get(n.run()).config().data());
                case METRICS -> sendMetrics(n.run());
                case SAMPLES -> sendSamples(n.run());
            }
        }
    }

    private boolean live() {
        return !dropped && !client.terminated();
    }

    private void sendMetrics(int run) {
        RunWatcher.Event e;
        while (live() && (e = runs.get(run).metrics(cursors[run], LINES_PER_EVENT)) != null) {
            client.sendEvent(e.name(), e.data());
        }
    }

    private void sendSamples(int run) {
        RunWatcher.Event e = runs.get(run).samples(cursors[run]);
        if (e != null) {
            client.sendEvent(e.name(), e.data());
        }
    }
}
