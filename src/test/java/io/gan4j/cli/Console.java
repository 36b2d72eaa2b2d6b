package io.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what the command line prints, for tests that run it in-process ({@code @RegisterExtension}). */
final class Console implements BeforeEachCallback, AfterEachCallback {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @Override
    public void beforeEach(ExtensionContext context) {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Standard error, without the warning that training prints when this JVM was started with
     * SIGINT ignored (Maven run as a script's background job): a fact of the environment, not of
     * the command under test (CrashTest checks that warning in a child process).
     */
    String err() {
        return err.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.startsWith(IGNORED_SIGINT))
                .collect(java.util.stream.Collectors.joining("\n")).trim();
    }

    private static final String IGNORED_SIGINT = "warning: SIGINT is ignored in this process";

    void reset() {
        out.reset();
        err.reset();
    }

    /** Runs a command line that must fail with {@code exit} and one stderr line containing {@code fragment}. */
    void assertOneLineError(int exit, String fragment, String... args) {
        err.reset();
        assertEquals(exit, Main.execute(args), String.join(" ", args));
        String text = err();
        assertEquals(1, text.lines().count(), "one line: " + text);
        assertTrue(text.contains(fragment), text);
    }
}
