package io.gan4j.dashboard;

import io.gan4j.Gan4jException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.sse.SseClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The training dashboard: a local web page with live loss curves, evaluation metrics, the sample
 * grids and the config of one or more run directories. It only reads the runs' files (polled, see
 * {@link RunWatcher}) and pushes what changes to the page as server-sent events; it has no write
 * endpoint, and serves no file outside the run directories ({@link ServedFiles}). The page, its
 * script and the chart library (uPlot) come from the jar, so it works offline.
 */
public final class Dashboard implements AutoCloseable {

    private static final long POLL_MS = 500;
    /** A comment every ~15 s finds pages that went away without closing their connection. */
    private static final int POLLS_PER_PING = 30;
    private static final String WEB = "/io/gan4j/dashboard/web/";
    private static final Map<String, String> ASSETS = Map.of(
            "dashboard.js", "text/javascript", "dashboard.css", "text/css",
            "uPlot.iife.min.js", "text/javascript", "uPlot.min.css", "text/css", "uPlot.LICENSE", "text/plain");

    private static final Pattern LOCAL_HOST = Pattern.compile("(127\\.\\d+\\.\\d+\\.\\d+|localhost|\\[::1\\])(:\\d+)?");

    private final List<Path> dirs;
    private final List<RunWatcher> runs = new ArrayList<>();
    private final Set<SseClient> clients = new LinkedHashSet<>();
    private final Object lock = new Object();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dashboard-poller");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch closed = new CountDownLatch(1);
    private final String host;
    private final boolean loopback;
    private Javalin app;
    private int polls;

    private Dashboard(List<Path> dirs, String host) {
        this.dirs = List.copyOf(dirs);
        this.host = host;
        try {
            this.loopback = InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new Gan4jException("dashboard: unknown --host " + host);
        }
        for (int i = 0; i < dirs.size(); i++) {
            runs.add(new RunWatcher(i, dirs.get(i)));
        }
    }

    /**
     * Serves {@code dirs} (which need not exist yet: a run about to start) on {@code host}:{@code port};
     * port 0 picks a free one, see {@link #url()}.
     */
    public static Dashboard start(List<Path> dirs, String host, int port) {
        Dashboard d = new Dashboard(dirs, host);
        d.pollNow();
        d.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.routes.before(d::checkHost);
            config.routes.get("/", ctx -> d.asset(ctx, "index.html", "text/html"));
            config.routes.get("/assets/{name}", ctx -> d.asset(ctx, ctx.pathParam("name"), ASSETS.get(ctx.pathParam("name"))));
            config.routes.get("/files/{run}/<path>", d::file);
            config.routes.sse("/events", d::connect);
        });
        try {
            d.app.start();
        } catch (RuntimeException e) {
            d.close();
            throw new Gan4jException("dashboard: cannot listen on " + host + ":" + port + " (" + rootMessage(e) + ")", e);
        }
        d.poller.scheduleWithFixedDelay(d::pollNow, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
        return d;
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + app.port() + "/";
    }

    /** Blocks until {@link #close()} (or the process ends, e.g. on Ctrl-C). */
    public void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        if (app != null) {
            app.stop();
        }
        closed.countDown();
    }

    /**
     * On a loopback address, only pages of this machine may ask: a request naming another host is a
     * web page using DNS rebinding to read the runs through the browser.
     */
    private void checkHost(Context ctx) {
        if (loopback && !LOCAL_HOST.matcher(String.valueOf(ctx.header("Host"))).matches()) {
            throw new ForbiddenResponse("not a local host name");
        }
    }

    private void asset(Context ctx, String name, String type) {
        InputStream in = type == null ? null : Dashboard.class.getResourceAsStream(WEB + name);
        if (in == null) {
            ctx.status(404).result("not found");
            return;
        }
        ctx.header("X-Content-Type-Options", "nosniff").contentType(type).result(in);
    }

    /** GET /files/RUN/PATH: a file of a served run directory, or 404. */
    private void file(Context ctx) throws IOException {
        Optional<Path> file = Optional.empty();
        String run = ctx.pathParam("run");
        if (run.matches("\\d{1,4}") && Integer.parseInt(run) < dirs.size()) {
            file = ServedFiles.resolve(dirs.get(Integer.parseInt(run)), ctx.pathParam("path"));
        }
        if (file.isEmpty()) {
            ctx.status(404).result("not found");
            return;
        }
        ctx.header("Cache-Control", "no-cache").header("X-Content-Type-Options", "nosniff")
                .contentType(ServedFiles.type(file.get())).result(Files.readAllBytes(file.get()));
    }

    /** A page connects: it gets everything known so far, then each change as it is seen. */
    private void connect(SseClient client) {
        client.keepAlive();
        client.onClose(() -> {
            synchronized (lock) {
                clients.remove(client);
            }
        });
        synchronized (lock) {
            for (RunWatcher run : runs) {
                run.snapshot().forEach(e -> client.sendEvent(e.name(), e.data()));
            }
            clients.add(client);
        }
    }

    private void pollNow() {
        synchronized (lock) {
            List<RunWatcher.Event> events = new ArrayList<>();
            for (RunWatcher run : runs) {
                try {
                    events.addAll(run.poll());
                } catch (IOException | UncheckedIOException e) {
                    // A file replaced while being read; the next poll sees it whole.
                }
            }
            boolean ping = ++polls % POLLS_PER_PING == 0;
            for (SseClient client : List.copyOf(clients)) {
                events.forEach(e -> client.sendEvent(e.name(), e.data()));
                if (ping) {
                    client.sendComment("ping");
                }
            }
        }
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
