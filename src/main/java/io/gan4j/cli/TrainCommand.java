package io.gan4j.cli;

import io.gan4j.Gan4jException;
import io.gan4j.Runtime;
import io.gan4j.dashboard.Dashboard;
import io.gan4j.layers.ConvNets;
import io.gan4j.models.Models;
import io.gan4j.training.Checkpoint;
import io.gan4j.training.TrainConfig;
import io.gan4j.training.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a model; outputs (config, metrics, sample grids, progress.gif, loss.png, checkpoints) go to --out.")
final class TrainCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", description = "Model to train (see 'gan4j models'); omit with --resume.")
    String model;

    @Option(names = "--resume", description = "Continue the run in this directory from its latest checkpoint.")
    Path resume;

    @Option(names = "--out", description = "Output directory (default: runs/<model>-<timestamp>).")
    Path out;

    @Option(names = "--data", description = "mnist (embedded 8k/2k digits), fashion-mnist, a directory of IDX files, or (pix2pix) a pix2pix folder.")
    String data;

    @Option(names = "--image-size", description = "Resize images to this square size (dcgan/cgan/acgan take 28 or 64; pix2pix 28, 32, 64, 128, 256,"
            + " default 256 for a pix2pix folder).")
    Integer imageSize;

    @Option(names = "--seed", description = "Seed; the same seed gives the same run.")
    Long seed;

    // new option (issue 24)
    @Option(names = "--seeds", split = ",", description = "Train one run per seed (e.g. 1,2,3) into OUT/seed-S, side by side"
            + " when the cores allow, each with --threads threads (default: the cores shared evenly).")
    List<Long> seeds;

    @Spec
    CommandSpec spec;

    @Option(names = "--steps", description = "Total training steps (overrides --epochs).")
    Long steps;

    @Option(names = "--epochs", description = "Epochs over the training set.")
    Integer epochs;

    @Option(names = "--batch-size")
    Integer batchSize;

    @Option(names = "--lr", description = "Learning rate of both networks.")
    Float lr;

    @Option(names = "--lr-g", description = "Generator learning rate.")
    Float lrG;

    @Option(names = "--lr-d", description = "Discriminator learning rate.")
    Float lrD;

    // new option (issue 24)
    @Option(names = "--optimizer", description = "adam (default except pattern), sgd or rmsprop (alpha 0.99, eps 1e-8), each with PyTorch's update rule.")
    String optimizer;

    // new option (issue 24)
    @Option(names = "--momentum", description = "sgd: momentum (default 0; dampening 0, not Nesterov).")
    Float momentum;

    @Option(names = "--beta1", description = "adam: first-moment decay.")
    Float beta1;

    @Option(names = "--beta2", description = "adam: second-moment decay.")
    Float beta2;

    @Option(names = "--lr-decay", description = "Share of the last steps over which the learning rates fall linearly to 0, e.g. 0.33 (default 0: constant; sgan and infogan 1/3).")
    Float lrDecay;

    @Option(names = "--ema", description = "Sample from a weight average of the generator with this decay, e.g. 0.999 (default 0: off).")
    Float emaDecay;

    @Option(names = "--latent-dim")
    Integer latentDim;

    @Option(names = "--log-every", description = "Steps per line of metrics.jsonl.")
    Integer logEvery;

    @Option(names = "--sample-every", description = "Extra sample grids every N steps (grids are always made per epoch).")
    Integer sampleEvery;

    @Option(names = "--checkpoint-every", description = "Numbered checkpoint every N epochs (latest is always kept).")
    Integer checkpointEvery;

    @Option(names = "--eval-every", description = "Append eval metrics (1000 samples, the default classifier) to metrics.jsonl every N steps (0: off).")
    Integer evalEvery;

    @Option(names = "--on-divergence", description = "On a NaN/Inf loss or weight: stop (default; the last good checkpoint is kept)"
            + " or rollback (reload it and halve both learning rates, at most 3 times).")
    String onDivergence;

    @Option(names = "--loss", description = "pattern: mse or bce; pix2pix: bce or lsgan.")
    String loss;

    @Option(names = "--g-loss", description = "vanilla: non-saturating or minimax; sgan: feature-matching or non-saturating.")
    String generatorLoss;

    // new option (issue 24)
    @Option(names = "--real-label", description = "vanilla, dcgan, cgan: D's target for real samples (default 1; 0.9: one-sided label smoothing).")
    Float realLabel;

    // new option (issue 24)
    @Option(names = "--instance-noise", description = "vanilla: sigma of Gaussian noise added to D's inputs, real and fake (default 0: off).")
    Float instanceNoise;

    // new option (issue 24)
    @Option(names = "--minibatch-std", arity = "0..1", description = "vanilla: D's last layer also sees the batch's standard deviation (Karras et al. 2018).")
    Boolean minibatchStd;

    // new option (issue 24)
    @Option(names = "--spectral-norm", arity = "0..1", description = "vanilla: spectrally normalised linear layers in D (Miyato et al. 2018; default true, false for the tutorial's D).")
    Boolean spectralNorm;

    @Option(names = "--g-input", description = "pattern: constant (0.5, as in the book) or random.")
    String generatorInput;

    @Option(names = "--arch", description = "cgan: mlp (the paper's) or conv; wgan-gp: conv or resnet.")
    String arch;

    @Option(names = "--d-conditioning", description = "acgan: projection (the label enters only D's real/fake logit),"
            + " embed (seed 000: the label joins D's input) or none (the paper's D).")
    String dConditioning;

    @Option(names = "--labels", description = "sgan: number of labelled training images (class-balanced; the rest are used unlabelled).")
    Integer labels;

    @Option(names = "--d-output", description = "sgan: k+1 (K classes + fake, Odena) or k (Salimans et al.).")
    String dOutput;

    @Option(names = "--supervised-only", description = "sgan: train D on the labelled images alone (the baseline).")
    Boolean supervisedOnly;

    @Option(names = "--task", description = "pix2pix: edges2digits | masked2digits (pairs made from --data, an IDX data set)"
            + " | folder (--data is a pix2pix folder); default: folder when --data has a train/ directory, else edges2digits."
            + " (colorize is not possible: the IDX sets are grayscale.)")
    String task;

    @Option(names = "--direction", description = "pix2pix: AtoB (default) or BtoA.")
    String direction;

    @Option(names = "--base-channels", description = "pix2pix: feature maps of the U-Net's outer level and the PatchGAN's first layer (default 64).")
    Integer baseChannels;

    @Option(names = "--d-layers", description = "pix2pix: strided PatchGAN layers (default 3: 70x70 patches).")
    Integer dLayers;

    @Option(names = "--norm", description = "pix2pix: batch (default) or instance.")
    String norm;

    @Option(names = "--l1-weight", description = "pix2pix: weight of the L1 term (default 100).")
    Float l1Weight;

    @Option(names = "--gp-lambda", description = "wgan-gp: weight of the gradient penalty (default 10).")
    Float gpLambda;

    @Option(names = "--n-critic", description = "wgan-gp: critic updates per generator update (default 5).")
    Integer criticSteps;

    @Option(names = "--code-classes", description = "infogan: values of the categorical code (default 10).")
    Integer codeClasses;

    @Option(names = "--code-continuous", description = "infogan: number of continuous codes, U[-1, 1] (default 2).")
    Integer codeContinuous;

    @Option(names = "--lambda-cat", description = "infogan: weight of the categorical code's information loss (default 1).")
    Float lambdaCat;

    @Option(names = "--lambda-cont", description = "infogan: weight of the continuous codes' information loss (default 0.1).")
    Float lambdaCont;

    @Option(names = "--cont-loss", description = "infogan: mse (default) or nll (Gaussian NLL with a predicted variance).")
    String contLoss;

    @Option(names = "--noise-std", description = "infogan: standard deviation of the noise z (default 1).")
    Float noiseStd;

    @Option(names = "--lambda-noise", description = "infogan: weight of Q's squared error in recovering z (default 0: off).")
    Float lambdaNoise;

    @Mixin
    EngineOptions engine;

    @Option(names = "--dashboard", description = "Serve the live dashboard of this run (see 'gan4j dashboard'); it stays up after training until Ctrl-C.")
    boolean dashboard;

    @Mixin
    DashboardOptions server;

    /** Exit status 130 (as for a shell's Ctrl-C) when a Ctrl-C stopped training after saving a checkpoint. */
    @Override
    public Integer call() {
        if (seeds != null) {
            return trainSeeds();
        }
        TrainConfig config = resume != null ? resumedConfig() : newConfig();
        Runtime.configure(config.threads);
        Path dir = resume != null ? resume : out != null ? out
                : Path.of("runs", config.model + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (server.given() && !dashboard) {
            throw new Gan4jException("--host and --port are options of --dashboard");
        }
        Trainer trainer = new Trainer(config, dir, System.out);
        if (!dashboard) {
            trainer.run(resume != null);
            return trainer.interrupted() ? 130 : 0;
        }
        try (Dashboard live = server.start(List.of(dir))) {
            trainer.run(resume != null);
            if (trainer.interrupted()) {
                return 130;
            }
            System.out.println("dashboard still at " + live.url() + " ; Ctrl-C to stop");
            live.awaitClose();
        }
        return 0;
    }

    /** --seeds: checks the command line once here (so a bad option fails before any run starts), then trains each seed. */
    private int trainSeeds() {
        if (seed != null || resume != null || dashboard) {
            throw new Gan4jException("--seeds trains new runs: it does not combine with --seed, --resume or --dashboard");
        }
        if (seeds.isEmpty() || seeds.stream().distinct().count() != seeds.size()) {
            throw new Gan4jException("--seeds needs distinct seeds, e.g. 1,2,3, not " + seeds);
        }
        seed = seeds.get(0);
        newConfig();
        Path dir = out != null ? out : Path.of("runs", model + "-seeds-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        for (long s : seeds) {
            if (java.nio.file.Files.exists(dir.resolve("seed-" + s).resolve("config.json"))) {
                throw new Gan4jException(dir.resolve("seed-" + s) + " already holds a run: choose another --out");
            }
        }
        return SeedRuns.run(spec.commandLine().getParseResult().originalArgs(), seeds, dir, engine.threads,
                java.lang.Runtime.getRuntime().availableProcessors());
    }

    private TrainConfig newConfig() {
        if (model == null) {
            throw new Gan4jException("train needs a MODEL (see 'gan4j models') or --resume DIR");
        }
        TrainConfig c = new TrainConfig();
        c.model = model;
        c.data = data;
        c.imageSize = imageSize;
        c.seed = seed;
        c.steps = steps;
        c.epochs = epochs;
        c.batchSize = batchSize;
        c.lrGenerator = lrG != null ? lrG : lr;
        c.lrDiscriminator = lrD != null ? lrD : lr;
        c.beta1 = beta1;
        c.beta2 = beta2;
        c.optimizer = optimizer; // new option (issue 24)
        c.momentum = momentum; // new option (issue 24)
        c.lrDecay = lrDecay;
        c.emaDecay = emaDecay;
        c.latentDim = latentDim;
        c.loss = loss;
        c.generatorLoss = generatorLoss;
        c.generatorInput = generatorInput;
        c.realLabel = realLabel; // new options (issue 24)
        c.instanceNoise = instanceNoise;
        c.minibatchStd = minibatchStd;
        c.spectralNorm = spectralNorm;
        c.arch = arch;
        c.dConditioning = dConditioning;
        c.labels = labels;
        c.dOutput = dOutput;
        c.supervisedOnly = supervisedOnly;
        c.task = task;
        c.direction = direction;
        c.baseChannels = baseChannels;
        c.dLayers = dLayers;
        c.norm = norm;
        c.l1Weight = l1Weight;
        c.gpLambda = gpLambda;
        c.criticSteps = criticSteps;
        c.codeClasses = codeClasses;
        c.codeContinuous = codeContinuous;
        c.lambdaCat = lambdaCat;
        c.lambdaCont = lambdaCont;
        c.contLoss = contLoss;
        c.noiseStd = noiseStd;
        c.lambdaNoise = lambdaNoise;
        applyRunOptions(c);
        return validate(Models.resolve(c));
    }

    /** A resumed run keeps its configuration; only its length and logging may change. */
    private TrainConfig resumedConfig() {
        Object[] fixed = {model, out, data, imageSize, seed, seeds, batchSize, lr, lrG, lrD, beta1, beta2, optimizer, momentum, lrDecay, emaDecay, latentDim, loss, generatorLoss, generatorInput, realLabel, instanceNoise, minibatchStd, spectralNorm,
            arch, dConditioning, labels, dOutput, supervisedOnly, task, direction, baseChannels, dLayers, norm, l1Weight,
            gpLambda, criticSteps, codeClasses, codeContinuous, lambdaCat, lambdaCont, contLoss,
            noiseStd, lambdaNoise};
        for (Object o : fixed) {
            if (o != null) {
                throw new Gan4jException("--resume continues a run as configured: only --steps, --epochs, --log-every,"
                        + " --sample-every, --eval-every, --checkpoint-every, --on-divergence, --threads and --device may be given");
            }
        }
        TrainConfig c = Checkpoint.config(Checkpoint.resolve(resume));
        // new options (issue 24): runs from before the choice trained with Adam
        c.optimizer = c.optimizer == null ? "adam" : c.optimizer;
        c.momentum = c.momentum == null ? 0f : c.momentum;
        if (steps != null || epochs != null) {
            c.steps = steps;
            c.epochs = epochs != null ? epochs : c.epochs;
        }
        applyRunOptions(c);
        return validate(c);
    }

    private void applyRunOptions(TrainConfig c) {
        c.logEvery = logEvery != null ? logEvery : c.logEvery;
        c.sampleEvery = sampleEvery != null ? sampleEvery : c.sampleEvery;
        c.checkpointEvery = checkpointEvery != null ? checkpointEvery : c.checkpointEvery;
        c.evalEvery = evalEvery != null ? evalEvery : c.evalEvery;
        c.threads = engine.threads != null ? engine.threads : c.threads;
        c.device = engine.device != null ? engine.device : c.device;
        c.onDivergence = onDivergence != null ? onDivergence : c.onDivergence == null ? "stop" : c.onDivergence;
    }

    private static TrainConfig validate(TrainConfig c) {
        positive("--batch-size", c.batchSize);
        if (c.imageSize != null) {
            positive("--image-size", c.imageSize);
            requireImageSize(c);
        }
        if (!c.onDivergence.equals("stop") && !c.onDivergence.equals("rollback")) {
            throw new Gan4jException("--on-divergence must be stop or rollback, not '" + c.onDivergence + "'");
        }
        positive("--epochs", c.epochs);
        positive("--log-every", c.logEvery);
        positive("--checkpoint-every", c.checkpointEvery);
        positive("--latent-dim", c.latentDim);
        if (c.steps != null && c.steps <= 0) {
            throw new Gan4jException("--steps must be positive, not " + c.steps);
        }
        if (c.evalEvery < 0) {
            throw new Gan4jException("--eval-every must be 0 (off) or positive, not " + c.evalEvery);
        }
        if (c.evalEvery > 0) {
            io.gan4j.evaluation.GanEvaluation.requireImageModel(c);
        }
        if (c.sampleEvery < 0) {
            throw new Gan4jException("--sample-every must be 0 (off) or positive, not " + c.sampleEvery);
        }
        if (!(c.lrGenerator > 0 && c.lrDiscriminator > 0)) {
            throw new Gan4jException("learning rates must be positive");
        }
        if (c.lrDecay != null && !(c.lrDecay >= 0 && c.lrDecay <= 1)) {
            throw new Gan4jException("--lr-decay must be in [0, 1], not " + c.lrDecay);
        }
        if (!(c.emaDecay >= 0 && c.emaDecay < 1)) {
            throw new Gan4jException("--ema must be in [0, 1), not " + c.emaDecay);
        }
        if (!(c.beta1 >= 0 && c.beta1 < 1 && c.beta2 >= 0 && c.beta2 < 1)) {
            throw new Gan4jException("--beta1 and --beta2 must be in [0, 1)");
        }
        // new options (issue 24)
        if (!List.of("adam", "sgd", "rmsprop").contains(c.optimizer)) {
            throw new Gan4jException("--optimizer must be adam, sgd or rmsprop, not '" + c.optimizer + "'");
        }
        if (!(c.momentum >= 0 && c.momentum < 1)) {
            throw new Gan4jException("--momentum must be in [0, 1), not " + c.momentum);
        }
        if (c.realLabel != null && !(c.realLabel > 0.5f && c.realLabel <= 1f)) {
            throw new Gan4jException("--real-label must be in (0.5, 1], not " + c.realLabel);
        }
        if (c.instanceNoise != null && !(c.instanceNoise >= 0)) {
            throw new Gan4jException("--instance-noise must be 0 (off) or positive, not " + c.instanceNoise);
        }
        if (c.momentum != 0 && !c.optimizer.equals("sgd")) {
            throw new Gan4jException("--momentum applies to --optimizer sgd only (the run's optimizer is " + c.optimizer + ")");
        }
        return c;
    }

    /** The convolutional networks exist for a few sizes only; an MLP takes any, the pattern GAN no images. */
    private static void requireImageSize(TrainConfig c) {
        if ("none".equals(c.data)) {
            throw new Gan4jException("--image-size: " + c.model + " does not train on images");
        }
        boolean convolutional = switch (c.model) {
            case "dcgan", "acgan", "sgan" -> true;
            case "cgan" -> "conv".equals(c.arch);
            default -> false;
        };
        if (convolutional && !ConvNets.SIZES.contains(c.imageSize)) {
            throw new Gan4jException("--image-size " + c.imageSize + ": " + c.model + "'s convolutional networks take "
                    + ConvNets.SIZES + " only");
        }
    }

    private static void positive(String option, Integer value) {
        if (value <= 0) {
            throw new Gan4jException(option + " must be positive, not " + value);
        }
    }
}
