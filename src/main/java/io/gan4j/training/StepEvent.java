package io.gan4j.training;

import java.util.Collections;
import java.util.Map;

/**
 * One completed training step as listeners see it: its number, its epoch, its losses
 * ({@code d_loss}, {@code g_loss} and each model's named parts), and two requests a listener can make.
 */
public final class StepEvent {

    private final TrainingContext context;
    private final long step;
    private final Map<String, Float> losses;
    private String stopReason;
    private String divergence;

    StepEvent(TrainingContext context, long step, Map<String, Float> losses) {
        this.context = context;
        this.step = step;
        this.losses = Collections.unmodifiableMap(losses);
    }

    /** The run this step belongs to. */
    public TrainingContext context() {
        return context;
    }

    /** Steps done, this one included (the first step is 1). */
    public long step() {
        return step;
    }

    /** The epoch this step belongs to, from 1. */
    public long epoch() {
        return (step - 1) / context.stepsPerEpoch() + 1;
    }

    /** Whether this step completes a pass over the data. */
    public boolean epochEnd() {
        return step % context.stepsPerEpoch() == 0;
    }

    /** Whether this is the run's last step. */
    public boolean last() {
        return step == context.totalSteps();
    }

    /** Whether {@code every} (a count of steps; 0 or less: never) divides this step. */
    public boolean every(long every) {
        return every > 0 && step % every == 0;
    }

    /** The step's losses by name, e.g. {@code d_loss}, {@code g_loss}, {@code d_real}. */
    public Map<String, Float> losses() {
        return losses;
    }

    /** A loss by name, or NaN when the model has none of that name. */
    public float loss(String name) {
        Float v = losses.get(name);
        return v == null ? Float.NaN : v;
    }

    /**
     * Ends training after this step: a checkpoint of it is saved, and the run's final files
     * (progress.gif, loss.png) are written as for a completed run.
     */
    public void requestStop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    /**
     * Treats this step as a divergence, like a NaN loss: {@code --on-divergence} stops training
     * (the last good checkpoint is kept) or rolls back to that checkpoint with halved learning
     * rates. Listeners after this one do not see the step.
     */
    public void reportDivergence(String message) {
        if (divergence == null) {
            divergence = message;
        }
    }

    String stopReason() {
        return stopReason;
    }

    String divergence() {
        return divergence;
    }
}
