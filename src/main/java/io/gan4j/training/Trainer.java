package io.gan4j.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import io.gan4j.Gan4jException;
import io.gan4j.Engines;
import io.gan4j.NativeOps;
import io.gan4j.data.Datasets;
import io.gan4j.data.LabeledImages;
import io.gan4j.data.Split;
import io.gan4j.io.AtomicFiles;
import io.gan4j.io.Json;
import io.gan4j.layers.DropoutMasks;
import io.gan4j.models.Gan;
import io.gan4j.models.ModelSpec;
import io.gan4j.models.Models;
import io.gan4j.options.Options;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one training loop every GAN shares: per step, a discriminator update (or the model's
 * {@code discriminatorStepsPerGeneratorStep()} of them, each on its own batch; the pattern GAN's
 * D makes two updates per batch, see {@code Gan#discriminatorUpdates}) then a generator update,
 * each applied to its own networks only. Everything else hangs off the loop as
 * {@link TrainingListener}s, called in this order after each step: the health monitor (which may
 * report a divergence before anything is saved), metrics.jsonl, the progress display, sample
 * grids, checkpoints, periodic evaluation, then the caller's listeners. Every random draw of a
 * step comes from libtorch's generator reseeded from (seed, step), and batches from
 * {@link DataSource}, so a resumed run is exact.
 */
public final class Trainer {

    private final TrainConfig config;
    private final Path out;
    private final PrintStream console;
    private final List<TrainingListener> extraListeners = new ArrayList<>();
    private int stopStatus;
    private int rollbacks;

    static final int MAX_ROLLBACKS = 3;

    public Trainer(TrainConfig config, Path out, PrintStream console) {
        this.config = config;
        this.out = out;
        this.console = console;
    }

    /** Adds a listener, called after the built-in ones at every step of {@link #run}. */
    public Trainer addListener(TrainingListener listener) {
        extraListeners.add(listener);
        return this;
    }

    /** Trains from scratch, or from {@code out}'s latest checkpoint when {@code resume}; returns the final step. */
    public long run(boolean resume) {
        return run(resume, null);
    }

    /**
     * As {@link #run(boolean)}, with the training images given rather than loaded from
     * {@code config.data} (the Java API's data sources); null loads them as configured.
     */
    public long run(boolean resume, LabeledImages given) {
        ModelSpec spec = Models.get(config.model);
        if (!resume && Files.exists(out.resolve("config.json"))) {
            throw new Gan4jException(out + " already holds a run: continue it with --resume " + out + " or choose another --out");
        }
        Preflight.requireWritable(out);
        // The handlers go in after the engine has loaded: libtorch installs its own SIGINT handler, which ignores Ctrl-C.
        Interrupt signals = null;
        try (NDManager manager = Engines.newManager(config.get(Options.DEVICE)); Interrupt interrupt = Interrupt.onSignals()) {
            signals = interrupt;
            LabeledImages images = !spec.usesImages() ? null
                    : given == null ? ConfiguredData.load(config, Split.TRAIN, console)
                    : config.get(Options.IMAGE_SIZE) == null ? given : given.resized(config.get(Options.IMAGE_SIZE));
            if (images != null) {
                ConfiguredData.requireClasses(config, images);
                config.imageShape = new int[] {images.channels(), images.rows(), images.cols()};
                config.numClasses = images.numClasses();
                config.classNames = images.classNames();
                Preflight.requireBatchFits(config, images);
            }
            Engines.seed(config.get(Options.SEED));
            Gan gan = Models.create(config, manager);
            Map<String, Optimizer> optimizers = optimizers(config, gan, manager);
            Ema ema = config.get(Options.EMA) > 0 ? new Ema(gan.generator(), config.get(Options.EMA), manager) : null;
            DataSource data = gan.realData(images, manager);
            // An epoch: the generator steps that use up one pass over the data.
            int stepsPerEpoch = Math.max(1, data.stepsPerEpoch() / gan.discriminatorStepsPerGeneratorStep());
            Long steps = config.get(Options.STEPS);
            long total = steps != null ? steps : (long) config.get(Options.EPOCHS) * stepsPerEpoch;
            if (total <= 0) {
                throw new Gan4jException("nothing to train: --steps/--epochs must be positive");
            }
            Preflight.requireSpace(out, gan, ema != null);
            long step = resume ? Checkpoint.loadForResume(Checkpoint.resolve(out), gan, optimizers, ema, manager) : 0;
            config.totalSteps = total;
            TrainingContext context = new TrainingContext(config, out, console, manager, gan, optimizers, ema, images,
                    stepsPerEpoch, total, step);
            MetricsLog metrics = new MetricsLog(out.resolve("metrics.jsonl"));
            SampleGrids grids = new SampleGrids(gan, out.resolve("samples"), config.get(Options.SEED), manager);
            List<TrainingListener> listeners = new ArrayList<>(List.of(new HealthMonitor(metrics, grids), metrics,
                    new Progress(), grids, new Checkpoints(), new PeriodicEvaluation()));
            listeners.addAll(extraListeners);
            TrainingEnd end = train(context, listeners, data, interrupt, step);
            switch (end.reason()) {
                case INTERRUPTED -> console.println("interrupted at step " + end.step()
                        + "; checkpoint saved; resume with ./gan4j train --resume " + out);
                case STOPPED -> console.println("stopped at step " + end.step() + " (" + end.message() + "): "
                        + out.toAbsolutePath());
                default -> console.println("done: " + out.toAbsolutePath() + "; samples: "
                        + out.resolve(String.format("samples/step-%07d.png", end.step())));
            }
            return end.step();
        } finally {
            // A signal after the loop's last check (while the run wrote its final checkpoint, grids and GIF) was
            // caught and would be lost: the run is complete, but the process was asked to stop, and a caller that
            // goes on (train --dashboard serves until stopped) must not wait for a second one. Read once the
            // handlers are gone: a signal caught later goes to the handler restored (Interrupt.close).
            if (signals != null && stopStatus == 0) {
                stopStatus = signals.exitStatus();
            }
        }
    }

    /**
     * The loop: steps until the total, a Ctrl-C, a listener's stop or a failure, with every
     * listener told how it began and how it ended.
     */
    private TrainingEnd train(TrainingContext context, List<TrainingListener> listeners, DataSource data,
            Interrupt interrupt, long start) {
        long step = start;
        TrainingEnd end;
        try {
            console.printf("training %s: steps %d..%d, %d steps/epoch, output in %s%n",
                    config.model, start, context.totalSteps(), context.stepsPerEpoch(), out);
            for (TrainingListener listener : listeners) {
                listener.onTrainingBegin(context);
            }
            // After the listeners' start (a resume truncates metrics.jsonl to its checkpoint first).
            AtomicFiles.writeString(out.resolve("config.json"), Json.GSON.toJson(config));
            end = null;
            while (end == null) {
                if (step >= context.totalSteps()) {
                    end = new TrainingEnd(step, TrainingEnd.Reason.COMPLETED, null);
                } else if (interrupt.requested()) {
                    stopStatus = interrupt.exitStatus();
                    end = new TrainingEnd(step, TrainingEnd.Reason.INTERRUPTED, null);
                } else {
                    StepEvent event;
                    try {
                        event = step(context, listeners, data, step);
                    } catch (Divergence e) {
                        step = rollBack(e, context, listeners);
                        continue;
                    }
                    step++;
                    if (event.stopReason() != null) {
                        end = new TrainingEnd(step, TrainingEnd.Reason.STOPPED, event.stopReason());
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            TrainingEnd failed = new TrainingEnd(step, TrainingEnd.Reason.FAILED, e.getMessage());
            for (TrainingListener listener : listeners) {
                try {
                    listener.onTrainingEnd(context, failed);
                } catch (RuntimeException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
        for (TrainingListener listener : listeners) {
            listener.onTrainingEnd(context, end);
        }
        return end;
    }

    /**
     * Trains step {@code step} + 1 and tells the listeners, in order, until one reports a
     * divergence; a NaN loss, non-finite weights (checked whenever metrics are logged, before any
     * checkpoint could keep them) or a reported divergence throw {@link Divergence}.
     */
    private StepEvent step(TrainingContext context, List<TrainingListener> listeners, DataSource data, long step) {
        Gan gan = context.gan();
        Map<String, Float> losses = trainStep(config, gan, context.optimizers(), data, step, context.manager());
        long next = step + 1;
        if (next % config.get(Options.LOG_EVERY) == 0 || next % context.stepsPerEpoch() == 0 || next == context.totalSteps()
                || Checkpoints.numberedStep(config, next)) {
            requireFiniteWeights(gan, next);
        }
        if (context.ema() != null) {
            context.ema().update(step);
        }
        StepEvent event = new StepEvent(context, next, losses);
        for (TrainingListener listener : listeners) {
            listener.onStep(event);
            if (event.divergence() != null) {
                throw new Divergence(event.divergence());
            }
        }
        return event;
    }

    /**
     * Whether a Ctrl-C or SIGTERM stopped the run: early, with a checkpoint of where it got to, or
     * while it was writing its final outputs.
     */
    public boolean interrupted() {
        return stopStatus != 0;
    }

    /** The process's exit status for how the run ended: 0 when it ran to the end, 130/143 after SIGINT/SIGTERM (at any point). */
    public int exitStatus() {
        return stopStatus;
    }

    /**
     * {@code --on-divergence rollback}: reloads the latest checkpoint and halves both learning
     * rates, at most {@link #MAX_ROLLBACKS} times; otherwise (or then) stops with the divergence's
     * message. Returns the step training continues from.
     */
    private long rollBack(Divergence e, TrainingContext context, List<TrainingListener> listeners) {
        Path latest = out.resolve("checkpoints").resolve(Checkpoint.LATEST);
        String kept = Files.isDirectory(latest) ? "; the last good checkpoint is kept in " + latest
                : "; no checkpoint had been written yet";
        if (!"rollback".equals(config.get(Options.ON_DIVERGENCE))) {
            throw new Gan4jException(e.getMessage() + "; training stopped" + kept + " (--on-divergence rollback would"
                    + " retry from the last checkpoint with halved learning rates)", e);
        }
        if (rollbacks == MAX_ROLLBACKS) {
            throw new Gan4jException(e.getMessage() + "; training stopped after " + MAX_ROLLBACKS + " rollbacks" + kept, e);
        }
        rollbacks++;
        config.set(Options.LR_G, config.get(Options.LR_G) / 2);
        config.set(Options.LR_D, config.get(Options.LR_D) / 2);
        context.optimizers().values().forEach(optimizer -> optimizer.scaleLearningRate(0.5f));
        long step = Checkpoint.loadForResume(Checkpoint.resolve(out), context.gan(), context.optimizers(), context.ema(),
                context.manager());
        for (TrainingListener listener : listeners) {
            listener.onRollback(context, step);
        }
        AtomicFiles.writeString(out.resolve("config.json"), Json.GSON.toJson(config));
        console.printf("%n%s; rolled back to step %d, learning rates halved to G %g D %g (rollback %d of %d)%n",
                e.getMessage(), step, config.get(Options.LR_G), config.get(Options.LR_D), rollbacks, MAX_ROLLBACKS);
        return step;
    }

    /** NaN or infinity in any weight or running statistic (a sum is finite only if every value is). */
    private static void requireFiniteWeights(Gan gan, long step) {
        try (NDScope scope = new NDScope()) {
            for (Network net : gan.networks()) {
                for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : net.block().getParameters()) {
                    float sum = p.getValue().getArray().sum().getFloat();
                    if (!Float.isFinite(sum)) {
                        throw new Divergence("the " + net.name() + "'s weights " + p.getKey() + " became non-finite (sum "
                                + sum + ") at step " + step);
                    }
                }
            }
        }
    }

    /** A loss or a weight became NaN or infinite. */
    static final class Divergence extends Gan4jException {
        Divergence(String message) {
            super(message);
        }
    }

    /**
     * One optimizer per network (checkpoints hold each one's state), with the learning rate of its
     * side: the discriminator's for a network on D's side (also if it is on both: InfoGAN's Q),
     * the generator's otherwise; a network on neither side (sgan's baseline generator) gets one
     * that never steps.
     */
    static Map<String, Optimizer> optimizers(TrainConfig config, Gan gan, NDManager manager) {
        Map<String, Optimizer> map = new LinkedHashMap<>();
        for (Network net : gan.networks()) {
            float lr = gan.discriminatorSide().contains(net) ? config.get(Options.LR_D) : config.get(Options.LR_G);
            map.put(net.name(), Optimizer.create(config, net.trainableParameters(), manager, lr));
        }
        return map;
    }

    /** One training step (D update, then G update) in its own memory scope; returns the logged losses. */
    static Map<String, Float> trainStep(TrainConfig config, Gan gan, Map<String, Optimizer> optimizers, DataSource data, long step,
            NDManager manager) {
        Map<String, Float> logged = new LinkedHashMap<>();
        float schedule = learningRateFactor(config, step);
        optimizers.values().forEach(optimizer -> optimizer.setSchedule(schedule));
        try (NDManager stepManager = manager.newSubManager(); NDScope scope = new NDScope();
                DropoutMasks.Step masks = DropoutMasks.openStep();
                NativeOps.Scope precision = NativeOps.bfloat16("bf16".equals(config.get(Options.PRECISION)))) {
            // n discriminator updates, each with its own seed and batch (index step·n + i; for
            // n = 1 those of the step itself); the generator update follows on the last batch.
            int n = gan.discriminatorStepsPerGeneratorStep();
            Batch real = null;
            for (int i = 0; i < n; i++) {
                Engines.seed(stepSeed(config.get(Options.SEED), step * n + i));
                Batch batch = data.batch(step * n + i, stepManager);
                List<Function<Batch, StepLoss>> updates = gan.discriminatorUpdates();
                float sum = 0;
                for (Function<Batch, StepLoss> loss : updates) {
                    update(gan, gan.discriminatorSide(), optimizers, () -> loss.apply(batch), "d_loss", logged, step);
                    sum += logged.get("d_loss");
                }
                logged.put("d_loss", sum / updates.size());
                real = batch;
            }
            Batch last = real;
            if (!gan.generatorSide().isEmpty()) {
                update(gan, gan.generatorSide(), optimizers, () -> gan.generatorLoss(last), "g_loss", logged, step);
            }
        }
        return logged;
    }

    /**
     * The learning rates' factor at {@code step}: 1, then over the last {@code lrDecay} share of
     * the run's steps falling linearly to 1/n at its last step (n the decay's length). A function of
     * the step alone, so resuming stays exact as long as the run's length is unchanged.
     */
    static float learningRateFactor(TrainConfig config, long step) {
        float decay = config.get(Options.LR_DECAY, 0f);
        if (decay == 0 || config.totalSteps == null) {
            return 1f;
        }
        long decaySteps = Math.max(1, Math.round(decay * config.totalSteps));
        long left = config.totalSteps - step;
        return left >= decaySteps ? 1f : (float) left / decaySteps;
    }

    /**
     * One optimizer update of {@code side}, with every other network frozen while the loss is
     * computed and back-propagated (PyTorch's {@code D.requires_grad_(False)} for the generator's
     * update): gradients still flow through a frozen network to its inputs, but none is computed
     * for its weights, and a frozen generator builds no autograd graph for the discriminator
     * update's fakes ({@link #frozenDuring}: with reused fakes the generator side stays unfrozen, so
     * that they carry G's graph into its update). Freezing reads detached aliases of the weights
     * ({@link Network#setFrozen}) rather than toggling their requires-grad flags; either gives the
     * same updates as back-propagating into every network and zeroing the others' gradients
     * (FreezingTest checks all three).
     */
    public static void update(Gan gan, List<Network> side, Map<String, ? extends Optimizer> optimizers, Supplier<StepLoss> lossFn,
            String name, Map<String, Float> logged, long step) {
        StepLoss loss;
        for (Network net : gan.networks()) {
            net.setFrozen(frozenDuring(gan, side, net));
        }
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            loss = lossFn.get();
            collector.backward(loss.total());
        } finally {
            for (Network net : gan.networks()) {
                net.setFrozen(false);
            }
        }
        float[] values = loss.values();
        float total = values[0];
        if (!Float.isFinite(total)) {
            throw new Divergence(name + " became " + total + " at step " + (step + 1));
        }
        for (Network net : side) {
            optimizers.get(net.name()).step();
        }
        logged.put(name, total);
        int i = 1;
        for (String part : loss.parts().keySet()) {
            logged.put(part, values[i++]);
        }
    }

    /**
     * Whether {@code net} is kept out of the update of {@code side}: every network of the other
     * side, except the generator side when the model reuses the D update's fakes in G's update.
     */
    static boolean frozenDuring(Gan gan, List<Network> side, Network net) {
        return !side.contains(net) && !(gan.reusesFakes() && gan.generatorSide().contains(net));
    }

    /** A per-step seed for libtorch (splitmix64 of seed and step, folded to the engine's int). */
    static long stepSeed(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step + 1;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
