package io.gan4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.gan4j.augment.RandomAffine;
import io.gan4j.layers.BatchNorm;
import io.gan4j.layers.ConvNets;
import io.gan4j.layers.InPlaceActivation;
import io.gan4j.layers.Layers;
import io.gan4j.losses.Losses;
import io.gan4j.options.Options;
import io.gan4j.training.Batch;
import io.gan4j.training.Draws;
import io.gan4j.training.Network;
import io.gan4j.training.StepLoss;
import io.gan4j.training.TrainConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * InfoGAN (Chen et al. 2016, seed 004): the generator's input is noise z ⊕ one-hot(c) ⊕ u, a
 * categorical code c of K values and continuous codes u ~ U[-1, 1]; a Q network on the
 * discriminator's features predicts them (categorical logits; continuous means, plus
 * log-variances for {@code --cont-loss nll}), and the information loss λ_cat·CE + λ_cont·(MSE or
 * Gaussian NLL) — a lower bound on the mutual information I(c, u; G(z, c, u)) — trains Q and G.
 * Q is its own network on the shared body (D's convolutions), on both sides of the game at D's
 * learning rate: the D update trains D's body, D's head and Q (information loss on the detached
 * fakes), the G update trains G and Q (Q on D's side alone, as in the paper's code, or at G's
 * rate trained worse: docs/models.md). The
 * categorical code takes the place of a label in sampling, grids and evaluation (rows = code
 * value); it has no fixed meaning, so evaluation matches code values to classes (Hungarian).
 * Optionally (ClusterGAN's recipe) z has a small deviation {@code --noise-std} and Q also
 * recovers z, weighted by {@code --lambda-noise}, so that G cannot hide digit identity in z.
 * With {@code --info-augment}, Q reads the categorical code from a randomly warped copy of each fake
 * ({@link RandomAffine}: rotated by up to 15°, scaled by 0.9–1.1, shifted by up to 8% of the side)
 * and the continuous codes and z from the fake itself. A code that only slant, size or position
 * tells apart (two codes for the upright and the slanted 1s, say) is then lost to Q, so G gains from
 * carrying it in the digit's shape instead, while the continuous codes keep stroke thickness and
 * slant. The warped copies cost one more pass of D's body (and Q) per update, in training mode like
 * the others, so the BatchNorm running statistics that sampling and evaluation use also average
 * over warped fakes.
 */
public final class InfoGan extends Gan implements LearnedCodes {

    private final Network q;
    private final int classes;
    private final int continuous;
    private final boolean nll;
    private final float noiseStd;
    private final float lambdaNoise;
    private final RandomAffine augment;

    InfoGan(TrainConfig c, NDManager manager) {
        super(c,
                Network.create("generator", generator(c), manager,
                        new Shape(1, (long) c.get(Options.LATENT_DIM) + c.get(Options.CODE_CLASSES) + c.get(Options.CODE_CONTINUOUS))),
                Network.create("discriminator", discriminator(convSize(c)), manager,
                        new Shape(1, c.imageShape[0], c.imageShape[1], c.imageShape[2])));
        this.nll = c.get(Options.CONT_LOSS).equals("nll");
        this.classes = c.get(Options.CODE_CLASSES);
        this.continuous = c.get(Options.CODE_CONTINUOUS);
        // Checkpoints written before these options existed have none: z ~ N(0, 1), not recovered, no warp.
        this.noiseStd = c.get(Options.NOISE_STD, 1f);
        this.lambdaNoise = c.get(Options.LAMBDA_NOISE, 0f);
        this.augment = c.get(Options.INFO_AUGMENT, false) ? new RandomAffine(15f, 0.1f, 0.08f) : null;
        Shape features = discriminator.block().getOutputShapes(
                new Shape[] {new Shape(1, c.imageShape[0], c.imageShape[1], c.imageShape[2])})[1];
        // Seed 004's Q heads: FC 128 → BatchNorm → LeakyReLU(0.1) → FC (logits and code statistics).
        SequentialBlock qBlock = new SequentialBlock()
                .add(Linear.builder().setUnits(128).build())
                .add(new BatchNorm())
                .add(Layers.leakyRelu(0.1f).get())
                .add(Linear.builder().setUnits(classes + (nll ? 2L : 1L) * continuous
                        + (lambdaNoise > 0 ? c.get(Options.LATENT_DIM) : 0)).build());
        this.q = Network.create("q", qBlock, manager, features);
    }

    /** The paper's MNIST generator: FC 1024 → BN → ReLU, then the DCGAN generator (FC 128×7×7, two up-convolutions). */
    private static SequentialBlock generator(TrainConfig c) {
        return new SequentialBlock().add(hidden(InPlaceActivation::relu)).add(ConvNets.generatorBody(c.imageShape[0], convSize(c)));
    }

    /**
     * The paper's MNIST discriminator: the DCGAN convolutions, then FC 1024 → BN → LeakyReLU(0.1),
     * the features Q shares; two outputs, the real/fake logit [B, 1] and those features [B, 1024].
     * (Without the FC layer the code captured style rather than digit identity: docs/models.md.)
     */
    private static SequentialBlock discriminator(int size) {
        return new SequentialBlock().add(ConvNets.discriminatorBody(size)).add(hidden(() -> InPlaceActivation.leakyRelu(0.1f)))
                .add(new ParallelBlock(outputs -> {
            NDList joined = new NDList();
            outputs.forEach(joined::addAll);
            return joined;
        }, List.of(Linear.builder().setUnits(1).build(), Blocks.identityBlock())));
    }

    /** FC 1024 → BN → the activation, in place on BatchNorm's output. */
    private static SequentialBlock hidden(Supplier<Block> activation) {
        return new SequentialBlock().add(Linear.builder().setUnits(1024).build()).add(new BatchNorm())
                .add(activation.get());
    }

    public Network q() {
        return q;
    }

    @Override
    public List<Network> networks() {
        return List.of(generator, discriminator, q);
    }

    @Override
    public List<Network> discriminatorSide() {
        return List.of(discriminator, q);
    }

    @Override
    public List<Network> generatorSide() {
        return List.of(generator, q);
    }

    @Override
    public int numClasses() {
        return classes;
    }

    @Override
    public StepLoss discriminatorLoss(Batch real) {
        NDManager m = real.images().getManager();
        int n = (int) real.size();
        NDArray codes = randomLabels(m, n);
        NDArray noise = noise(m, n);
        NDArray fake = generate(noise, codes, true).stopGradient();
        NDList r = discriminator.forward(new NDList(real.images()), true);
        NDList f = discriminator.forward(new NDList(fake), true);
        StepLoss.Builder loss = StepLoss.builder()
                .add("d_real", Losses.bceWithLogits(r.get(0), 1f))
                .add("d_fake", Losses.bceWithLogits(f.get(0), 0f));
        return information(loss, "d_", fake, f.get(1), codes, noise).total(1f);
    }

    @Override
    public StepLoss generatorLoss(Batch real) {
        NDManager m = real.images().getManager();
        int n = (int) real.size();
        NDArray codes = randomLabels(m, n);
        NDArray noise = noise(m, n);
        NDArray fake = generate(noise, codes, true);
        NDList f = discriminator.forward(new NDList(fake), true);
        StepLoss.Builder loss = StepLoss.builder().add("g_adv", Losses.bceWithLogits(f.get(0), 1f));
        return information(loss, "g_", fake, f.get(1), codes, noise).total(1f);
    }

    /**
     * Adds the information loss of Q on the fakes' features: λ_cat·CE(codes) + λ_cont·(MSE | NLL)(continuous
     * codes) + λ_noise·MSE(z) when Q recovers z. Q's outputs: logits, code means, (NLL) code log-variances, (z).
     * With {@code --info-augment} the logits are Q's on D's features of the warped fakes.
     */
    private StepLoss.Builder information(StepLoss.Builder loss, String prefix, NDArray fake, NDArray features, NDArray codes,
            NDArray noise) {
        NDArray out = q.forward(features, true);
        NDArray logits = augment == null ? out
                : q.forward(discriminator.forward(new NDList(augment.apply(fake)), true).get(1), true);
        loss.add(prefix + "info_cat", Losses.scale(Losses.crossEntropy(logits.get(new NDIndex(":, :{}", classes)), codes),
                config.get(Options.LAMBDA_CAT)));
        int statistics = classes + (nll ? 2 : 1) * continuous;
        if (continuous > 0) {
            NDArray u = continuousCodes(noise);
            NDArray mean = out.get(new NDIndex(":, {}:{}", classes, classes + continuous));
            NDArray cont = nll ? Losses.gaussianNll(u, mean, out.get(new NDIndex(":, {}:{}", classes + continuous, statistics)))
                    : Losses.squaredError(u, mean);
            loss.add(prefix + "info_cont", Losses.scale(cont, config.get(Options.LAMBDA_CONT)));
        }
        if (lambdaNoise > 0) {
            NDArray z = noise.get(new NDIndex(":, :{}", config.get(Options.LATENT_DIM)));
            loss.add(prefix + "info_noise", Losses.scale(Losses.squaredError(z, out.get(new NDIndex(":, {}:", statistics))), lambdaNoise));
        }
        return loss;
    }

    /** The categorical code value Q predicts for each image [B, C, H, W] (inference mode). */
    public NDArray predictCode(NDArray images) {
        NDArray features = discriminator.forward(new NDList(images), false).get(1);
        return q.forward(features, false).get(new NDIndex(":, :{}", classes)).argMax(1);
    }

    /** Noise [n, Z + C]: z ~ N(0, σ²) then the continuous codes ~ U[-1, 1]. */
    @Override
    public NDArray noise(NDManager manager, int n) {
        NDArray z = Draws.current().normal(manager, 0f, noiseStd, new Shape(n, config.get(Options.LATENT_DIM)));
        return continuous == 0 ? z : z.concat(Draws.current().uniform(manager, -1f, 1f, new Shape(n, continuous)), 1);
    }

    private NDArray continuousCodes(NDArray noise) {
        return noise.get(new NDIndex(":, {}:", config.get(Options.LATENT_DIM)));
    }

    /** G(z ⊕ one-hot(labels) ⊕ u), the categorical code given as {@code labels}. */
    @Override
    public NDArray generate(NDArray noise, NDArray labels, boolean training) {
        NDArray z = noise.get(new NDIndex(":, :{}", config.get(Options.LATENT_DIM)));
        NDArray input = z.concat(labels.oneHot(classes), 1);
        if (continuous > 0) {
            input = input.concat(continuousCodes(noise), 1);
        }
        return generator.forward(input, training);
    }

    /**
     * One grid per continuous code: row r holds code value r (of the fixed noise's rows), the
     * swept code going from -2 to 2 along the columns, the other continuous codes 0, z that of
     * the row's first sample.
     */
    @Override
    public List<NDArray> sweepGrids(NDArray noise, int columns) {
        List<NDArray> grids = new ArrayList<>();
        int rows = (int) (noise.getShape().get(0) / columns);
        NDManager m = noise.getManager();
        float[] sweep = new float[columns];
        for (int j = 0; j < columns; j++) {
            sweep[j] = columns == 1 ? 0f : -2f + 4f * j / (columns - 1);
        }
        for (int k = 0; k < continuous; k++) {
            float[] u = new float[rows * columns * continuous];
            for (int i = 0; i < rows * columns; i++) {
                u[i * continuous + k] = sweep[i % columns];
            }
            NDArray z = noise.get(new NDIndex(":, :{}", config.get(Options.LATENT_DIM))).get(new NDIndex("::{}", columns))
                    .repeat(0, columns);
            grids.add(z.concat(m.create(u, new Shape(rows * columns, continuous)), 1));
        }
        return grids;
    }
}
