package io.gan4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import io.gan4j.Gan4jException;
import io.gan4j.data.LabeledImages;
import io.gan4j.layers.Dropout;
import io.gan4j.layers.ConvNets;
import io.gan4j.layers.GaussianNoise;
import io.gan4j.layers.WeightNormLinear;
import ai.djl.nn.Activation;
import io.gan4j.losses.Losses;
import io.gan4j.options.Options;
import io.gan4j.training.Batch;
import io.gan4j.training.DataSource;
import io.gan4j.training.Network;
import io.gan4j.training.SemiSupervisedBatches;
import io.gan4j.training.StepLoss;
import io.gan4j.training.TrainConfig;

import java.util.List;

/**
 * Semi-supervised GAN: D is a K-class classifier that also tells real from fake, trained on
 * {@code --labels} labelled images plus the unlabelled rest; only those labels are ever used.
 *
 * <p>{@code --d-output k+1} (Odena 2016): K class logits and a "fake" logit. {@code --d-output k}
 * (Salimans et al. 2016): K logits, D(x) = Z/(Z+1) with Z = Σ exp(logits) — the same model
 * with the fake logit fixed at 0. In both, real-vs-fake is BCE on r = logsumexp(class logits) −
 * fake logit. G's loss is feature matching on D's last hidden layer (Salimans: what makes
 * the classifier good) or non-saturating BCE on r. {@code --supervised-only} trains the same D
 * on the labelled examples alone: the baseline the semi-supervised result is compared with.
 */
public final class Sgan extends Gan implements ImageClassifying {

    private static final float DROPOUT = 0.3f;
    private static final int GENERATOR_WIDTH = 500;

    private final boolean fakeLogit;
    private final boolean featureMatching;
    private final boolean supervisedOnly;

    Sgan(TrainConfig c, NDManager manager) {
        super(c,
                Network.create("generator", generatorBlock(c), manager, new Shape(1, c.get(Options.LATENT_DIM))),
                Network.create("discriminator", discriminatorBlock(c.get(Options.ARCH),
                                "conv".equals(c.get(Options.ARCH)) ? convSize(c) : c.imageShape[1], c.numClasses + (fakeLogit(c) ? 1 : 0)), manager,
                        new Shape(1, c.imageShape[0], c.imageShape[1], c.imageShape[2])));
        this.fakeLogit = fakeLogit(c);
        this.featureMatching = c.get(Options.G_LOSS).equals("feature-matching");
        this.supervisedOnly = Boolean.TRUE.equals(c.get(Options.SUPERVISED_ONLY));
    }

    private static boolean fakeLogit(TrainConfig c) {
        return c.get(Options.D_OUTPUT).equals("k+1");
    }

