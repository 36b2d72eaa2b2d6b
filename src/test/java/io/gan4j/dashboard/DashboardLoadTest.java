package io.gan4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gan4j.io.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Pages that read slowly or not at all, and many pages at once, against a long metrics history. */
class DashboardLoadTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A run directory whose metrics.jsonl has {@code lines} lines as the trainer writes them, every 50th an evaluation. */
    private static Path run(Path tmp, int lines) throws IOException {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(run.resolve("config.json"), "{\"model\":\"dcgan\",\"totalSteps\":1000000}");
        try (BufferedWriter out = Files.newBufferedWriter(run.resolve("metrics.jsonl"))) {
            for (int step = 1; step <= lines; step++) {
                out.write(line(step));
                if (step % 50 == 0) {
                    out.write("{\"step\":" + step + ",\"eval\":{\"fd\":" + (100.0 / step) + ",\"precision\":0.5}}\n");
                }
            }
        }
        return run;
    }

    private static String line(int step) {
        return "{\"step\":" + step + ",\"epoch\":" + (step / 1875 + 1) + ",\"d_loss\":" + (0.5 + 1.0 / step)
                + ",\"d_real\":0.31640625,\"d_fake\":0.25390625,\"g_loss\":" + (1.5 - 1.0 / step) + ",\"time_s\":" + step * 0.021 + "}\n";
    }

    /**
     * One page never reads (its socket's buffers fill mid-snapshot, and its writes block); a second
     * page still receives each new line of a live run, and the first is dropped once its queue of
     * notices is full.
     */
    @Test
    void aPageThatNeverReadsDelaysNoOtherAndIsDropped(@TempDir Path tmp) throws Exception {
        int lines = 100_000; // about 13 MB of events: more than a loopback socket buffers
        Path run = run(tmp, lines);
        try (Dashboard dashboard = Dashboard.start(List.of(run), "127.0.0.1", 0, null, 4);
                Socket stalled = new Socket()) {
            int port = URI.create(dashboard.url()).getPort();
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = stalled.getInputStream();
            String start = new String(in.readNBytes(64), StandardCharsets.ISO_8859_1);
            assertTrue(start.startsWith("HTTP/1.1 200"), start); // its snapshot is being written; it reads no more

            Page page = new Page(port);
            page.awaitStep(lines);
            for (int step = lines + 1; step <= lines + 6; step++) {
                AtomicFiles.appendLine(run.resolve("metrics.jsonl"), line(step).strip());
                page.awaitStep(step);
            }
            // Six notices reached the stalled page's queue of four.
            assertEquals(1, dashboard.subscribers(), "the stalled page is dropped, the reading one kept");
            page.close();
        }
    }

    /** The history takes less than the file, and stays the same as 20 pages each receive all of it. */
    @Test
    void historyIsSmallerThanTheFileAndFlatAsPagesConnect(@TempDir Path tmp) throws Exception {
        int lines = 5_000;
        Path run = run(tmp, lines);
        long fileSize = Files.size(run.resolve("metrics.jsonl"));
        try (Dashboard dashboard = Dashboard.start(List.of(run), "127.0.0.1", 0)) {
            long retained = dashboard.retainedBytes();
            assertTrue(retained < fileSize, retained + " bytes retained for a file of " + fileSize);
            int port = URI.create(dashboard.url()).getPort();
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                pages.add(new Page(port));
            }
            for (Page page : pages) {
                page.awaitStep(lines);
                assertEquals(lines + lines / 50, page.lines, "every line once, evaluations included");
            }
            assertEquals(retained, dashboard.retainedBytes());
            pages.forEach(Page::close);
        }
    }

    /** A page's event stream read on its own thread: the metrics lines received, and the last step seen. */
    private static final class Page implements AutoCloseable {
        private final LinkedBlockingQueue<Long> steps = new LinkedBlockingQueue<>();
        private final Stream<String> stream;
        private volatile int lines;
        private String event = "";

        Page(int port) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
                    .header("Accept", "text/event-stream").build();
            stream = HTTP.send(request, HttpResponse.BodyHandlers.ofLines()).body();
            Thread reader = new Thread(() -> {
                try {
                    stream.forEach(this::read);
                } catch (RuntimeException closed) {
                    // the test is over
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        private void read(String line) {
            if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ") && event.equals("metrics")) {
                for (JsonElement l : JsonParser.parseString(line.substring(6)).getAsJsonObject().getAsJsonArray("lines")) {
                    JsonObject o = l.getAsJsonObject();
                    lines++;
                    if (!o.has("eval")) {
                        steps.add(o.get("step").getAsLong());
                    }
                }
            }
        }

        /** Waits for a metrics line of {@code step}; two minutes without any line fails the test. */
        void awaitStep(long step) throws InterruptedException {
            Long seen;
            do {
                seen = steps.poll(120, TimeUnit.SECONDS);
                assertTrue(seen != null, "no line of step " + step + " received");
            } while (seen != step);
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}
