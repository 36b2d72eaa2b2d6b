package io.gan4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gan4j.Gan4jException;
import io.gan4j.data.LabeledImages;
import io.gan4j.layers.ConvNets;
import io.gan4j.training.Batch;
import io.gan4j.training.DataSource;
import io.gan4j.training.Draws;
import io.gan4j.training.ImageBatches;
import io.gan4j.training.Network;
import io.gan4j.training.StepLoss;
import io.gan4j.training.TrainConfig;

import java.util.List;

/**
 * A GAN variant: its networks, the losses of its discriminator and generator updates, and how
 * it generates. The shared {@code Trainer} does everything else (optimizers, gradients, logging,
 * samples, checkpoints), so a variant is only what makes it different.
 */
public abstract class Gan {

    protected final TrainConfig config;
    protected final Network generator;
    protected final Network discriminator;

    protected Gan(TrainConfig config, Network generator, Network discriminator) {
        this.config = config;
        this.generator = generator;
        this.discriminator = discriminator;
    }

    /** Loss of the discriminator update, from a real batch; the generator is frozen meanwhile. */
    public abstract StepLoss discriminatorLoss(Batch real);

    /** Loss of the generator update; the discriminator is frozen meanwhile. */
    public abstract StepLoss generatorLoss(Batch real);

    /**
     * Discriminator (critic) updates per generator update, each on its own real batch: WGAN-GP
     * trains its critic closer to optimality (n_critic = 5); 1 for the others.
     */
    public int discriminatorStepsPerGeneratorStep() {
        return 1;
    }

    /** Generator input noise for n samples: by default z ~ N(0, 1) of the configured latent size. */
    public NDArray noise(NDManager manager, int n) {
        return Draws.current().normal(manager, 0f, 1f, new Shape(n, config.latentDim));
    }

    /**
     * Generates images [n, C, H, W] in the output range. {@code labels} is ignored by
     * unconditional models; {@code training} false uses inference mode (BatchNorm running
     * statistics, no dropout), which sampling must.
     */
    public abstract NDArray generate(NDArray noise, NDArray labels, boolean training);

    /** Shape [C, H, W] of one generated sample: by default that of the training images. */
    public Shape sampleShape() {
        return new Shape(config.imageShape[0], config.imageShape[1], config.imageShape[2]);
    }

    /** Number of classes a conditional model takes; 0 for an unconditional one. */
    public int numClasses() {
        return 0;
    }

    /**
     * Whether the labels are codes the model learned to use without supervision (InfoGAN's
     * categorical code), which match classes only up to a relabelling: evaluation then scores
     * them after the best one-to-one matching of code values to classes.
     */
    public boolean labelsAreLearnedCodes() {
        return false;
    }

    /**
     * Generator noise for extra sample grids besides the fixed-noise one, each laid out like it
     * (rows × {@code columns}, row r with label r): InfoGAN sweeps each continuous code along the
     * columns. None by default.
     */
    public List<NDArray> sweepGrids(NDArray noise, int columns) {
        return List.of();
    }

    /** The range the generator's outputs (and the real data given to D) live in. */
    public float outputLow() {
        return -1f;
    }

    public float outputHigh() {
        return 1f;
    }

    /** Real training data: by default batches of the configured data set's images. */
    public DataSource realData(LabeledImages images, NDManager manager) {
        return new ImageBatches(images, config.batchSize, config.seed, manager);
    }

    /** The fixed inputs of the training sample grids and the width of the grid. */
    public record GridInputs(NDArray noise, NDArray labels, int columns) {}

    /** 8×8 samples, or for a conditional model 10 per class, one row per class. */
    public GridInputs gridInputs(NDManager manager) {
        int classes = numClasses();
        int columns = classes > 0 ? 10 : 8;
        int n = classes > 0 ? classes * columns : columns * columns;
        NDArray noise = noise(manager, n);
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = classes > 0 ? i / columns : 0;
        }
        return new GridInputs(noise, manager.create(y), columns);
    }

    /** The images a sample grid shows for its inputs, in inference mode: by default the samples. */
    public NDArray gridImages(NDArray noise, NDArray labels) {
        return generate(noise, labels, false);
    }

    public Network generator() {
        return generator;
    }

    public Network discriminator() {
        return discriminator;
    }

    /** Networks trained by the discriminator update (InfoGAN-style models may add heads). */
    public List<Network> discriminatorSide() {
        return List.of(discriminator);
    }

    /** Networks trained by the generator update. */
    public List<Network> generatorSide() {
        return List.of(generator);
    }

    /** Uniformly drawn class labels [n] (int64) for a conditional model's fakes. */
    protected NDArray randomLabels(NDManager manager, int n) {
        return Draws.current().integers(manager, 0, numClasses(), new Shape(n));
    }

    /** The image size a convolutional model is built for; rejects sizes its networks cannot take. */
    protected static int convSize(TrainConfig c) {
        int h = c.imageShape[1];
        if (h != c.imageShape[2] || !ConvNets.SIZES.contains(h)) {
            throw new Gan4jException(c.model + "'s convolutional networks take images of " + ConvNets.SIZES
                    + " pixels square, not " + h + "x" + c.imageShape[2] + " (resize with --image-size)");
        }
        return h;
    }

    /** Values per training image (C·H·W), the width of an MLP's image layer. */
    protected static long pixels(TrainConfig config) {
        return (long) config.imageShape[0] * config.imageShape[1] * config.imageShape[2];
    }

    /** [B, C, H, W] → [B, C·H·W], for MLP networks. */
    protected static NDArray flatten(NDArray images) {
        return images.reshape(images.getShape().get(0), -1);
    }

    public List<Network> networks() {
        return List.of(generator, discriminator);
    }
}
