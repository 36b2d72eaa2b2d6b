package io.gan4j.training;

/**
 * Side work of the training loop: everything {@link Trainer#run} does besides training (progress
 * bar, metrics.jsonl, sample grids, checkpoints, evaluation, the health monitor) is a listener,
 * and a user's listener is called the same way, after the built-in ones. The pattern is DJL's
 * {@code ai.djl.training.listener.TrainingListener}, reduced to what a GAN's loop has: no
 * validation batches, two networks' losses per step.
 *
 * <p>Every method has an empty default, so a listener implements only what it needs. Listeners
 * run on the training thread, between steps; a slow listener slows training.
 */
public interface TrainingListener {

    /**
     * Called once before the first step (also on a resumed run, whose {@link TrainingContext#startStep()}
     * is then the checkpoint's step).
     */
    default void onTrainingBegin(TrainingContext context) {}

    /**
     * Called after each step's updates with its losses. {@link StepEvent#requestStop} ends training
     * after this step; {@link StepEvent#reportDivergence} treats it as diverged ({@code --on-divergence}).
     */
    default void onStep(StepEvent event) {}

    /**
     * Training continues from an earlier step (a rollback after a divergence): forget what was
     * seen after {@code step}.
     */
    default void onRollback(TrainingContext context, long step) {}

    /**
     * Called once when training ends, however it ends ({@link TrainingEnd#reason()}); also when a
     * step failed, so that a listener can release what it holds.
     */
    default void onTrainingEnd(TrainingContext context, TrainingEnd end) {}
}
