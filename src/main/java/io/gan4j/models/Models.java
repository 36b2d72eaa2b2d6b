package io.gan4j.models;

import ai.djl.ndarray.NDManager;
import io.gan4j.Gan4jException;
import io.gan4j.training.TrainConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/** The model zoo: every GAN gan4j can train, by name. */
public final class Models {

    private static final Map<String, ModelSpec> SPECS = new LinkedHashMap<>();
    public static final int DIGIT_SIZE = 28;
    public static final int DIGIT_CLASSES = 10;

    static {
        register(new ModelSpec("pattern",
                "the 1010-pattern GAN of 'Make Your First GAN' (tiny MLPs, SGD, --loss mse|bce)",
                false, patternDefaults(), PatternGan::new));
        register(new ModelSpec("vanilla",
                "Goodfellow's MLP GAN on digits, D spectrally normalised (--g-loss non-saturating|minimax)",
                true, vanillaDefaults(), VanillaGan::new));
        register(new ModelSpec("vanilla-tutorial",
                "vanilla with the tutorial's exact recipe (Adam 2e-4, batch 100), made for the 60k MNIST: collapses on the embedded 8k digits",
                true, vanillaTutorialDefaults(), VanillaGan::new));
        register(new ModelSpec("dcgan",
                "Radford et al.'s deep convolutional GAN (28x28: 7x7 -> 14 -> 28)",
                true, convDefaults(), DcganGan::new));
        register(new ModelSpec("cgan",
                "Mirza & Osindero's conditional GAN (--arch mlp (paper, maxout D) | conv)",
                true, cganDefaults(), CganGan::new));
        register(new ModelSpec("acgan",
                "AC-GAN with seed 000's networks, losses on logits (--d-conditioning projection | embed | none)",
                true, acganDefaults(), AcganGan::new));
        register(new ModelSpec("sgan",
                "semi-supervised GAN: D classifies digits from --labels N labels (--d-output k+1 | k, --supervised-only)",
                true, sganDefaults(), SganGan::new));
        register(new ModelSpec("pix2pix",
                "Isola et al.'s image-to-image translation: U-Net G, PatchGAN D, adversarial + 100*L1 (--task, --direction)",
                false, pix2pixDefaults(), Pix2PixGan::new));
        register(new ModelSpec("wgan-gp",
                "Gulrajani et al.'s WGAN with gradient penalty (--arch conv | resnet, --gp-lambda, --n-critic)",
                true, wganGpDefaults(), WganGpGan::new));
        register(new ModelSpec("infogan",
                "Chen et al.'s InfoGAN: categorical + continuous codes recovered by a Q head (--code-classes, --code-continuous)",
                true, infoganDefaults(), InfoGan::new));
    }

    private Models() {}

    private static void register(ModelSpec spec) {
        SPECS.put(spec.name(), spec);
    }

    public static Map<String, ModelSpec> all() {
        return SPECS;
    }

    public static ModelSpec get(String name) {
        ModelSpec spec = SPECS.get(name);
        if (spec == null) {
            throw new Gan4jException("unknown model '" + name + "' (known: " + String.join(", ", SPECS.keySet()) + ")");
        }
        return spec;
    }

    /** The configuration with every unset field filled from the model's defaults. */
    public static TrainConfig resolve(TrainConfig config) {
        return config.withDefaults(get(config.model).defaults());
    }

    /**
     * The configuration resolved for MNIST-shaped images (1×28×28, 10 classes) without loading a
     * data set: the shape of the PyTorch reference models, of benchmarks and of tests.
     */
    public static TrainConfig resolveForDigits(TrainConfig config) {
        resolve(config);
        config.imageShape = new int[] {1, DIGIT_SIZE, DIGIT_SIZE};
        config.numClasses = DIGIT_CLASSES;
        return config;
    }

    public static Gan create(TrainConfig config, NDManager manager) {
        return get(config.model).factory().apply(config, manager);
    }

    /** Defaults every model shares; a model's own defaults override them. */
    private static TrainConfig common() {
        TrainConfig c = new TrainConfig();
        c.data = "mnist";
        c.seed = 1L;
        c.lrGenerator = 2e-4f;
        c.lrDiscriminator = 2e-4f;
        c.beta1 = 0.5f;
        c.beta2 = 0.999f;
        c.optimizer = "adam"; // new option (issue 24)
        c.momentum = 0f; // new option (issue 24)
        c.lrDecay = 0f;
        c.emaDecay = 0f;
        c.latentDim = 100;
        c.logEvery = 10;
        c.sampleEvery = 0;
        c.checkpointEvery = 10;
        c.device = "cpu";
        c.onDivergence = "stop";
        c.threads = 0;
        return c;
    }

    /**
     * The book's recipe (issue 24): SGD(0.01) for both networks, MSE, G fed 0.5, one sample a step,
     * 10 × 1,000 = 10,000 steps. Adam(0.01) made G drift off 1010 once D stopped telling.
     */
    private static TrainConfig patternDefaults() {
        TrainConfig c = common();
        c.data = "none";
        c.batchSize = 1;
        c.epochs = 10;
        c.optimizer = "sgd";
        c.lrGenerator = 0.01f;
        c.lrDiscriminator = 0.01f;
        c.latentDim = 1;
        c.logEvery = 100;
        c.checkpointEvery = 5;
        c.loss = "mse";
        c.generatorInput = "constant";
        c.generatorLoss = "non-saturating";
        return c;
    }

