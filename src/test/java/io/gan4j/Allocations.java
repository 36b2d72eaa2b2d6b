package io.gan4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Bytes the current thread allocates on the Java heap while it refuses a hostile input, from the
 * JVM's per-thread counter (RSS would mix in other threads, the GC's slack and native memory).
 */
public final class Allocations {

    /** The bound for refusing any hostile file. */
    public static final long LIMIT = 64L << 20;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {}

    /**
     * Runs {@code refusal}, which must throw a one-line {@link Gan4jException} containing every one
     * of {@code fragments}, having allocated under {@link #LIMIT}; returns the message.
     */
    public static String refusedWithin(Executable refusal, String... fragments) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        Gan4jException e = assertThrows(Gan4jException.class, refusal);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        String message = e.getMessage();
        assertTrue(allocated < LIMIT, allocated + " bytes allocated to refuse: " + message);
        assertEquals(1, message.lines().count(), message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "'" + fragment + "' not in: " + message);
        }
        return message;
    }
}
