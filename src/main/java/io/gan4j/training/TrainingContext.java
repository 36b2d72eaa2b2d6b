package io.gan4j.training;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.gan4j.data.LabeledImages;
import io.gan4j.models.Gan;
import io.gan4j.options.Options;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What listeners may read about a run in progress: its configuration, output directory, model,
 * length, and (for the built-in listeners) its optimizers and weight average, which checkpoints
 * hold. The model's weights change with every step: read them, never modify them.
 */
public final class TrainingContext {

    private final TrainConfig config;
    private final Path outputDir;
    private final PrintStream console;
    private final NDManager manager;
    private final Gan gan;
    private final Map<String, Optimizer> optimizers;
    private final Ema ema;
    private final LabeledImages images;
    private final int stepsPerEpoch;
    private final long totalSteps;
    private final long startStep;

    TrainingContext(TrainConfig config, Path outputDir, PrintStream console, NDManager manager, Gan gan,
            Map<String, Optimizer> optimizers, Ema ema, LabeledImages images, int stepsPerEpoch, long totalSteps, long startStep) {
        this.config = config;
        this.outputDir = outputDir;
        this.console = console;
        this.manager = manager;
        this.gan = gan;
        this.optimizers = optimizers;
        this.ema = ema;
        this.images = images;
        this.stepsPerEpoch = stepsPerEpoch;
        this.totalSteps = totalSteps;
        this.startStep = startStep;
    }

    /** The run's configuration (as saved in config.json). */
    public TrainConfig config() {
        return config;
    }

    /** The run directory: config.json, metrics.jsonl, samples/, checkpoints/. */
    public Path outputDir() {
        return outputDir;
    }

    /** Where the run's messages go (the CLI's standard output). */
    public PrintStream console() {
        return console;
    }

    /** The manager that owns the model's arrays; arrays a listener makes belong in a sub-manager or scope of it. */
    public NDManager manager() {
        return manager;
    }

    /** The model being trained. */
    public Gan gan() {
        return gan;
    }

    /** The training images (already resized), or null for a model that trains on none (pattern, pix2pix). */
    public LabeledImages images() {
        return images;
    }

    /** Generator steps per pass over the data. */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** The step the run ends at. */
    public long totalSteps() {
        return totalSteps;
    }

    /** The step training started from: 0, or the checkpoint's step on a resume. */
    public long startStep() {
        return startStep;
    }

    Map<String, Optimizer> optimizers() {
        return optimizers;
    }

    Ema ema() {
        return ema;
    }

    /** Whether the sample grid is drawn after {@code event}'s step: at epoch ends, every --sample-every steps, at the end. */
    boolean gridDue(StepEvent event) {
        return event.epochEnd() || event.every(config.get(Options.SAMPLE_EVERY)) || event.last();
    }

    /**
     * Runs {@code action} with the generator's sampling weights: its weight average when the run
     * keeps one. The scope frees every array the action made, including intermediates that layers
     * create in the parameters' long-lived manager (LabelChannels' per-class term).
     */
    public void withSamplingWeights(Runnable action) {
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
}
