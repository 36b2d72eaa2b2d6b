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
import io.gan4j.models.Gan;
import io.gan4j.models.ModelSpec;
import io.gan4j.models.Models;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one training loop every GAN shares: per step, a discriminator update then a generator
 * update, each with only its own networks unfrozen; losses logged to metrics.jsonl, sample grids
 * and checkpoints at epoch ends. Every random draw of a step comes from libtorch's generator
 * reseeded from (seed, step), and batches from {@link DataSource}, so a resumed run is exact.
 */
public final class Trainer {

    private final TrainConfig config;
    private final Path out;
    private final PrintStream console;

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
        try (NDManager manager = Runtime.newManager(config.device)) {
            LabeledImages images = spec.usesImages() ? Datasets.load(config.data, Split.TRAIN) : null;
            if (images != null) {
                images = config.imageSize == null ? images : images.resized(config.imageSize);
                config.imageShape = new int[] {1, images.rows(), images.cols()};
                config.numClasses = images.numClasses();
            }
            Runtime.seed(config.seed);
            Gan gan = Models.create(config, manager);
            Map<String, Adam> optimizers = optimizers(config, gan, manager);
            Ema ema = config.emaDecay > 0 ? new Ema(gan.generator(), config.emaDecay, manager) : null;
            DataSource data = gan.realData(images, manager);
            long total = config.steps != null ? config.steps : (long) config.epochs * data.stepsPerEpoch();
            if (total <= 0) {
                throw new Gan4jException("nothing to train: --steps/--epochs must be positive");
            }
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
            }
            console.printf("training %s: steps %d..%d, %d steps/epoch, output in %s%n",
                    config.model, step, total, data.stepsPerEpoch(), out);
            try (Progress progress = new Progress(config.model, step, total, console)) {
                while (step < total) {
                    Map<String, Float> losses = trainStep(config, gan, optimizers, data, step, manager);
                    if (ema != null) {
                        ema.update(step);
                    }
                    step++;
                    long done = step;
                    metrics.add(step, (step - 1) / data.stepsPerEpoch() + 1, losses);
                    progress.update(step, String.format("D %.4f G %.4f", losses.get("d_loss"), losses.get("g_loss")));
                    boolean epochEnd = step % data.stepsPerEpoch() == 0;
                    if (step % config.logEvery == 0 || epochEnd || step == total) {
                        metrics.flush();
                    }
                    if (epochEnd || (config.sampleEvery > 0 && step % config.sampleEvery == 0) || step == total) {
                        withSamplingWeights(ema, () -> grids.write(done));
                    }
                    if (epochEnd || step == total) {
                        checkpoint(gan, optimizers, ema, step, data.stepsPerEpoch());
                    }
                    if (config.evalEvery > 0 && step % config.evalEvery == 0) {
                        withSamplingWeights(ema, () -> GanEvaluation.appendToMetrics(gan, config, done,
                                out.resolve("metrics.jsonl"), manager, console));
                    }
                }
            }
            grids.writeGif(out.resolve("progress.gif"));
            LossPlot.write(out.resolve("metrics.jsonl"), out.resolve("loss.png"));
            console.println("done: " + out.toAbsolutePath());
            return step;
        }
    }

    /** Samples come from the generator's weight average when the run keeps one. */
    private static void withSamplingWeights(Ema ema, Runnable action) {
        if (ema == null) {
            action.run();
        } else {
            ema.withAverage(() -> {
                action.run();
                return null;
            });
        }
    }

    /** One Adam per network, with the configured learning rate of its side. */
    static Map<String, Adam> optimizers(TrainConfig config, Gan gan, NDManager manager) {
        Map<String, Adam> map = new LinkedHashMap<>();
        for (Network net : gan.discriminatorSide()) {
            map.put(net.name(), new Adam(net.trainableParameters(), manager, config.lrDiscriminator, config.beta1, config.beta2));
        }
        for (Network net : gan.generatorSide()) {
            map.put(net.name(), new Adam(net.trainableParameters(), manager, config.lrGenerator, config.beta1, config.beta2));
        }
        return map;
    }

    /** One training step (D update, then G update) in its own memory scope; returns the logged losses. */
    static Map<String, Float> trainStep(TrainConfig config, Gan gan, Map<String, Adam> optimizers, DataSource data, long step,
            NDManager manager) {
        Map<String, Float> logged = new LinkedHashMap<>();
        try (NDManager stepManager = manager.newSubManager(); NDScope scope = new NDScope()) {
            Runtime.seed(stepSeed(config.seed, step));
            Batch real = data.batch(step, stepManager);
            update(gan, gan.discriminatorSide(), optimizers, () -> gan.discriminatorLoss(real), "d_loss", logged, step);
            if (!gan.generatorSide().isEmpty()) {
                update(gan, gan.generatorSide(), optimizers, () -> gan.generatorLoss(real), "g_loss", logged, step);
            }
        }
        return logged;
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
    public static void update(Gan gan, List<Network> side, Map<String, Adam> optimizers, Supplier<StepLoss> lossFn,
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
            throw new Gan4jException(name + " became " + total + " at step " + (step + 1)
                    + "; training stopped, the last good checkpoint is kept");
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

    private void checkpoint(Gan gan, Map<String, Adam> optimizers, Ema ema, long step, int stepsPerEpoch) {
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
