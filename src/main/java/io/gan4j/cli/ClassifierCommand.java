package io.gan4j.cli;

import ai.djl.ndarray.NDManager;
import io.gan4j.Gan4jException;
import io.gan4j.Engines;
import io.gan4j.evaluation.Classifier;
import io.gan4j.evaluation.Classifiers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "classifier", mixinStandardHelpOptions = true,
        description = "Evaluation classifiers (the feature extractor of 'gan4j eval').",
        subcommands = {ClassifierCommand.Train.class})
final class ClassifierCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Train a classifier with a fixed seed, report its test accuracy, save weights + classifier.json.")
    static final class Train implements Runnable {

        @Option(names = "--data", defaultValue = "mnist",
                description = "mnist (embedded 8k/2k digits), fashion-mnist, or a directory of IDX files (default: ${DEFAULT-VALUE}).")
        String data;

        // new option (issue 21)
        @Option(names = "--image-size", description = "Image folders: the square size to decode at (default 64; eval uses the run's).")
        Integer imageSize;

        @Option(names = "--out", required = true, description = "Output directory (weights, classifier.json).")
        Path out;

        @Option(names = "--kind", defaultValue = "cnn",
                description = "cnn (LeNet-style, the evaluator) or mlp (seed 002's sigmoid MLP, for backquery) (default: ${DEFAULT-VALUE}).")
        Classifier.Kind kind;

        @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--epochs", description = "Epochs (default: the recipe's, 20 for the 8k digits, 3 for 60k images).")
        Integer epochs;

        @Option(names = "--steps", defaultValue = "0", description = "Stop after N steps (0: train all epochs).")
        long steps;

        @Option(names = "--batch-size", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
        float lr;

        @Mixin
        EngineOptions engine;

        @Override
        public void run() {
            if (steps < 0) {
                throw new Gan4jException("--steps must be 0 (off) or positive, not " + steps);
            }
            if (!(lr > 0)) {
                throw new Gan4jException("--lr must be positive, not " + lr);
            }
            // One thread unless told: these networks are small, and libtorch's thread pool spinning on shared
            // cores slows classifier training many times over (docs/evaluation.md).
            Engines.configure(engine.threads(1));
            try (NDManager manager = Engines.newManager(engine.deviceOrCpu())) {
                Classifiers.train(kind, data, imageSize, seed, epochs, steps, batchSize, lr, out, manager, System.out);
            }
        }
    }
}