    /**
     * {@code --arch mlp}: Salimans et al.'s MNIST generator, z → 500 → 500 (BatchNorm, softplus) →
     * a weight-normalised output layer (tanh, gan4j's images being in [-1, 1], where theirs has a
     * sigmoid for [0, 1]); {@code conv}: the DCGAN generator.
     */
    private static Block generatorBlock(TrainConfig c) {
        if (!"mlp".equals(c.get(Options.ARCH))) {
            return ConvNets.generatorBody(c.imageShape[0], convSize(c));
        }
        SequentialBlock g = new SequentialBlock();
        for (int i = 0; i < 2; i++) {
            g.add(Linear.builder().setUnits(GENERATOR_WIDTH).optBias(false).build())
                    .add(BatchNorm.builder().optScale(false).build()) // DJL's: gan4j's BatchNorm always has a scale
                    .add(Activation.softPlusBlock());
        }
        int[] shape = c.imageShape;
        return g.add(new WeightNormLinear(pixels(c), true))
                .add(Activation.tanhBlock())
                .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().reshape(-1, shape[0], shape[1], shape[2])), "toImage"));
    }

    /**
     * Images → (logits, features). No BatchNorm: its batch statistics would differ between the
     * labelled, unlabelled and generated batches D sees. {@code --arch mlp} is Salimans et al.'s
     * MNIST discriminator: 784-1000-500-250-250-250, every layer weight-normalised (the hidden
     * layers' gains fixed by the data-dependent initialisation, see {@link #realData}), Gaussian
     * noise on the input and σ 0.5 after every hidden layer; the features G matches are the last
     * hidden layer's, before its noise. {@code conv} is the DCGAN discriminator with dropout
     * in place of BatchNorm.
     */
    private static Block discriminatorBlock(String arch, int size, int outputs) {
        SequentialBlock body = new SequentialBlock();
        switch (arch) {
            case "mlp" -> {
                // σ 0.3 on their [0, 1] pixels is 0.6 on gan4j's [-1, 1].
                body.add(Blocks.batchFlattenBlock()).add(new GaussianNoise(0.6f));
                int[] widths = {1000, 500, 250, 250, 250};
                for (int i = 0; i < widths.length; i++) {
                    if (i > 0) {
                        body.add(new GaussianNoise(0.5f));
                    }
                    body.add(new WeightNormLinear(widths[i], false)).add(Activation.reluBlock());
                }
                Block head = new SequentialBlock().add(new GaussianNoise(0.5f)).add(new WeightNormLinear(outputs, true));
                return body.add(ConvNets.withFeatures(head));
            }
            case "conv" -> {
                // One halving per doubling of the size: 28 → 14 → 7, or 32/64/128 down to 4×4.
                int blocks = size == 28 ? 2 : Integer.numberOfTrailingZeros(size) - 2;
                for (int i = 0; i < blocks; i++) {
                    body.add(ConvNets.downsample(64 << i)).add(Activation.leakyReluBlock(0.2f)).add(new Dropout(DROPOUT));
                }
                body.add(Blocks.batchFlattenBlock());
            }
            default -> throw new Gan4jException("sgan: --arch must be mlp or conv, not '" + arch + "'");
        }
        return body.add(ConvNets.withFeatures(Linear.builder().setUnits(outputs).build()));
    }

    @Override
    public DataSource realData(LabeledImages images, NDManager manager) {
        SemiSupervisedBatches data = new SemiSupervisedBatches(images, config.get(Options.LABELLED), config.get(Options.BATCH_SIZE),
                config.get(Options.SEED), manager);
        // Salimans et al.'s data-dependent initialisation of D's weight-normalised layers, on the
        // first batch's images (labels unused; a no-op for --arch conv); a resumed run then loads
        // its weights over these.
        try (NDManager scope = manager.newSubManager()) {
            WeightNormLinear.initialiseFromData(discriminator.block(), new NDList(data.batch(0, scope).images()));
        }
        return data;
    }

    /** K class logits, and the logit r of "real" (logsumexp of the class logits minus the fake logit). */
    private record Outputs(NDArray classLogits, NDArray realness, NDArray features, NDArray allLogits) {}

    private Outputs discriminate(NDArray images, boolean training) {
        NDList out = discriminator.forward(new NDList(images), training);
        NDArray logits = out.get(0);
        NDArray classes = fakeLogit ? logits.get(new NDIndex(":, :{}", config.numClasses)) : logits;
        NDArray realness = Losses.logSumExp(classes);
        if (fakeLogit) {
            realness = realness.sub(logits.get(new NDIndex(":, {}", config.numClasses)));
        }
        return new Outputs(classes, realness, out.get(1), logits);
    }

    @Override
    public StepLoss discriminatorLoss(Batch batch) {
        NDManager m = batch.images().getManager();
        NDArray labelledImages = batch.images().get(new NDIndex("{}:", config.get(Options.BATCH_SIZE)));
        NDArray labels = batch.labels().get(new NDIndex("{}:", config.get(Options.BATCH_SIZE)));
        // With a fake class, the supervised softmax runs over all K+1 outputs (Odena).
        StepLoss.Builder loss = StepLoss.builder()
                .add("d_sup", Losses.crossEntropy(discriminate(labelledImages, true).allLogits(), labels));
        if (!supervisedOnly) {
            NDArray unlabelled = batch.images().get(new NDIndex(":{}", config.get(Options.BATCH_SIZE)));
            NDArray fake = generator.forward(noise(m, config.get(Options.BATCH_SIZE)), true).stopGradient();
            loss.add("d_real", Losses.bceWithLogits(discriminate(unlabelled, true).realness(), 1f))
                    .add("d_fake", Losses.bceWithLogits(discriminate(fake, true).realness(), 0f));
        }
        return loss.total(1f);
    }

    @Override
    public StepLoss generatorLoss(Batch batch) {
        NDManager m = batch.images().getManager();
        Outputs fake = discriminate(generator.forward(noise(m, config.get(Options.BATCH_SIZE)), true), true);
        if (!featureMatching) {
            return StepLoss.builder().add("g_adv", Losses.bceWithLogits(fake.realness(), 1f)).total(1f);
        }
        NDArray unlabelled = batch.images().get(new NDIndex(":{}", config.get(Options.BATCH_SIZE)));
        NDArray realFeatures = discriminate(unlabelled, true).features().stopGradient();
        return StepLoss.builder().add("g_fm", Losses.featureMatching(realFeatures, fake.features())).total(1f);
    }

    /** The supervised baseline never updates its generator. */
    @Override
    public List<Network> generatorSide() {
        return supervisedOnly ? List.of() : super.generatorSide();
    }

    @Override
    public NDArray generate(NDArray noise, NDArray labels, boolean training) {
        return generator.forward(noise, training);
    }

    /** D's class prediction (argmax of the K class logits, inference mode) for images in [-1, 1]. */
    @Override
    public NDArray classify(NDArray images) {
        return discriminate(images, false).classLogits().argMax(1).toType(DataType.INT64, false);
    }

    @Override
    public int classes() {
        return config.numClasses;
    }
}
