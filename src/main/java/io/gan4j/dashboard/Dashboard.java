package io.gan4j.dashboard;

import io.gan4j.Gan4jException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.http.sse.SseClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
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
 *
 * <p>Each page is written to by its own request thread from its own bounded queue
 * ({@link Subscriber}); the poller never writes to a socket, so a page that stops reading delays
 * no other. Every response forbids framing and content sniffing and carries a content security
 * policy. Beyond loopback every request needs the dashboard's token (a query parameter, which the
 * page then keeps as a cookie, or an {@code Authorization: Bearer} header): the runs' configs,
 * data paths and samples are not for the whole network.
 */
public final class Dashboard implements AutoCloseable {

    private static final long POLL_MS = 500;
    /** Notices a page may fall behind by (three per run per poll at most) before it is dropped. */
    static final int QUEUE_CAPACITY = 120;
    private static final String COOKIE = "gan4j_token";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~-]{16,128}");
    private static final String CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String WEB = "/io/gan4j/dashboard/web/";
    private static final Map<String, String> ASSETS = Map.of(
            "dashboard.js", "text/javascript", "dashboard.css", "text/css",
            "uPlot.iife.min.js", "text/javascript", "uPlot.min.css", "text/css", "uPlot.LICENSE", "text/plain");

    private static final Pattern LOCAL_HOST = Pattern.compile("(127\\.\\d+\\.\\d+\\.\\d+|localhost|\\[::1\\])(:\\d+)?");

    private final List<Path> dirs;
    private final List<RunWatcher> runs = new ArrayList<>();
    private final Set<Subscriber> subscribers = new LinkedHashSet<>();
    private final Object lock = new Object();
    private final int queueCapacity;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dashboard-poller");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch closed = new CountDownLatch(1);
    private final String host;
    private final boolean loopback;
    private final String token;
    private Javalin app;

    private Dashboard(List<Path> dirs, String host, String token, int queueCapacity) {
        this.dirs = List.copyOf(dirs);
        this.host = host;
        this.queueCapacity = queueCapacity;
        try {
            this.loopback = InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new Gan4jException("dashboard: unknown --host " + host);
        }
        if (token != null && !TOKEN.matcher(token).matches()) {
            throw new Gan4jException("dashboard: --token must be 16 to 128 letters, digits or . _ ~ -");
        }
        this.token = token != null ? token : loopback ? null : randomToken();
        for (int i = 0; i < dirs.size(); i++) {
            runs.add(new RunWatcher(i, dirs.get(i)));
        }
    }

    /**
     * Serves {@code dirs} (which need not exist yet: a run about to start) on {@code host}:{@code port};
     * port 0 picks a free one, see {@link #url()}. Requests need {@code token} when it is given, and a
     * random one when {@code host} is not a loopback address.
     */
    public static Dashboard start(List<Path> dirs, String host, int port, String token) {
        return start(dirs, host, port, token, QUEUE_CAPACITY);
    }

    /** As {@link #start(List, String, int, String)}, with no token on loopback. */
    public static Dashboard start(List<Path> dirs, String host, int port) {
        return start(dirs, host, port, null);
    }

    static Dashboard start(List<Path> dirs, String host, int port, String token, int queueCapacity) {
        Dashboard d = new Dashboard(dirs, host, token, queueCapacity);
        d.pollNow();
        d.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.routes.before(d::guard);
            config.routes.get("/", ctx -> d.asset(ctx, "index.html", "text/html"));
            config.routes.get("/assets/{name}", ctx -> d.asset(ctx, ctx.pathParam("name"), ASSETS.get(ctx.pathParam("name"))));
            config.routes.get("/files/{run}/<path>", d::file);
            config.routes.sse("/events", d::serve);
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

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}, with {@code ?token=…} when one is needed. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + app.port() + "/" + (token != null ? "?token=" + token : "");
    }

    /** Whether the dashboard listens on a loopback address only (this machine). */
    public boolean loopback() {
        return loopback;
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
     * Before every request: the security headers; on a loopback address only pages of this machine
     * may ask (a request naming another host is a web page using DNS rebinding to read the runs
     * through the browser); with a token, only those who have it.
     */
    private void guard(Context ctx) {
        ctx.header("Content-Security-Policy", CSP).header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY").header("Referrer-Policy", "no-referrer");
        if (loopback && !LOCAL_HOST.matcher(String.valueOf(ctx.header("Host"))).matches()) {
            throw new ForbiddenResponse("not a local host name");
        }
        if (token == null) {
            return;
        }
        String query = ctx.queryParam("token");
        String bearer = ctx.header("Authorization");
        if (matches(query)) {
            ctx.header("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
        } else if (!matches(ctx.cookie(COOKIE)) && !(bearer != null && bearer.startsWith("Bearer ") && matches(bearer.substring(7)))) {
            throw new UnauthorizedResponse("this dashboard needs its token: open the address it printed");
        }
    }

    private boolean matches(String given) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private static String randomToken() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void asset(Context ctx, String name, String type) {
        InputStream in = type == null ? null : Dashboard.class.getResourceAsStream(WEB + name);
        if (in == null) {
            ctx.status(404).result("not found");
            return;
        }
        ctx.contentType(type).result(in);
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
        ctx.header("Cache-Control", "no-cache").contentType(ServedFiles.type(file.get())).result(Files.readAllBytes(file.get()));
    }

    /** A page connects: this request's thread serves it (everything known so far, then each change) until it goes. */
    private void serve(SseClient client) {
        Subscriber subscriber = new Subscriber(client, runs, queueCapacity);
        synchronized (lock) {
            subscribers.add(subscriber);
        }
        try {
            subscriber.serve();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server stops
        } finally {
            synchronized (lock) {
                subscribers.remove(subscriber);
            }
        }
    }

    /** Pages connected now (a dropped page is gone at once, though its thread may still be blocked writing). */
    int subscribers() {
        synchronized (lock) {
            return subscribers.size();
        }
    }

    /** Bytes the runs' metrics histories hold. */
    long retainedBytes() {
        return runs.stream().mapToLong(RunWatcher::retainedBytes).sum();
    }

    /** Reads what changed and tells every page, never waiting on one: a page whose queue is full is dropped. */
    private void pollNow() {
        List<Subscriber.Notice> notices = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            try {
                for (RunWatcher.Change change : runs.get(i).poll()) {
                    notices.add(new Subscriber.Notice(i, change));
                }
            } catch (IOException | UncheckedIOException e) {
                // A file replaced while being read; the next poll sees it whole.
            }
        }
        if (notices.isEmpty()) {
            return;
        }
        synchronized (lock) {
            subscribers.removeIf(s -> !notices.stream().allMatch(s::offer));
        }
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
