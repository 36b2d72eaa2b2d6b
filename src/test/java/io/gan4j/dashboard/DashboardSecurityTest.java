package io.gan4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Only files of the served run directories can be read: path traversal with "..", its encoded and
 * double-encoded forms, encoded slashes and backslashes, absolute paths, and symbolic links that
 * lead out of the run directory are all refused (404 from the dashboard, or 400 where Jetty already
 * rejects the URI), and nothing can be written. Requests go over a raw
 * socket so that no client normalizes the path first.
 */
class DashboardSecurityTest {

    private static final String SECRET = "TOP-SECRET-OUTSIDE-THE-RUN";

    @TempDir
    static Path tmp;
    static Dashboard dashboard;
    static int port;

    @BeforeAll
    static void serve() throws IOException {
        Path run = tmp.resolve("run");
        Files.createDirectories(run.resolve("samples"));
        Files.writeString(run.resolve("config.json"), "{\"model\":\"vanilla\"}");
        Files.writeString(run.resolve("metrics.jsonl"), "{\"step\":1,\"d_loss\":0.5,\"g_loss\":0.7,\"time_s\":0.1}\n");
        Files.write(run.resolve("samples/step-0000001.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.writeString(run.resolve(".hidden.json"), SECRET);
        Files.writeString(run.resolve("notes.txt"), SECRET);
        Files.writeString(tmp.resolve("secret.json"), SECRET);
        Files.writeString(tmp.resolve("secret.png"), SECRET);
        Files.createSymbolicLink(run.resolve("samples/link.png"), tmp.resolve("secret.png"));
        Files.createSymbolicLink(run.resolve("passwd.json"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(run.resolve("etc"), Path.of("/etc"));
        Files.createSymbolicLink(run.resolve("up"), tmp);
        dashboard = Dashboard.start(List.of(run), "127.0.0.1", 0);
        port = URI.create(dashboard.url()).getPort();
    }

    @AfterAll
    static void stop() {
        dashboard.close();
    }

    @Test
    void servesTheRunsOwnFiles() throws IOException {
        String config = get("GET", "/files/0/config.json");
        assertTrue(config.startsWith("HTTP/1.1 200"), config);
        assertTrue(config.contains("\"model\":\"vanilla\"") && config.contains("application/json"), config);
        assertTrue(get("GET", "/files/0/samples/step-0000001.png").startsWith("HTTP/1.1 200"));
        assertTrue(get("GET", "/files/0/metrics.jsonl").contains("\"d_loss\":0.5"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/files/0/../secret.json",
        "/files/0/../../../../../../etc/passwd",
        "/files/0/samples/../../secret.json",
        "/files/0/%2e%2e/secret.json",
        "/files/0/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/files/0/.%2e/secret.json",
        "/files/0/%2e%2e%2fsecret.json",
        "/files/0/..%2Fsecret.json",
        "/files/0/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/files/0/%252e%252e/secret.json",
        "/files/0/%252e%252e%252fsecret.json",
        "/files/0/..%252f..%252f..%252fetc%252fpasswd",
        "/files/0/..%5csecret.json",
        "/files/0/..\\secret.json",
        "/files/0/%c0%ae%c0%ae/secret.json",
        "/files/0//etc/passwd",
        "/files/0/%2fetc%2fpasswd",
        "/files/0/file:/etc/passwd",
        "/files/%2e%2e/secret.json",
        "/files/1/config.json",
        "/files/-1/config.json",
        "/files/0/samples/link.png",
        "/files/0/passwd.json",
        "/files/0/etc/passwd",
        "/files/0/etc/hostname",
        "/files/0/up/secret.json",
        "/files/0/.hidden.json",
        "/files/0/notes.txt",
        "/assets/..%2f..%2f..%2fdashboard%2fDashboard.class",
        "/assets/../../../../etc/passwd",
        "/assets/%2e%2e%2fDashboard.class",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/etc/passwd",
    })
    void refusesEveryPathOutOfTheRunDirectory(String path) throws IOException {
        String response = get("GET", path);
        int status = Integer.parseInt(response.substring(9, 12));
        // 400: Jetty refuses a path that climbs above the root or is ambiguous before any handler runs.
        assertTrue(status == 400 || status == 403 || status == 404, path + " -> " + response.lines().findFirst().orElse(""));
        assertFalse(response.contains(SECRET) || response.contains("root:") || response.contains("localhost"), response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH"})
    void hasNoWriteEndpoint(String method) throws IOException {
        String response = get(method, "/files/0/config.json");
        assertFalse(response.startsWith("HTTP/1.1 2"), response);
        assertEquals("{\"model\":\"vanilla\"}", Files.readString(tmp.resolve("run/config.json")));
    }

    @Test
    void refusesPagesOfOtherSitesReachingItThroughDnsRebinding() throws IOException {
        String response = request("GET", "/files/0/config.json", "attacker.example:" + port);
        assertTrue(response.startsWith("HTTP/1.1 403"), response);
        assertFalse(response.contains("vanilla"), response);
        assertTrue(request("GET", "/", "localhost:" + port).startsWith("HTTP/1.1 200"));
    }

    @Test
    void everyResponseForbidsFramingSniffingAndForeignScripts() throws IOException {
        for (String path : List.of("/", "/assets/dashboard.js", "/files/0/config.json", "/files/0/missing.json")) {
            String response = get("GET", path);
            assertTrue(response.contains("\r\nX-Frame-Options: DENY\r\n") && response.contains("\r\nX-Content-Type-Options: nosniff\r\n")
                    && response.contains("frame-ancestors 'none'") && response.contains("script-src 'self';"), path + ": " + response);
        }
    }

    /**
     * Beyond loopback (0.0.0.0, reached here over 127.0.0.1 only) every request needs the token: the
     * random one in the printed address, or one given; the page keeps it as a cookie.
     */
    @Test
    void beyondLoopbackEveryRequestNeedsTheToken() throws IOException {
        Path run = tmp.resolve("run");
        for (String given : new String[] {null, "a-token-given-by-the-user"}) {
            try (Dashboard open = Dashboard.start(List.of(run), "0.0.0.0", 0, given)) {
                URI url = URI.create(open.url());
                int p = url.getPort();
                assertTrue(url.getQuery() != null && url.getQuery().startsWith("token="), url.toString());
                String token = url.getQuery().substring("token=".length());
                assertTrue(given == null ? token.length() >= 20 : token.equals(given), token);
                for (String path : List.of("/", "/files/0/config.json", "/events", "/?token=wrong-token-of-20-chars")) {
                    String response = request(p, "GET", path, "gan4j.example:" + p);
                    assertTrue(response.startsWith("HTTP/1.1 401"), path + " -> " + response);
                    assertFalse(response.contains("vanilla"), response);
                }
                String page = request(p, "GET", "/?token=" + token, "gan4j.example:" + p);
                assertTrue(page.startsWith("HTTP/1.1 200") && page.contains("Set-Cookie: gan4j_token=" + token + "; Path=/; HttpOnly; SameSite=Strict"), page);
                String byCookie = request(p, "GET", "/files/0/config.json", "gan4j.example:" + p, "Cookie: gan4j_token=" + token);
                assertTrue(byCookie.startsWith("HTTP/1.1 200") && byCookie.contains("vanilla"), byCookie);
                String byHeader = request(p, "GET", "/files/0/config.json", "10.1.2.3:" + p, "Authorization: Bearer " + token);
                assertTrue(byHeader.startsWith("HTTP/1.1 200"), byHeader);
            }
        }
    }

    private static String get(String method, String path) throws IOException {
        return request(method, path, "127.0.0.1:" + port);
    }

    private static String request(String method, String path, String host) throws IOException {
        return request(port, method, path, host);
    }

    /** One raw HTTP/1.1 request, the path sent exactly as given, with extra header lines; the whole response. */
    private static String request(int toPort, String method, String path, String host, String... headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", toPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String body = method.equals("GET") ? "" : "x";
            StringBuilder extra = new StringBuilder();
            for (String h : headers) {
                extra.append(h).append("\r\n");
            }
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n" + extra
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