    /**
     * The tutorial's recipe (seed 001): Adam(2e-4, 0.5), batch 100, 50 epochs. Made for the 60,000
     * MNIST digits; on the embedded 8,000 D wins and G collapses to one class (docs/results-vanilla.md).
     */
    private static TrainConfig vanillaTutorialDefaults() {
        TrainConfig c = common();
        c.batchSize = 100;
        c.epochs = 50;
        c.generatorLoss = "non-saturating";
        c.realLabel = 1f; // new options (issue 24)
        c.instanceNoise = 0f;
        c.minibatchStd = false;
        c.spectralNorm = false;
        return c;
    }

    /**
     * The tutorial's networks and recipe with D's linear layers spectrally normalised (issue 24):
     * the one change of those measured that drew every digit on the embedded data
     * (docs/results-vanilla.md).
     */
    private static TrainConfig vanillaDefaults() {
        TrainConfig c = vanillaTutorialDefaults();
        c.spectralNorm = true;
        return c;
    }

    /** The DCGAN family: batch 64, Adam(2e-4, 0.5) as in Radford et al.; 25 epochs of the 8k digits ≈ 3,100 steps. */
    private static TrainConfig convDefaults() {
        TrainConfig c = common();
        c.batchSize = 64;
        c.epochs = 25;
        c.generatorLoss = "non-saturating";
        return c;
    }

    private static TrainConfig cganDefaults() {
        TrainConfig c = convDefaults();
        c.arch = "conv";
        return c;
    }

    private static TrainConfig acganDefaults() {
        TrainConfig c = convDefaults();
        c.generatorLoss = null;
        c.dConditioning = "projection";
        return c;
    }

    /**
     * Salimans et al.'s MNIST recipe (their train_mnist_feature_matching.py): batch 100, Adam(β1 0.5),
     * D at 0.003, K outputs, the weight-normalised MLPs. The weight normalisation (with its
     * data-dependent initialisation) is what lets D learn at 0.003 under noise of σ 0.5. G learns at
     * 3e-4, not their 0.003: at 0.003 gan4j's G collapsed to one blob within 200 steps and later
     * saturated, feature matching loss 20-40 (test accuracy 78.1% at 1,975 steps against 81.6% at
     * 790 with 3e-4). 125 epochs of the 7,900 unlabelled digits = 9,875 steps: test accuracy
     * still rises from 84% at 1,975 steps to 91% at 3,950 and 92.9-95.1% from 7,000 on (README).
     * Both rates fall linearly to 0 over the last third of the run, as in their script (its last
     * 100 of 300 epochs): at a constant rate the accuracy kept moving by ±1 point per checkpoint.
     */
    private static TrainConfig sganDefaults() {
        TrainConfig c = convDefaults();
        c.batchSize = 100;
        c.epochs = 125;
        c.lrGenerator = 3e-4f;
        c.lrDiscriminator = 3e-3f;
        c.lrDecay = 1f / 3;
        c.labels = 100;
        c.arch = "mlp";
        c.dOutput = "k";
        c.generatorLoss = "feature-matching";
        c.supervisedOnly = false;
        return c;
    }

    /**
     * pix2pix: Adam(2e-4, 0.5), λ = 100, 64 base feature maps, a 3-layer PatchGAN, BatchNorm, BCE
     * as in the paper; batch 64 (the paper's 1 suits its small photo sets, not 8,000 digits).
     */
    private static TrainConfig pix2pixDefaults() {
        TrainConfig c = convDefaults();
        c.generatorLoss = null;
        c.loss = "bce";
        c.direction = "AtoB";
        c.baseChannels = 64;
        c.dLayers = 3;
        c.norm = "batch";
        c.l1Weight = 100f;
        return c;
    }

    /**
     * WGAN-GP's published settings: Adam(1e-4, β = (0, 0.9)), λ = 10, n_critic = 5, batch 64.
     * An epoch is 125 / 5 = 25 generator steps of the 8k digits; 120 epochs = 3,000 generator steps.
     */
    private static TrainConfig wganGpDefaults() {
        TrainConfig c = common();
        c.batchSize = 64;
        c.epochs = 120;
        c.lrGenerator = 1e-4f;
        c.lrDiscriminator = 1e-4f;
        c.beta1 = 0f;
        c.beta2 = 0.9f;
        c.gpLambda = 10f;
        c.criticSteps = 5;
        c.arch = "conv";
        return c;
    }

    /**
     * InfoGAN's MNIST settings: z of 62, a 10-way code and 2 continuous codes, λ_cat 1, λ_cont 0.1,
     * Adam(β1 = 0.5) at 2e-4 for D and 1e-3 for G (and Q); batch 64. 36 epochs = 4,500 steps, the
     * rates falling linearly to 0 over the last third: at a constant rate, seed 1 went on from
     * 0.871 code accuracy at 3,000 steps to a collapse by 4,000; with the decay it ended at 0.891 (README).
     */
    private static TrainConfig infoganDefaults() {
        TrainConfig c = convDefaults();
        c.epochs = 36;
        c.lrDecay = 1f / 3;
        c.lrGenerator = 1e-3f;
        c.latentDim = 62;
        c.codeClasses = 10;
        c.codeContinuous = 2;
        c.lambdaCat = 1f;
        c.lambdaCont = 0.1f;
        c.contLoss = "mse";
        return c;
    }
}
