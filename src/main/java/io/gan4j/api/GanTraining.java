package io.gan4j.api;

import io.gan4j.Gan4jException;
import io.gan4j.Engines;
import io.gan4j.models.Gan;
import io.gan4j.models.Models;
import io.gan4j.options.Option;
import io.gan4j.options.Options;
import io.gan4j.training.TrainConfig;
import io.gan4j.training.Trainer;
import io.gan4j.training.TrainingListener;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A training run, configured with a {@link Builder}: the model, its options (typed keys whose
 * unset values come from the model's recipe), its data, its output directory and listeners.
 * {@link #train()} runs it with gan4j's one training loop, writing the same run directory as
 * {@code gan4j train} (config.json, metrics.jsonl, samples/, checkpoints/), which the CLI's
 * {@code sample}, {@code eval}, {@code dashboard} and {@code train --resume} then accept.
 */
public final class GanTraining {

    private final TrainConfig config;
    private final TrainingData data;
    private final Path output;
    private final PrintStream console;
    private final List<TrainingListener> listeners;

    private GanTraining(Builder b) {
        this.config = Models.resolve(b.config);
        this.data = b.data;
        this.output = b.output;
        this.console = b.console;
        this.listeners = List.copyOf(b.listeners);
    }

    /** A new builder; {@link Builder#model} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The resolved configuration (recipe defaults filled in), as config.json will record it. */
    public TrainConfig config() {
        return config;
    }

    /**
     * Trains to the configured number of steps (or epochs). Blocks until training ends; a
     * listener may end it earlier. Throws {@link Gan4jException} on a divergence (with
     * {@code on-divergence stop}) or bad input.
     */
    public TrainingResult train() {
        Engines.configure(config.get(Options.THREADS));
        Trainer trainer = new Trainer(config, output, console);
        listeners.forEach(trainer::addListener);
        long steps = trainer.run(false, data.images());
        return new TrainingResult(output, steps);
    }

    /** The outcome of {@link #train()}. */
    public record TrainingResult(Path runDir, long steps) {

        /** The trained generator, from the run's latest checkpoint; close it when done. */
        public Generator generator() {
            return Generator.load(runDir);
        }
    }

    /** Configures a {@link GanTraining}. */
    public static final class Builder {

        private final TrainConfig config = new TrainConfig();
        private TrainingData data = TrainingData.digits();
        private Path output;
        private PrintStream console = new PrintStream(OutputStream.nullOutputStream());
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder() {}

        /** The model by its registered name, e.g. {@code "dcgan"} (see {@code gan4j models}). */
        public Builder model(String name) {
            config.model = Models.get(name).name();
            return this;
        }

        /** The model by its class, e.g. a variant registered from outside gan4j. */
        public Builder model(Class<? extends Gan> type) {
            config.model = Models.nameOf(type);
            return this;
        }

        /** Sets an option; options left unset take the model's recipe values. */
        public <T> Builder set(Option<T> option, T value) {
            config.set(option, value);
            return this;
        }

        /** The training images (default: the embedded digits). */
        public Builder data(TrainingData data) {
            this.data = data;
            return this;
        }

        /** The run directory, which must not hold a run yet. */
        public Builder output(Path directory) {
            this.output = directory;
            return this;
        }

        /** Where progress and warnings are printed (default: nowhere; pass {@code System.out} to see them). */
        public Builder console(PrintStream console) {
            this.console = console;
            return this;
        }

        /** Adds a listener, called after gan4j's own at every step. */
        public Builder addListener(TrainingListener listener) {
            listeners.add(listener);
            return this;
        }

        /** The configured run; checks that a model and an output directory were given. */
        public GanTraining build() {
            if (config.model == null) {
                throw new Gan4jException("GanTraining needs a model: builder().model(\"dcgan\")");
            }
            if (output == null) {
                throw new Gan4jException("GanTraining needs an output directory: builder().output(Path.of(\"runs/x\"))");
            }
            config.set(Options.DATA, data.configValue());
            return new GanTraining(this);
        }
    }
}
