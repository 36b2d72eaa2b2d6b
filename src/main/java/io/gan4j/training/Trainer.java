package io.gan4j.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import io.gan4j.Gan4jException;
import io.gan4j.Runtime;
import io.gan4j.data.Datasets;
import io.gan4j.data.LabeledImages;
import io.gan4j.data.Split;
import io.gan4j.evaluation.GanEvaluation;
import io.gan4j.io.AtomicFiles;
import io.gan4j.io.Json;
import io.gan4j.io.LossPlot;
import io.gan4j.layers.DropoutMasks;
import io.gan4j.models.Gan;
import io.gan4j.models.ModelSpec;
import io.gan4j.models.Models;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one training loop every GAN shares: per step, a discriminator update (or the model's
 * {@code discriminatorStepsPerGeneratorStep()} of them, each on its own batch; the pattern GAN's
 * is two, see {@code Gan#discriminatorUpdates}) then a generator update, each applied to its own
 * networks only; losses (d_loss: the last batch's, the mean over its updates) logged to metrics.jsonl, sample grids and checkpoints at epoch ends. Every random
 * draw of a step comes from libtorch's generator reseeded from (seed, step), and batches from
 * {@link DataSource}, so a resumed run is exact.
 */
public final class Trainer {

    private final TrainConfig config;
    private final Path out;
    private final PrintStream console;
    private boolean interrupted;
    private int rollbacks;

    static final int MAX_ROLLBACKS = 3;

    public Trainer(TrainConfig config, Path out, PrintStream console) {
        this.config = config;
        this.out = out;
        this.console = console;
    }

    /** Trains from scratch, or from {@code out}'s latest checkpoint when {@code resume}; returns the final step. */
    public long run(boolean resume) {
        ModelSpec spec = Models.get(config.model);
        if (!resume && Files.exists(out.resolve("config.json"))) {
            throw new Gan4jException(out + " already holds a run: continue it with --resume " + out + " or choose another --out");
        }
        Preflight.requireWritable(out);
        // The handler goes in after the engine has loaded: libtorch installs its own SIGINT handler, which ignores Ctrl-C.
        try (NDManager manager = Runtime.newManager(config.device); Interrupt interrupt = Interrupt.onSigint()) {
            LabeledImages images = spec.usesImages() ? Datasets.load(config.data, Split.TRAIN) : null;
            if (images != null) {
                images = config.imageSize == null ? images : images.resized(config.imageSize);
                config.imageShape = new int[] {1, images.rows(), images.cols()};
                config.numClasses = images.numClasses();
                Preflight.requireBatchFits(config, images);
            }
            Runtime.seed(config.seed);
            Gan gan = Models.create(config, manager);
            Map<String, Optimizer> optimizers = optimizers(config, gan, manager);
            Ema ema = config.emaDecay > 0 ? new Ema(gan.generator(), config.emaDecay, manager) : null;
            DataSource data = gan.realData(images, manager);
            // An epoch: the generator steps that use up one pass over the data.
            int stepsPerEpoch = Math.max(1, data.stepsPerEpoch() / gan.discriminatorStepsPerGeneratorStep());
            long total = config.steps != null ? config.steps : (long) config.epochs * stepsPerEpoch;
            if (total <= 0) {
                throw new Gan4jException("nothing to train: --steps/--epochs must be positive");
            }
            Preflight.requireSpace(out, gan, ema != null);
            MetricsLog metrics = new MetricsLog(out.resolve("metrics.jsonl"));
            long step = 0;
            if (resume) {
                step = Checkpoint.loadForResume(Checkpoint.resolve(out), gan, optimizers, ema, manager);
                metrics.truncateAfter(step);
            }
            config.totalSteps = total;
            AtomicFiles.writeString(out.resolve("config.json"), Json.GSON.toJson(config));
            SampleGrids grids = new SampleGrids(gan, out.resolve("samples"), config.seed, manager);
            if (step == 0) {
                withSamplingWeights(ema, () -> grids.write(0));
                if (rollsBack()) {
                    Checkpoint.save(out.resolve("checkpoints").resolve(Checkpoint.LATEST), config, 0, gan, optimizers, ema);
                }
            }
            console.printf("training %s: steps %d..%d, %d steps/epoch, output in %s%n",
                    config.model, step, total, stepsPerEpoch, out);
            try (Progress progress = new Progress(config.model, step, total, console)) {
                while (step < total) {
                    if (interrupt.requested()) {
                        metrics.flush();
                        checkpoint(gan, optimizers, ema, step, stepsPerEpoch);
                        interrupted = true;
                        break;
                    }
                    Map<String, Float> losses;
                    try {
                        losses = trainStep(config, gan, optimizers, data, step, manager);
                        long next = step + 1;
                        if (next % config.logEvery == 0 || next % stepsPerEpoch == 0 || next == total) {
                            requireFiniteWeights(gan, next); // before any checkpoint could keep them
                        }
                    } catch (Divergence e) {
                        step = rollBack(e, gan, optimizers, ema, metrics, manager);
                        continue;
                    }
                    if (ema != null) {
                        ema.update(step);
                    }
                    step++;
                    long done = step;
                    metrics.add(step, (step - 1) / stepsPerEpoch + 1, losses);
                    progress.update(step, losses.containsKey("g_loss")
                            ? String.format("D %.4f G %.4f", losses.get("d_loss"), losses.get("g_loss"))
                            : String.format("D %.4f", losses.get("d_loss")));
                    boolean epochEnd = step % stepsPerEpoch == 0;
                    if (step % config.logEvery == 0 || epochEnd || step == total) {
                        metrics.flush();
                    }
                    if (epochEnd || (config.sampleEvery > 0 && step % config.sampleEvery == 0) || step == total) {
                        withSamplingWeights(ema, () -> grids.write(done));
                    }
                    if (epochEnd || step == total) {
                        checkpoint(gan, optimizers, ema, step, stepsPerEpoch);
                    }
                    if (config.evalEvery > 0 && step % config.evalEvery == 0) {
                        withSamplingWeights(ema, () -> GanEvaluation.appendToMetrics(gan, config, done,
                                out.resolve("metrics.jsonl"), manager, console));
                    }
                }
            }
            if (interrupted) {
                console.println("interrupted at step " + step + "; checkpoint saved; resume with ./gan4j train --resume " + out);
                return step;
            }
            grids.writeGif(out.resolve("progress.gif"));
            LossPlot.write(out.resolve("metrics.jsonl"), out.resolve("loss.png"));
            console.println("done: " + out.toAbsolutePath());
            return step;
        }
    }

    /** Whether the run stopped early at a Ctrl-C, with a checkpoint of where it got to. */
    public boolean interrupted() {
        return interrupted;
    }

    private boolean rollsBack() {
        return "rollback".equals(config.onDivergence);
    }

    /**
     * {@code --on-divergence rollback}: reloads the latest checkpoint and halves both learning
     * rates, at most {@link #MAX_ROLLBACKS} times; otherwise (or then) stops with the divergence's
     * message. Returns the step training continues from.
     */
    private long rollBack(Divergence e, Gan gan, Map<String, Optimizer> optimizers, Ema ema, MetricsLog metrics, NDManager manager) {
        Path latest = out.resolve("checkpoints").resolve(Checkpoint.LATEST);
        String kept = Files.isDirectory(latest) ? "; the last good checkpoint is kept in " + latest
                : "; no checkpoint had been written yet";
        if (!rollsBack()) {
            throw new Gan4jException(e.getMessage() + "; training stopped" + kept + " (--on-divergence rollback would"
                    + " retry from the last checkpoint with halved learning rates)", e);
        }
        if (rollbacks == MAX_ROLLBACKS) {
            throw new Gan4jException(e.getMessage() + "; training stopped after " + MAX_ROLLBACKS + " rollbacks" + kept, e);
        }
        rollbacks++;
        config.lrGenerator /= 2;
        config.lrDiscriminator /= 2;
        optimizers.values().forEach(optimizer -> optimizer.scaleLearningRate(0.5f));
        metrics.flush();
        long step = Checkpoint.loadForResume(Checkpoint.resolve(out), gan, optimizers, ema, manager);
        metrics.truncateAfter(step);
        AtomicFiles.writeString(out.resolve("config.json"), Json.GSON.toJson(config));
        console.printf("%n%s; rolled back to step %d, learning rates halved to G %g D %g (rollback %d of %d)%n",
                e.getMessage(), step, config.lrGenerator, config.lrDiscriminator, rollbacks, MAX_ROLLBACKS);
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
     * Samples come from the generator's weight average when the run keeps one. The scope frees
     * every array the grids or evaluation made, including intermediates that layers create in
     * the parameters' long-lived manager (LabelChannels' per-class term).
     */
    private static void withSamplingWeights(Ema ema, Runnable action) {
        try (NDScope scope = new NDScope()) {
            if (ema == null) {
                action.run();
            } else {
                ema.withAverage(() -> {
                    action.run();
                    return null;
                });
            }
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
            float lr = gan.discriminatorSide().contains(net) ? config.lrDiscriminator : config.lrGenerator;
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
                DropoutMasks.Step masks = DropoutMasks.openStep()) {
            // n discriminator updates, each with its own seed and batch (index step·n + i; for
            // n = 1 those of the step itself); the generator update follows on the last batch.
            int n = gan.discriminatorStepsPerGeneratorStep();
            Batch real = null;
            for (int i = 0; i < n; i++) {
                Runtime.seed(stepSeed(config.seed, step * n + i));
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
        if (config.lrDecay == null || config.lrDecay == 0 || config.totalSteps == null) {
            return 1f;
        }
        long decaySteps = Math.max(1, Math.round(config.lrDecay * config.totalSteps));
        long left = config.totalSteps - step;
        return left >= decaySteps ? 1f : (float) left / decaySteps;
    }

    /**
     * One optimizer update of {@code side}, with every other network frozen while the loss is
     * computed and back-propagated (PyTorch's {@code D.requires_grad_(False)} for the generator's
     * update): gradients still flow through a frozen network to its inputs, but none is computed
     * for its weights, and a frozen generator builds no autograd graph for the discriminator
     * update's fakes. Freezing reads detached aliases of the weights ({@link Network#setFrozen})
     * rather than toggling their requires-grad flags; either gives the same updates as back-
     * propagating into every network and zeroing the others' gradients (FreezingTest checks all three).
     */
    public static void update(Gan gan, List<Network> side, Map<String, ? extends Optimizer> optimizers, Supplier<StepLoss> lossFn,
            String name, Map<String, Float> logged, long step) {
        StepLoss loss;
        for (Network net : gan.networks()) {
            net.setFrozen(!side.contains(net));
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

    private void checkpoint(Gan gan, Map<String, Optimizer> optimizers, Ema ema, long step, int stepsPerEpoch) {
        Path dir = out.resolve("checkpoints");
        Checkpoint.save(dir.resolve(Checkpoint.LATEST), config, step, gan, optimizers, ema);
        long epoch = step / stepsPerEpoch;
        if (step % stepsPerEpoch == 0 && epoch % config.checkpointEvery == 0) {
            Checkpoint.save(dir.resolve(String.format("epoch-%04d", epoch)), config, step, gan, optimizers, ema);
        }
    }

    /** A per-step seed for libtorch (splitmix64 of seed and step, folded to the engine's int). */
    static long stepSeed(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step + 1;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
