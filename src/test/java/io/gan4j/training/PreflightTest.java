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
}
