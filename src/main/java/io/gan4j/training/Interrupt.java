package io.gan4j.training;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) during training as a request, not a kill: the first one sets a flag that the
 * training loop checks between steps (it then saves a checkpoint and stops); a second one, e.g.
 * when saving takes too long for the user, ends the JVM at once with the usual status 130 (the
 * checkpoints are written atomically, so the last complete one survives that too).
 */
final class Interrupt implements AutoCloseable {

    private static final Signal INT = new Signal("INT");

    private final SignalHandler previous;
    private volatile boolean requested;

    private Interrupt() {
        SignalHandler before;
        try {
            before = Signal.handle(INT, signal -> {
                if (requested) {
                    java.lang.Runtime.getRuntime().halt(130);
                }
                requested = true;
                System.err.println("\ninterrupt: saving a checkpoint after this step (Ctrl-C again to quit without it)");
            });
        } catch (IllegalArgumentException e) {
            before = null; // SIGINT not available here (e.g. the JVM runs with -Xrs)
        }
        previous = before;
    }

    /** Catches SIGINT until closed; where the platform has no SIGINT, nothing is caught. */
    static Interrupt onSigint() {
        return new Interrupt();
    }

    boolean requested() {
        return requested;
    }

    @Override
    public void close() {
        if (previous != null) {
            Signal.handle(INT, previous);
        }
    }
}
