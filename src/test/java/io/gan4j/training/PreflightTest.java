package io.gan4j.training;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.Gan4jException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

class PreflightTest {

    @Test
    void aFullDiskIsReportedBeforeTraining() {
        Gan4jException e = assertThrows(Gan4jException.class, () -> Preflight.requireSpace(Path.of("runs/x"), 5L << 20, 40L << 20));
        assertTrue(e.getMessage().equals("not enough disk space for runs/x: 5 MB free, checkpoints of this model need about 40 MB"),
                e.getMessage());
        Preflight.requireSpace(Path.of("runs/x"), 40L << 20, 40L << 20);
    }

    /** A parent that another run has meanwhile written into is left in place, without an error. */
    @Test
    void theProbeLeavesAParentThatAnotherRunNowUses(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path parent = tmp.resolve("runs");
        Path mine = java.nio.file.Files.createDirectories(parent.resolve("seed-1"));
        java.nio.file.Files.createDirectories(parent.resolve("seed-2")); // the other run, side by side
        Preflight.removeCreated(mine, parent);
        assertTrue(!java.nio.file.Files.exists(mine) && java.nio.file.Files.isDirectory(parent.resolve("seed-2")));
        Preflight.removeCreated(parent.resolve("seed-2"), parent);
        assertTrue(!java.nio.file.Files.exists(parent), "alone, everything it made is gone");
    }
}
