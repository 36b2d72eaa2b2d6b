package io.gan4j.training;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM (what {@code docker stop}, Slurm and Kubernetes send) during
 * training as a request, not a kill: the first one sets a flag that the training loop checks
 * between steps (it then saves a checkpoint and stops, and the process exits 128 + the signal's
 * number, 130 or 143, as if the signal had ended it); a second one, e.g. when saving takes too
 * long, ends the JVM at once with that status (the checkpoints are written atomically, so the last
 * complete one survives that too).
 *
 * <p>A job started in the background by a shell script inherits SIGINT ignored, and the JVM then
 * refuses to catch it: Ctrl-C cannot reach the run at all. That is reported at start, since
 * otherwise nothing shows it.
 */
final class Interrupt implements AutoCloseable {

    private static final Signal INT = new Signal("INT");
    private static final Signal TERM = new Signal("TERM");

    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;
    private volatile Signal received;
    /** Set by {@link #close}; guarded by this object's lock, as {@link #received}'s writes are. */
    private boolean closed;

    private Interrupt() {
        previousInt = install(INT, "Ctrl-C again to quit without it");
        previousTerm = install(TERM, "a second SIGTERM quits without it");
        if (previousInt == SignalHandler.SIG_IGN) {
            System.err.println("warning: SIGINT is ignored in this process (as in a background job of a script), so Ctrl-C"
                    + " cannot stop training; kill -TERM " + ProcessHandle.current().pid() + " saves a checkpoint and stops");
        }
    }

    /** Catches SIGINT and SIGTERM until closed; a signal the platform does not let Java catch is left alone. */
    static Interrupt onSignals() {
        return new Interrupt();
    }

    /** The handler before, or null when none was installed (no such signal, or the JVM runs with -Xrs). */
    private SignalHandler install(Signal signal, String again) {
        try {
            return Signal.handle(signal, s -> {
                synchronized (this) {
                    if (closed) {
                        // The JVM runs a handler on a thread of its own, which can start after close: the signal
                        // goes to the handler restored, instead of setting a flag that nobody reads any more.
                        Signal.raise(s);
                        return;
                    }
                    if (received != null) {
                        java.lang.Runtime.getRuntime().halt(128 + s.getNumber());
                    }
                    received = s;
                }
                System.err.println("\nSIG" + s.getName() + ": saving a checkpoint after this step (" + again + ")");
            });
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    boolean requested() {
        return received != null;
    }

    /** 128 + the number of the signal received (130 for SIGINT, 143 for SIGTERM); 0 if none was. */
    int exitStatus() {
        Signal s = received;
        return s == null ? 0 : 128 + s.getNumber();
    }

    /** Restores the handlers before; a signal caught after this goes to them (see the handler). */
    @Override
    public synchronized void close() {
        closed = true;
        restore(INT, previousInt);
        restore(TERM, previousTerm);
    }

    private static void restore(Signal signal, SignalHandler previous) {
        if (previous != null) {
            Signal.handle(signal, previous);
        }
    }
}
