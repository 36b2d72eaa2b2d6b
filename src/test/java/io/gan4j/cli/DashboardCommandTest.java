package io.gan4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** The dashboard's command-line errors: one line, non-zero exit, nothing left running. */
class DashboardCommandTest {

    @RegisterExtension
    final Console console = new Console();

    @Test
    void badInputFailsWithOneClearLine(@TempDir Path tmp) throws Exception {
        console.assertOneLineError(1, "no such run directory", "dashboard", tmp.resolve("missing").toString());
        console.assertOneLineError(2, "RUN_DIR", "dashboard");
        console.assertOneLineError(2, "--host, --port and --token are options of --dashboard",
                "train", "pattern", "--steps", "1", "--port", "0", "--out", tmp.resolve("p").toString());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            console.assertOneLineError(1, "cannot listen on 127.0.0.1:" + taken.getLocalPort(),
                    "dashboard", tmp.toString(), "--port", String.valueOf(taken.getLocalPort()));
        }
        console.assertOneLineError(1, "already holds a run", "train", "pattern", "--steps", "1", "--out",
                Files.writeString(Files.createDirectories(tmp.resolve("old")).resolve("config.json"), "{}").getParent().toString(),
                "--dashboard", "--port", "0");
    }
}
