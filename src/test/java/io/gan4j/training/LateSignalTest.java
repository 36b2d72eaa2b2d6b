package io.gan4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sun.misc.Signal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

class LateSignalTest {

    /**
     * A SIGTERM that arrives after the loop's last check, while the run writes its final outputs,
     * must still stop the process: `train --dashboard` would otherwise serve on, having swallowed it
     * (a test's child process stayed alive so). The listener raises the signal at the end of
     * training and waits until gan4j's handler has taken it (its message on stderr), so that the
     * signal can never reach the JVM's default handler, which would end this test's JVM.
     */
    @Test
    void aSignalWhileTheRunFinishesIsReported(@TempDir Path dir) throws Exception {
        // Under -Xrs gan4j installs no handler, and the raised signal would end this JVM. (Swapping the
        // handler out to look at it is no check: a JVM refuses to catch SIGTERM again once it was ignored,
        // and the child processes of later tests would inherit it ignored.)
        assumeFalse(ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-Xrs"), "runs without -Xrs");
        CountDownLatch caught = new CountDownLatch(1);
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                seen.write(b);
                if (b == '\n' && seen.toString(StandardCharsets.UTF_8).contains("SIGTERM: saving a checkpoint")) {
                    caught.countDown();
                }
            }
        }, true, StandardCharsets.UTF_8));
        try {
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            Trainer trainer = new Trainer(TrainerTest.config("pattern", 3), dir.resolve("run"),
                    new PrintStream(console, true, StandardCharsets.UTF_8));
            trainer.addListener(new TrainingListener() {
                @Override
                public void onTrainingEnd(TrainingContext context, TrainingEnd end) {
                    Signal.raise(new Signal("TERM"));
                    try {
                        assertTrue(caught.await(30, TimeUnit.SECONDS), "gan4j's handler took the signal");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            assertEquals(3, trainer.run(false), "the run completed");
            assertTrue(trainer.interrupted());
            assertEquals(143, trainer.exitStatus());
            String said = console.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains("done: ") && !said.contains("resume with"), said);
        } finally {
            System.setErr(stderr);
        }
    }
}
