package io.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.gan4j.Gan4jException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a local HTTP server only; never the internet, never the real ~/.gan4j. */
class FashionMnistTest {

    @TempDir
    Path dir;

    private final Map<String, byte[]> served = new HashMap<>();
    private final Map<String, String> sha256 = new HashMap<>();
    private final Map<String, Long> sizes = new HashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final byte[] pixels = IdxTest.pixels(3 * 4 * 4);
    private final byte[] labels = {9, 0, 5};
    private HttpServer server;

    @BeforeEach
    void serveFakeFiles() throws Exception {
        serve("train-images-idx3-ubyte.gz", IdxTest.idx(Idx.IMAGES_MAGIC, new int[] {3, 4, 4}, pixels));
        serve("train-labels-idx1-ubyte.gz", IdxTest.idx(Idx.LABELS_MAGIC, new int[] {3}, labels));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = served.get(exchange.getRequestURI().getPath().substring(1));
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    private void serve(String name, byte[] idx) throws Exception {
        byte[] gz = IdxTest.gzip(idx);
        served.put(name, gz);
        sha256.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(gz)));
        sizes.put(name, (long) gz.length);
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private Path cache() {
        return dir.resolve("home/datasets/fashion-mnist");
    }

    private FashionMnist fashion() {
        return fashion(dir.resolve("no-system-copy"));
    }

    private FashionMnist fashion(Path systemDir) {
        String url = "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
        return new FashionMnist(url, systemDir, cache(), sha256, sizes, Duration.ofSeconds(1));
    }

