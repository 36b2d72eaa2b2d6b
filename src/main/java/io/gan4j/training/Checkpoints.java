package io.gan4j.training;

import io.gan4j.options.Options;
import java.nio.file.Path;

/**
 * checkpoints/: {@code latest} at every epoch end, at the end, and when training stops early
 * (Ctrl-C, SIGTERM, a listener's stop), plus a numbered {@code epoch-NNNN} every {@code checkpointEvery}
 * epochs and a {@code step-NNNNNNN} every {@code checkpointEverySteps} steps; with {@code --on-divergence rollback} also at step 0, so that a rollback always has a
 * checkpoint to return to.
 */
final class Checkpoints implements TrainingListener {

    private long lastSaved = -1;

    @Override
    public void onTrainingBegin(TrainingContext context) {
        if (context.startStep() == 0 && "rollback".equals(context.config().get(Options.ON_DIVERGENCE))) {
            save(context, 0, false);
        }
    }

    @Override
    public void onStep(StepEvent event) {
        if (event.epochEnd() || event.last() || numberedStep(event.context().config(), event.step())) {
            save(event.context(), event.step(), true);
        }
    }

    @Override
    public void onTrainingEnd(TrainingContext context, TrainingEnd end) {
        boolean early = end.reason() == TrainingEnd.Reason.INTERRUPTED || end.reason() == TrainingEnd.Reason.STOPPED;
        if (early && end.step() != lastSaved) {
            save(context, end.step(), true);
        }
    }

    private void save(TrainingContext context, long step, boolean numbered) {
        TrainConfig config = context.config();
        Path dir = context.outputDir().resolve("checkpoints");
        Checkpoint.save(dir.resolve(Checkpoint.LATEST), config, step, context.gan(), context.optimizers(), context.ema());
        long epoch = step / context.stepsPerEpoch();
        if (numbered && step % context.stepsPerEpoch() == 0 && epoch % config.get(Options.CHECKPOINT_EVERY_EPOCHS) == 0) {
            Checkpoint.save(dir.resolve(String.format("epoch-%04d", epoch)), config, step, context.gan(),
                    context.optimizers(), context.ema());
        }
        if (numbered && numberedStep(config, step)) {
            Checkpoint.save(dir.resolve(String.format("step-%07d", step)), config, step, context.gan(),
                    context.optimizers(), context.ema());
        }
        lastSaved = step;
    }

    /** Whether a numbered checkpoint is due at this step by --checkpoint-every-steps. */
    static boolean numberedStep(TrainConfig config, long step) {
        int every = config.get(Options.CHECKPOINT_EVERY_STEPS);
        return every > 0 && step % every == 0;
    }
}
