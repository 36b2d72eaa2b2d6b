package io.gan4j.data;

import io.gan4j.Gan4jException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Finds Fashion-MNIST (Zalando Research, 60,000 train + 10,000 test 28x28 images, 10 classes) on
 * this machine, or downloads it.
 *
 * <p>A split is read from {@value #SYSTEM_DIR} (Debian's {@code dataset-fashion-mnist} package)
 * when both its files are there, else from {@code $gan4j.home/datasets/fashion-mnist} (default
 * {@code ~/.gan4j}), where missing files are first downloaded from {@value #DEFAULT_BASE_URL}
 * (overridable by the system property {@value #BASE_URL_PROPERTY} or the environment variable
 * {@value #BASE_URL_ENV}). Each download goes to a temporary {@code .part} file beside its target,
 * is checked against a pinned SHA-256 and only then renamed into place, so a failed or forged
 * download never leaves a file that later runs would trust; {@code .part} files that a killed
 * download left are removed by the next. A server that stops sending fails the download after
 * {@link #READ_TIMEOUT} without data (read through HttpURLConnection's socket timeout: HttpClient's
 * request timeout ends with the headers), and a body larger than the pinned size allows is cut off
 * there rather than written to disk in full before the checksum could refuse it.
 */
public final class FashionMnist {

    public static final String NAME = "fashion-mnist";
    public static final String DEFAULT_BASE_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    public static final String BASE_URL_PROPERTY = "gan4j.fashionMnist.baseUrl";
    public static final String BASE_URL_ENV = "GAN4J_FASHION_MNIST_URL";
    public static final String HOME_PROPERTY = "gan4j.home";
    public static final String SYSTEM_DIR = "/usr/share/datasets/fashion-mnist";

    /**
     * SHA-256 of the files served at {@link #DEFAULT_BASE_URL}. The upstream README publishes only
     * MD5s; these were derived from Debian's copy by restoring the gzip header it normalises (file
     * name, 2017-08-31 mtime), which reproduces all four published MD5s exactly.
     */
    static final Map<String, String> SHA256 = Map.of(
            "train-images-idx3-ubyte.gz", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
            "train-labels-idx1-ubyte.gz", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
            "t10k-images-idx3-ubyte.gz", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
            "t10k-labels-idx1-ubyte.gz", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5");

    /** Sizes in bytes of the files served at {@link #DEFAULT_BASE_URL}; a download may not exceed one by more than 1/16. */
    static final Map<String, Long> SIZES = Map.of(
            "train-images-idx3-ubyte.gz", 26_421_880L,
            "train-labels-idx1-ubyte.gz", 29_515L,
            "t10k-images-idx3-ubyte.gz", 4_422_102L,
            "t10k-labels-idx1-ubyte.gz", 5_148L);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final String PART = ".part";

    private final URI baseUrl;
    private final Path systemDir;
    private final Path cacheDir;
    private final Map<String, String> sha256;
    private final Map<String, Long> sizes;
    private final Duration readTimeout;

    /** For tests: a local server, scratch directories, checksums and sizes of fake files, a short read timeout. */
    FashionMnist(String baseUrl, Path systemDir, Path cacheDir, Map<String, String> sha256, Map<String, Long> sizes,
            Duration readTimeout) {
        this.baseUrl = parseBaseUrl(baseUrl);
        this.systemDir = systemDir;
        this.cacheDir = cacheDir;
        this.sha256 = Map.copyOf(sha256);
        this.sizes = Map.copyOf(sizes);
        this.readTimeout = readTimeout;
    }

    /** The locations configured by system properties and environment, as described above. */
    public static FashionMnist fromEnvironment() {
        String url = System.getProperty(BASE_URL_PROPERTY, System.getenv(BASE_URL_ENV));
        String home = System.getProperty(HOME_PROPERTY);
        Path gan4jHome = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".gan4j");
        return new FashionMnist(url != null ? url : DEFAULT_BASE_URL, Path.of(SYSTEM_DIR),
                gan4jHome.resolve("datasets").resolve(NAME), SHA256, SIZES, READ_TIMEOUT);
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** Where downloads go. */
    public Path cacheDir() {
        return cacheDir;
    }

    public LabeledImages load(Split split) {
        return Datasets.readDirectory(directory(split), split);
    }

    /** A directory holding both files of {@code split}, downloading whatever is missing. */
    public Path directory(Split split) {
        if (Datasets.hasSplit(systemDir, split)) {
            return systemDir;
        }
        for (String file : List.of(split.imagesFile(), split.labelsFile())) {
            if (Datasets.find(cacheDir, file).isEmpty()) {
                download(file + ".gz");
            }
        }
        return cacheDir;
    }

    private void download(String file) {
        URI url = baseUrl.resolve(file);
        Path target = cacheDir.resolve(file);
        long cap = sizes.getOrDefault(file, 0L) + sizes.getOrDefault(file, 0L) / 16;
        Path tmp = null;
        try {
            System.err.println("gan4j: downloading " + url + " to " + target);
            removeParts(file);
            HttpURLConnection http = (HttpURLConnection) url.toURL().openConnection();
            http.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            http.setReadTimeout((int) readTimeout.toMillis());
            http.setInstanceFollowRedirects(true);
            try {
                if (http.getResponseCode() != 200) {
                    throw new Gan4jException(url + ": download failed: HTTP " + http.getResponseCode());
                }
                if (http.getContentLengthLong() > cap) {
                    throw tooLarge(url, http.getContentLengthLong() + " bytes", cap);
                }
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                Files.createDirectories(cacheDir);
                tmp = Files.createTempFile(cacheDir, file, PART);
                try (InputStream body = new DigestInputStream(http.getInputStream(), digest);
                        OutputStream out = Files.newOutputStream(tmp)) {
                    byte[] buffer = new byte[1 << 16];
                    long total = 0;
                    for (int n; (n = body.read(buffer)) >= 0; ) {
                        total += n;
                        if (total > cap) {
                            throw tooLarge(url, "more than " + cap + " bytes", cap);
                        }
                        out.write(buffer, 0, n);
                    }
                }
                String actual = HexFormat.of().formatHex(digest.digest());
                String expected = sha256.get(file);
                if (!actual.equals(expected)) {
                    throw new Gan4jException(url + ": checksum mismatch: SHA-256 " + actual + ", expected " + expected
                            + "; download discarded");
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                http.disconnect();
            }
        } catch (SocketTimeoutException e) {
            throw new Gan4jException(url + ": download failed: the server sent nothing for " + readTimeout.toSeconds()
                    + " s; download discarded", e);
        } catch (UnknownHostException e) {
            throw new Gan4jException(url + ": download failed: unknown host " + url.getHost(), e);
        } catch (ConnectException e) {
            throw new Gan4jException(url + ": download failed: cannot connect to " + url.getAuthority(), e);
        } catch (IOException e) {
            throw new Gan4jException(url + ": download failed: " + Idx.describe(e), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        } finally {
            if (tmp != null) {
                // Gone already after a successful rename; a leftover would be a partial or bad download.
                tmp.toFile().delete();
            }
        }
    }

    private static Gan4jException tooLarge(URI url, String size, long cap) {
        return new Gan4jException(url + ": download failed: " + size + ", more than the " + cap
                + " bytes this file may have; download discarded");
    }

    /** Removes what earlier downloads of {@code file} left when they were killed. */
    private void removeParts(String file) throws IOException {
        if (!Files.isDirectory(cacheDir)) {
            return;
        }
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(cacheDir, file + "*" + PART)) {
            for (Path part : parts) {
                Files.deleteIfExists(part);
            }
        }
    }

    private static URI parseBaseUrl(String url) {
        URI uri;
        try {
            // resolve() drops the last path segment unless the base ends with a slash.
            uri = URI.create(url.endsWith("/") ? url : url + "/");
        } catch (IllegalArgumentException e) {
            throw new Gan4jException("bad Fashion-MNIST base URL '" + url + "': " + e.getMessage(), e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new Gan4jException("bad Fashion-MNIST base URL '" + url + "': not http:// or https://");
        }
        return uri;
    }
}
