package io.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.Allocations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Oversized values in a checkpoint, as {@code gan4j sample} meets them: one line naming the file,
 * exit 1, and under {@link Allocations#LIMIT} allocated by the command's thread.
 */
class HostileFilesTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @RegisterExtension
    final Console console = new Console();

    @Test
    void oversizedCheckpointValuesGiveOneLineWithoutAllocating(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, Main.execute("train", "pattern", "--steps", "2", "--out", run.toString()), console.err());
        Path checkpoint = run.resolve("checkpoints/latest");
        Path csv = tmp.resolve("s.csv");

        Path config = checkpoint.resolve("config.json");
        String original = Files.readString(config);
        Files.writeString(config, original.replaceFirst("\"latentDim\": \\d+", "\"latentDim\": 2000000000"));
        refused(config + ": latentDim 2000000000 is out of range", "sample", "--checkpoint", checkpoint.toString(),
                "--format", "csv", "--out", csv.toString());
        Files.writeString(config, original);

        // A 3 GB parameter file (sparse: it takes no disk) once ended in OutOfMemoryError.
        Path params = checkpoint.resolve("generator.params");
        try (RandomAccessFile f = new RandomAccessFile(params.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        refused(params + ": 3221225472 bytes, more than the", "sample", "--checkpoint", checkpoint.toString(),
                "--format", "csv", "--out", csv.toString());
    }

    private void refused(String fragment, String... args) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        console.assertOneLineError(1, fragment, args);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < Allocations.LIMIT, allocated + " bytes allocated: " + console.err());
    }
}
