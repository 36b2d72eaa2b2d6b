package io.gan4j.training;

/**
 * How and where training ended.
 *
 * @param step the last step completed
 * @param reason why it ended
 * @param message a listener's reason for a stop, or the failure's message; null when completed
 */
public record TrainingEnd(long step, Reason reason, String message) {

    /** Why training ended. */
    public enum Reason {
        /** All steps done. */
        COMPLETED,
        /** Ctrl-C: a checkpoint of the current step was saved. */
        INTERRUPTED,
        /** A listener asked to stop ({@link StepEvent#requestStop}); the run is saved as if completed there. */
        STOPPED,
        /** An exception (a divergence with {@code --on-divergence stop}, an I/O error): nothing more is written. */
        FAILED
    }
}
