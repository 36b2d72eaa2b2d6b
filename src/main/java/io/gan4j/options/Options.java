package io.gan4j.options;

import io.gan4j.augment.DiffAugment;
import io.gan4j.training.TrainConfig;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every training option of gan4j. Adding one is one declaration here: building an {@link Option}
 * registers it in {@link #ALL}, and {@code TrainConfig} stores its value under it, so the CLI,
 * recipes, config.json and the resume check follow. Per-model values go in the models' recipe
 * files, never here.
 */
public final class Options {

    // First, so that it exists while the declarations below register themselves.
    private static final List<Option<?>> DECLARED = new CopyOnWriteArrayList<>();

    /**
     * Every declared option, in the order of {@code train --help}: the ones below in their order, then
     * any declared elsewhere (by a model outside gan4j, say) once its class is loaded.
     */
    public static final List<Option<?>> ALL = Collections.unmodifiableList(DECLARED);

    private Options() {}

    // The run: data, length, seed.
    public static final Option<String> DATA = Option.of("data", "data", String.class)
            .help("mnist (the embedded 8k/2k digits), fashion-mnist, a directory of IDX files, a folder of images"
                    + " (PNG/JPEG/BMP/GIF; top-level subfolders are classes), or (pix2pix) a pix2pix folder;"
                    + " none for a model that takes no images.")
            .defaultValue("mnist").build();
    public static final Option<Integer> IMAGE_SIZE = Option.of("image-size", "imageSize", Integer.class)
            .help("Resize images to this square size (area downscale, then a centre crop; the convolutional models take 28, 32, 64"
                    + " or 128; pix2pix 28, 32, 64, 128, 256).")
            .unit("pixels").defaultText("the images' own; 64 for an image folder, 256 for a pix2pix folder").positive().build();
    public static final Option<Integer> CHANNELS = Option.of("channels", "channels", Integer.class)
            .help("Image folders: 1 (grey) or 3 (colour).").unit("channels")
            .defaultText("3 when any image has colour, else 1").check(v -> v == 1 || v == 3, "1 or 3").build();
    public static final Option<String> BACKGROUND = Option.of("background", "background", String.class)
            .help("Image folders: what transparent pixels are composited onto.").choices("white", "black")
            .defaultValue("white").build();
    public static final Option<Float> HOLDOUT = Option.of("holdout", "holdout", Float.class)
            .help("Image folders: share of the files held out for eval, chosen by a hash of each file's path.")
            .unit("share of the files").defaultValue(0.1f).check(v -> v >= 0 && v < 1, "in [0, 1)").build();
    public static final Option<String> DIFFAUGMENT = Option.of("diffaugment", "diffAugment", String.class)
            .help("DiffAugment policy applied to every image D sees, real and fake: a comma-separated subset of"
                    + " color,translation,cutout (empty: off).")
            .defaultValue("").check(Options::augmentPolicy, "a comma-separated subset of color,translation,cutout").build();
    public static final Option<Long> SEED = Option.of("seed", "seed", Long.class)
            .help("Seed of every random draw; the same seed gives the same run.").defaultValue(1L).build();
    public static final Option<Long> STEPS = Option.of("steps", "steps", Long.class)
            .help("Total generator steps (overrides --epochs).").unit("steps").defaultText("--epochs decides")
            .positive().resumable().build();
    public static final Option<Integer> EPOCHS = Option.of("epochs", "epochs", Integer.class)
            .help("Passes over the training set, when --steps is not given.").unit("epochs").positive().resumable().build();
    public static final Option<Integer> BATCH_SIZE = Option.of("batch-size", "batchSize", Integer.class)
            .help("Real images per discriminator step (and fakes per generator step).").unit("images").positive().build();

    // Optimisation.
    public static final Option<Float> LR_G = Option.of("lr-g", "lrGenerator", Float.class)
            .help("Generator learning rate.").defaultValue(2e-4f).positive().build();
    public static final Option<Float> LR_D = Option.of("lr-d", "lrDiscriminator", Float.class)
            .help("Discriminator learning rate.").defaultValue(2e-4f).positive().build();
    public static final Option<String> OPTIMIZER = Option.of("optimizer", "optimizer", String.class)
            .help("The optimizer of both networks, with PyTorch's update rule: adam, sgd or rmsprop (alpha 0.99, eps 1e-8).")
            .choices("adam", "sgd", "rmsprop").defaultValue("adam").build();
    public static final Option<Float> MOMENTUM = Option.of("momentum", "momentum", Float.class)
            .help("sgd: momentum (dampening 0, not Nesterov).").defaultValue(0f).check(Options::unitOpen, "in [0, 1)").build();
    public static final Option<Float> BETA1 = Option.of("beta1", "beta1", Float.class)
            .help("Adam's decay of the gradient average (--optimizer adam).").defaultValue(0.5f).check(Options::unitOpen, "in [0, 1)").build();
    public static final Option<Float> BETA2 = Option.of("beta2", "beta2", Float.class)
            .help("Adam's decay of the squared-gradient average.").defaultValue(0.999f).check(Options::unitOpen, "in [0, 1)").build();
    public static final Option<Float> LR_DECAY = Option.of("lr-decay", "lrDecay", Float.class)
            .help("Share of the last steps over which both learning rates fall linearly to 0 (0: constant).")
            .unit("share of the run").defaultValue(0f).check(v -> v >= 0 && v <= 1, "in [0, 1]").build();
    public static final Option<Float> EMA = Option.of("ema", "emaDecay", Float.class)
            .help("Sample from a weight average of the generator with this decay, e.g. 0.999 (0: off).")
            .defaultValue(0f).check(Options::unitOpen, "in [0, 1)").build();
    public static final Option<Integer> LATENT_DIM = Option.of("latent-dim", "latentDim", Integer.class)
            .help("Size of the generator's noise input z.").unit("values").defaultValue(100).positive().build();

    // Logging, samples, checkpoints: every "every N" counts steps unless its name says epochs.
    public static final Option<Integer> LOG_EVERY = Option.of("log-every", "logEvery", Integer.class)
            .help("Steps per line of metrics.jsonl.").unit("steps").defaultValue(10).positive().resumable().build();
    public static final Option<Integer> SAMPLE_EVERY = Option.of("sample-every", "sampleEvery", Integer.class)
            .help("Extra sample grids every N steps (grids are always made at epoch ends; 0: no extra).")
            .unit("steps").defaultValue(0).nonNegative("0 (off) or positive").resumable().build();
    public static final Option<Integer> CHECKPOINT_EVERY_EPOCHS = Option.of("checkpoint-every-epochs", "checkpointEvery", Integer.class)
            .help("Numbered checkpoint (checkpoints/epoch-N) every N epochs; checkpoints/latest is always kept current.")
            .unit("epochs").defaultValue(10).positive().resumable().deprecatedName("checkpoint-every").build();
    public static final Option<Integer> CHECKPOINT_EVERY_STEPS = Option.of("checkpoint-every-steps", "checkpointEverySteps", Integer.class)
            .help("Numbered checkpoint (checkpoints/step-N) every N steps, besides the epoch ones (0: off).")
            .unit("steps").defaultValue(0).nonNegative("0 (off) or positive").resumable().build();
    public static final Option<Integer> EVAL_EVERY = Option.of("eval-every", "evalEvery", Integer.class)
            .help("Append eval metrics (1000 samples, the default classifier) to metrics.jsonl every N steps (0: off).")
            .unit("steps").defaultValue(0).nonNegative("0 (off) or positive").resumable().build();
    public static final Option<String> ON_DIVERGENCE = Option.of("on-divergence", "onDivergence", String.class)
            .help("On a NaN/Inf loss or weight: stop (the last good checkpoint is kept) or rollback"
                    + " (reload it and halve both learning rates, at most 3 times).")
            .choices("stop", "rollback").defaultValue("stop").resumable().build();

    // The engine.
    public static final Option<Integer> THREADS = Option.of("threads", "threads", Integer.class)
            .help("Compute threads (0: the engine's choice).").unit("threads").defaultValue(0)
            .nonNegative("0 (the engine's choice) or positive").resumable().build();
    public static final Option<String> DEVICE = Option.of("device", "device", String.class)
            .help("cpu or gpu[N] (a GPU needs a pytorch-native-cu* build).").defaultValue("cpu")
            .check(v -> v.matches("cpu|gpu[0-9]*"), "cpu or gpu[N]").resumable().build();
    public static final Option<String> PRECISION = Option.of("precision", "precision", String.class)
            .help("fp32, or bf16: the training step's convolutions in bfloat16 (mixed precision, as torch.autocast;"
                    + " weights, Adam, normalisation and losses stay float32). Faster on CPUs with bfloat16 instructions"
                    + " (measured: AVX512_BF16); on other CPUs it may be slower.")
            .choices("fp32", "bf16").defaultValue("fp32").resumable().build();

    // Model options: each model reads the ones its recipe sets.
    public static final Option<String> LOSS = Option.of("loss", "loss", String.class)
            .help("pattern: mse (the book's) or bce; pix2pix: bce or lsgan (deprecated there: use --adv-loss).")
            .choicesFor("pattern", "mse", "bce").choicesFor("pix2pix", "bce", "lsgan").build();
    public static final Option<String> ADV_LOSS = Option.of("adv-loss", "advLoss", String.class)
            .help("vanilla, dcgan, cgan, acgan, pix2pix: the adversarial loss, bce, lsgan (least squares) or hinge.")
            .choices("bce", "lsgan", "hinge").defaultText("bce").build();
    public static final Option<Float> REAL_LABEL = Option.of("real-label", "realLabel", Float.class)
            .help("vanilla, dcgan, cgan: D's target for real samples (below 1: one-sided label smoothing, Salimans et al. 2016).")
            .defaultValue(1f).check(v -> v > 0.5f && v <= 1f, "in (0.5, 1]").build();
    public static final Option<Float> INSTANCE_NOISE = Option.of("instance-noise", "instanceNoise", Float.class)
            .help("vanilla: standard deviation of Gaussian noise added to D's inputs, real and fake (0: off).")
            .defaultValue(0f).nonNegative("0 (off) or more").build();
    public static final Option<Float> R1 = Option.of("r1", "r1", Float.class)
            .help("vanilla, dcgan, cgan: weight gamma of the R1 penalty gamma/2 * |grad D(x)|^2 on real images (Mescheder et al. 2018; 0: off).")
            .defaultValue(0f).nonNegative("0 (off) or more").build();
    public static final Option<Boolean> MINIBATCH_STD = Option.of("minibatch-std", "minibatchStd", Boolean.class)
            .help("vanilla: D's last layer also sees the batch's standard deviation (Karras et al. 2018).").defaultValue(false).build();
    public static final Option<Boolean> SPECTRAL_NORM = Option.of("spectral-norm", "spectralNorm", Boolean.class)
            .help("vanilla: spectrally normalised linear layers in D (Miyato et al. 2018).").defaultValue(false).build();
    public static final Option<Boolean> REUSE_FAKES = Option.of("reuse-fakes", "reuseFakes", Boolean.class)
            .help("vanilla, dcgan, cgan, acgan, pattern: the generator update scores the discriminator update's fakes again"
                    + " (one generator pass per step, pytorch/examples' DCGAN loop) instead of generating new ones.").build();
    public static final Option<String> G_LOSS = Option.of("g-loss", "generatorLoss", String.class)
            .help("The generator's loss: vanilla, dcgan, cgan: non-saturating or minimax; sgan: feature-matching or non-saturating.")
            .choicesFor("sgan", "feature-matching", "non-saturating").choices("non-saturating", "minimax").build();
    public static final Option<String> G_INPUT = Option.of("g-input", "generatorInput", String.class)
            .help("pattern: constant (0.5, as in the book) or random.").choices("constant", "random").build();
    public static final Option<String> ARCH = Option.of("arch", "arch", String.class)
            .help("cgan: mlp (the paper's) or conv; sgan: mlp or conv; wgan-gp: conv or resnet.")
            .choicesFor("cgan", "mlp", "conv").choicesFor("sgan", "mlp", "conv").choicesFor("wgan-gp", "conv", "resnet").build();
    public static final Option<String> D_CONDITIONING = Option.of("d-conditioning", "dConditioning", String.class)
            .help("acgan: projection (the label enters only D's real/fake logit), embed (the label joins D's input) or none (the paper's D).")
            .choices("projection", "embed", "none").build();
    public static final Option<Integer> LABELLED = Option.of("labelled", "labels", Integer.class)
            .help("sgan: how many training images keep their labels (class-balanced; the rest are used unlabelled).")
            .unit("images").positive().deprecatedName("labels").build();
    public static final Option<String> D_OUTPUT = Option.of("d-output", "dOutput", String.class)
            .help("sgan: k+1 (K classes + fake, Odena) or k (Salimans et al.).").choices("k+1", "k").build();
    public static final Option<Boolean> SUPERVISED_ONLY = Option.of("supervised-only", "supervisedOnly", Boolean.class)
            .help("sgan: train D on the labelled images alone, no GAN (the supervised baseline).").build();
    public static final Option<String> TASK = Option.of("task", "task", String.class)
            .help("pix2pix: edges2digits | masked2digits (pairs made from --data, an IDX data set) | folder (--data is a pix2pix folder).")
            .choices("edges2digits", "masked2digits", "folder").defaultText("folder when --data has a train/ directory, else edges2digits").build();
    public static final Option<String> DIRECTION = Option.of("direction", "direction", String.class)
            .help("pix2pix: AtoB (translate the first image of a pair into the second) or BtoA.").choices("AtoB", "BtoA").build();
    public static final Option<Integer> BASE_CHANNELS = Option.of("base-channels", "baseChannels", Integer.class)
            .help("pix2pix: feature maps of the U-Net's outer level and the PatchGAN's first layer.").unit("channels").positive().build();
    public static final Option<Integer> D_LAYERS = Option.of("d-layers", "dLayers", Integer.class)
            .help("pix2pix: strided PatchGAN layers (3: 70x70 patches).").unit("layers").positive().build();
    public static final Option<String> NORM = Option.of("norm", "norm", String.class)
            .help("pix2pix: batch or instance normalisation.").choices("batch", "instance").build();
    public static final Option<Float> L1_WEIGHT = Option.of("l1-weight", "l1Weight", Float.class)
            .help("pix2pix: weight of the L1 term of the generator's loss.").nonNegative("0 or more").build();
    public static final Option<Float> GP_LAMBDA = Option.of("gp-lambda", "gpLambda", Float.class)
            .help("wgan-gp: weight of the gradient penalty.").nonNegative("0 or more").build();
    public static final Option<Integer> N_CRITIC = Option.of("n-critic", "criticSteps", Integer.class)
            .help("wgan-gp: critic updates per generator update.").unit("steps").positive().build();
    public static final Option<Integer> CODE_CLASSES = Option.of("code-classes", "codeClasses", Integer.class)
            .help("infogan: values of the categorical code.").unit("values").check(v -> v >= 2, "at least 2").build();
    public static final Option<Integer> CODE_CONTINUOUS = Option.of("code-continuous", "codeContinuous", Integer.class)
            .help("infogan: number of continuous codes, each U[-1, 1].").unit("codes").nonNegative("0 or more").build();
    public static final Option<Float> LAMBDA_CAT = Option.of("lambda-cat", "lambdaCat", Float.class)
            .help("infogan: weight of the categorical code's information loss.").nonNegative("0 or more").build();
    public static final Option<Float> LAMBDA_CONT = Option.of("lambda-cont", "lambdaCont", Float.class)
            .help("infogan: weight of the continuous codes' information loss.").nonNegative("0 or more").build();
    public static final Option<String> CONT_LOSS = Option.of("cont-loss", "contLoss", String.class)
            .help("infogan: the continuous codes' loss, mse or nll (Gaussian NLL with a predicted variance).").choices("mse", "nll").build();
    public static final Option<Float> NOISE_STD = Option.of("noise-std", "noiseStd", Float.class)
            .help("infogan: standard deviation of the noise z.").positive().build();
    public static final Option<Float> LAMBDA_NOISE = Option.of("lambda-noise", "lambdaNoise", Float.class)
            .help("infogan: weight of Q's squared error in recovering z (0: off).").nonNegative("0 (off) or more").build();
    public static final Option<Boolean> INFO_AUGMENT = Option.of("info-augment", "infoAugment", Boolean.class)
            .help("infogan: Q reads the categorical code from randomly rotated, scaled and shifted copies of the fakes,"
                    + " so that the code cannot be carried by slant, size or position alone.").build();

    /**
     * Adds a new declaration to {@link #ALL} (called by {@link Option.Builder#build()}). Its CLI names
     * and config.json key must be new, so that {@link #find} and config.json resolve them to it alone.
     */
    static synchronized void register(Option<?> option) {
        Set<String> taken = namesAndKey(option);
        for (Option<?> o : DECLARED) {
            if (!Collections.disjoint(taken, namesAndKey(o))) {
                throw new IllegalStateException(option + " takes a name or config.json key of " + o);
            }
        }
        if (TrainConfig.FIELD_KEYS.contains(option.key())) {
            throw new IllegalStateException(option + ": config.json key '" + option.key() + "' is a TrainConfig field's");
        }
        DECLARED.add(option);
    }

    private static Set<String> namesAndKey(Option<?> o) {
        Set<String> s = new HashSet<>(o.deprecatedNames());
        s.add(o.name());
        s.add(o.key());
        return s;
    }

    /** The option with this CLI name (current or deprecated) or config.json key, or null. */
    public static Option<?> find(String nameOrKey) {
        for (Option<?> o : ALL) {
            if (o.name().equals(nameOrKey) || o.key().equals(nameOrKey) || o.deprecatedNames().contains(nameOrKey)) {
                return o;
            }
        }
        return null;
    }

    /** The option stored under this config.json key, or null. */
    public static Option<?> byKey(String key) {
        for (Option<?> o : ALL) {
            if (o.key().equals(key)) {
                return o;
            }
        }
        return null;
    }

    /** Checks every set option of a configuration against its declaration; a usage error names the first bad one. */
    public static void validate(TrainConfig config) {
        for (Option<?> o : ALL) {
            validate(o, config);
        }
    }

    private static <T> void validate(Option<T> option, TrainConfig config) {
        option.validate(config.model, config.get(option));
    }

    private static boolean augmentPolicy(String v) {
        return v.isBlank() || java.util.Arrays.stream(v.split(",")).map(String::trim).allMatch(DiffAugment.POLICIES::contains);
    }

    private static boolean unitOpen(Float v) {
        return v >= 0 && v < 1;
    }
}