    private List<String> cachedFiles() throws IOException {
        if (!Files.exists(cache())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void downloadsVerifiesAndReusesFiles() throws Exception {
        LabeledImages set = fashion().load(Split.TRAIN);
        assertArrayEquals(pixels, set.pixels());
        assertArrayEquals(labels, set.labels());
        assertEquals(List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"), cachedFiles());
        assertEquals(2, requests.get());

        fashion().load(Split.TRAIN);
        assertEquals(2, requests.get(), "second load reads the cache");
    }

    @Test
    void checksumMismatchLeavesNothingBehind() throws Exception {
        sha256.put("train-images-idx3-ubyte.gz", "0".repeat(64));
        Gan4jException e = assertThrows(Gan4jException.class, () -> fashion().load(Split.TRAIN));
        assertTrue(e.getMessage().matches("http://127\\.0\\.0\\.1:\\d+/train-images-idx3-ubyte\\.gz: "
                + "checksum mismatch: SHA-256 [0-9a-f]{64}, expected 0{64}; download discarded"), e.getMessage());
        assertEquals(List.of(), cachedFiles());
    }

    @Test
    void httpErrorLeavesNothingBehind() throws Exception {
        served.remove("train-labels-idx1-ubyte.gz");
        Gan4jException e = assertThrows(Gan4jException.class, () -> fashion().load(Split.TRAIN));
        assertTrue(e.getMessage().matches(
                "http://127\\.0\\.0\\.1:\\d+/train-labels-idx1-ubyte\\.gz: download failed: HTTP 404"),
                e.getMessage());
        assertEquals(List.of("train-images-idx3-ubyte.gz"), cachedFiles(), "only the verified file is kept");
    }

    /** A server that sends its headers and a few bytes, then nothing: the read times out, nothing is left. */
    @Test
    void aStallingServerTimesOutAndLeavesNoPartFile() throws Exception {
        Files.createDirectories(cache());
        Path stale = Files.writeString(cache().resolve("train-images-idx3-ubyte.gz4711.part"), "killed download");
        CountDownLatch release = new CountDownLatch(1);
        server.createContext("/train-images-idx3-ubyte.gz", exchange -> {
            exchange.sendResponseHeaders(200, served.get("train-images-idx3-ubyte.gz").length);
            exchange.getResponseBody().write(new byte[] {0x1f, (byte) 0x8b});
            exchange.getResponseBody().flush();
            try {
                release.await(); // stalls until the test is over
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        try {
            Gan4jException e = assertThrows(Gan4jException.class, () -> fashion().load(Split.TRAIN));
            assertTrue(e.getMessage().endsWith("train-images-idx3-ubyte.gz: download failed: the server sent nothing for 1 s;"
                    + " download discarded"), e.getMessage());
        } finally {
            release.countDown();
        }
        assertFalse(Files.exists(stale), "a killed download's part file is removed");
        assertEquals(List.of(), cachedFiles());
    }

    /** A body beyond the file's size (+1/16) is cut off, with or without a Content-Length saying so. */
    @Test
    void anOversizedBodyIsCutOffAndLeavesNothing() throws Exception {
        byte[] big = new byte[1 << 20];
        for (boolean announced : new boolean[] {true, false}) {
            server.createContext("/train-images-idx3-ubyte.gz", exchange -> {
                exchange.sendResponseHeaders(200, announced ? big.length : 0); // 0: chunked, no length given
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(big);
                } catch (IOException closedByTheClient) {
                    // it stopped reading at the cap
                }
            });
            Gan4jException e = assertThrows(Gan4jException.class, () -> fashion().load(Split.TRAIN));
            assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz: download failed: " + (announced ? big.length + " bytes" : "more than"))
                    && e.getMessage().endsWith("bytes this file may have; download discarded"), e.getMessage());
            assertEquals(List.of(), cachedFiles());
            server.removeContext("/train-images-idx3-ubyte.gz");
        }
    }

    @Test
    void unreachableServerAndBadUrl() throws Exception {
        FashionMnist fashion = fashion();
        server.stop(0);
        Gan4jException e = assertThrows(Gan4jException.class, () -> fashion.load(Split.TRAIN));
        assertTrue(e.getMessage().endsWith("train-images-idx3-ubyte.gz: download failed: cannot connect to "
                + fashion.baseUrl().getAuthority()), e.getMessage());
        assertEquals(List.of(), cachedFiles());
        e = assertThrows(Gan4jException.class, () -> new FashionMnist("file:/etc", dir, cache(), sha256, sizes, FashionMnist.READ_TIMEOUT));
        assertEquals("bad Fashion-MNIST base URL 'file:/etc': not http:// or https://", e.getMessage());
    }

    @Test
    void prefersCompleteSystemCopy() {
        Path system = dir.resolve("system");
        FashionMnist fashion = fashion(system);
        assertThrows(Gan4jException.class, () -> fashion.directory(Split.TEST), "nothing local, nothing served");
        int before = requests.get();
        system.toFile().mkdirs();
        Idx.writeImages(system.resolve("t10k-images-idx3-ubyte"), new byte[4], 1, 2, 2);
        Idx.writeLabels(system.resolve("t10k-labels-idx1-ubyte"), new byte[1]);
        assertEquals(system, fashion.directory(Split.TEST));
        assertEquals(before, requests.get(), "no download when the system copy is complete");
    }

    @Test
    void environmentSettings() {
        String home = dir.resolve("gan4j-home").toString();
        System.setProperty(FashionMnist.HOME_PROPERTY, home);
        System.setProperty(FashionMnist.BASE_URL_PROPERTY, "http://mirror.invalid/fashion");
        try {
            FashionMnist fashion = FashionMnist.fromEnvironment();
            assertEquals(Path.of(home, "datasets", "fashion-mnist"), fashion.cacheDir());
            assertEquals("http://mirror.invalid/fashion/train-images-idx3-ubyte.gz",
                    fashion.baseUrl().resolve("train-images-idx3-ubyte.gz").toString());
        } finally {
            System.clearProperty(FashionMnist.HOME_PROPERTY);
            System.clearProperty(FashionMnist.BASE_URL_PROPERTY);
        }
    }

    /**
     * Checks the pinned SHA-256s against the real test files where Debian's dataset-fashion-mnist is
     * installed. Debian strips the gzip header's file name and mtime; restoring them gives back the
     * exact bytes served upstream (whose published MD5s they also match).
     */
    @Test
    void pinnedChecksumsMatchRealFiles() throws Exception {
        Path system = Path.of(FashionMnist.SYSTEM_DIR);
        assumeTrue(Datasets.hasSplit(system, Split.TEST), "dataset-fashion-mnist not installed");
        served.clear();
        for (String name : List.of("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")) {
            byte[] debian = Files.readAllBytes(system.resolve(name + ".gz"));
            ByteArrayOutputStream upstream = new ByteArrayOutputStream();
            upstream.write(new byte[] {0x1f, (byte) 0x8b, 8, 8}); // deflate, FNAME flag
            upstream.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(1504176627).array());
            upstream.write(new byte[] {0, 3}); // no extra flags, Unix
            upstream.write((name + "\0").getBytes(StandardCharsets.ISO_8859_1));
            upstream.write(debian, 10, debian.length - 10);
            served.put(name + ".gz", upstream.toByteArray());
        }
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        LabeledImages set = new FashionMnist(url, dir.resolve("none"), cache(), FashionMnist.SHA256, FashionMnist.SIZES,
                FashionMnist.READ_TIMEOUT).load(Split.TEST);
        assertEquals(10000, set.count());
    }

    /** Only where Debian's dataset-fashion-mnist package is installed; reads the real 60,000 images. */
    @Test
    void realSystemCopy() {
        Path system = Path.of(FashionMnist.SYSTEM_DIR);
        assumeTrue(Datasets.hasSplit(system, Split.TRAIN), "dataset-fashion-mnist not installed");
        LabeledImages set = fashion(system).load(Split.TRAIN);
        assertEquals(60000, set.count());
        assertEquals(28, set.rows());
        assertEquals(10, set.numClasses());
    }
}
