package io.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A failing command prints one line. libtorch writes its own log lines to the process's stderr
 * (file descriptor 2), past {@code System.err}, so the sample failure runs in a child JVM, whose
 * real stderr is read.
 */
class ErrorLinesTest {

    @RegisterExtension
    final Console console = new Console();

    @Test
    void aGpuOnTheCpuBuildAndAnUnknownDeviceAreOneLineEach(@TempDir Path tmp) {
        console.assertOneLineError(1, "this is gan4j's CPU build; the CUDA build of gan4j is made with 'mvn -Pcuda",
                "train", "acgan", "--steps", "1", "--device", "gpu", "--out", tmp.resolve("g").toString());
        console.assertOneLineError(2, "--device must be cpu or gpu[N], not tpu",
                "train", "acgan", "--steps", "1", "--device", "tpu", "--out", tmp.resolve("t").toString());
        console.assertOneLineError(1, "this is gan4j's CPU build",
                "sample", "--weights", tmp.resolve("G.safetensors").toString(), "--model", "acgan", "--device", "gpu1",
                "--format", "png", "--out", tmp.resolve("s.png").toString());
        assertFalse(Files.exists(tmp.resolve("g")) || Files.exists(tmp.resolve("t")), "nothing written");
    }

    @Test
    void aFailingSampleWritesExactlyOneLineToTheProcessStderr(@TempDir Path tmp) throws Exception {
        // The generator is built (libtorch's first NDArray.set, where its deprecation warning came from)
        // before the weights file is found to be no safetensors file.
        Path weights = tmp.resolve("G.safetensors");
        Files.write(weights, new byte[] {1, 2, 3});
        List<String> quiet = stderrLines(tmp, "sample", "--weights", weights.toString(), "--model", "acgan",
                "--format", "png", "--out", tmp.resolve("s.png").toString());
        assertEquals(1, quiet.size(), "one line: " + quiet);
        assertTrue(quiet.get(0).startsWith("gan4j: ") && quiet.get(0).contains(weights.toString()), quiet.get(0));
        assertFalse(Files.exists(tmp.resolve("s.png")));

        List<String> verbose = stderrLines(tmp, "sample", "--weights", weights.toString(), "--model", "acgan",
                "--format", "png", "--out", tmp.resolve("s.png").toString(), "--verbose");
        assertTrue(verbose.size() > 1 && verbose.stream().anyMatch(l -> l.contains("Warning")),
                "--verbose lets libtorch's warning through: " + verbose);
    }

    /** Runs the CLI in a child JVM and returns its stderr lines; it must exit 1. */
    private static List<String> stderrLines(Path tmp, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path err = tmp.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile())
                .redirectOutput(tmp.resolve("stdout.txt").toFile());
        builder.environment().remove("TORCH_CPP_LOG_LEVEL");
        Process child = builder.start();
        try {
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child exits");
        } finally {
            child.destroyForcibly();
        }
        assertEquals(1, child.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
        return Files.readAllLines(err, StandardCharsets.UTF_8);
    }
}
