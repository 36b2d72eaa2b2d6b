package io.gan4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gan4j.Gan4jException;
import io.gan4j.data.LabeledImages;
import io.gan4j.layers.ConvNets;
import io.gan4j.options.Options;
import io.gan4j.training.Batch;
import io.gan4j.training.DataSource;
import io.gan4j.training.Draws;
import io.gan4j.training.ImageBatches;
import io.gan4j.training.Network;
import io.gan4j.training.StepLoss;
import io.gan4j.training.TrainConfig;

import java.util.List;
import java.util.function.Function;

/**
 * A GAN variant: its networks, the losses of its discriminator and generator updates, and how
 * it generates. The shared {@code Trainer} does everything else (optimizers, gradients, logging,
 * samples, checkpoints), so a variant is only what makes it different.
 *
 * <p>A new model must implement:
 * <ul>
 *   <li>a constructor {@code (TrainConfig, NDManager)} that builds its generator and discriminator
 *       with {@link Network#create} and passes them to this constructor; it reads its options from
 *       the resolved configuration, whose values the option declarations have already checked;</li>
 *   <li>{@link #discriminatorLoss}: D's loss on a real batch (and the fakes it makes), as a
 *       {@link StepLoss} whose named parts are logged;</li>
 *   <li>{@link #generatorLoss}: G's loss;</li>
 *   <li>{@link #generate}: samples [n, C, H, W] from noise (and labels, for a conditional model).</li>
 * </ul>
 * It may override: {@link #noise} (another prior), {@link #numClasses} (a conditional model),
 * {@link #realData} (data other than the image batches, e.g. pairs), {@link #sampleShape},
 * {@link #outputLow}/{@link #outputHigh} (another output range), {@link #discriminatorStepsPerGeneratorStep},
 * {@link #discriminatorSide}/{@link #generatorSide} (extra networks such as InfoGAN's Q head),
 * and {@link #gridInputs}/{@link #gridImages} (what the sample grids show). A model whose losses
 * take their fakes from {@link #discriminatorFakes} and {@link #generatorFakes} passes
 * {@code --reuse-fakes} to the four-argument constructor, and G's update may then score the D
 * update's fakes again. Special abilities are small interfaces: {@link Translator},
 * {@link ImageClassifying}, {@link LearnedCodes}.
 *
 * <p>It then needs a {@link ModelSpec} (name, description, recipe, constructor) from a
 * {@link ModelProvider}: {@link BuiltInModels} for gan4j's own, a {@code ServiceLoader} entry
 * for one defined elsewhere. docs/options.md lists the files a new model touches.
 */
public abstract class Gan {

    protected final TrainConfig config;
    protected final Network generator;
    protected final Network discriminator;
    private final boolean reuseFakes;
    /** The discriminator update's fakes, kept for this step's generator update (--reuse-fakes). */
    private Fakes kept;

    protected Gan(TrainConfig config, Network generator, Network discriminator) {
        this(config, generator, discriminator, false);
    }

    /**
     * A model whose losses take their fakes from {@link #discriminatorFakes} and
     * {@link #generatorFakes}, and so can reuse them ({@code reuseFakes}, from --reuse-fakes).
     */
    protected Gan(TrainConfig config, Network generator, Network discriminator, boolean reuseFakes) {
        this.config = config;
        this.generator = generator;
        this.discriminator = discriminator;
        this.reuseFakes = reuseFakes;
    }

    /**
     * Loss of the discriminator update, from a real batch; the generator is frozen meanwhile
     * (unless {@link #reusesFakes}, when its fakes keep G's graph for the generator update).
     */
    public abstract StepLoss discriminatorLoss(Batch real);

    /**
     * The discriminator's updates on one real batch, in order, each loss computed after the
     * previous update has been applied: by default the one update of {@link #discriminatorLoss}.
     * The pattern GAN makes the book's two, on the real pattern and then on the fake: one update on
     * their mean would take half the step under SGD. d_loss logs the mean of their totals.
     */
    public List<Function<Batch, StepLoss>> discriminatorUpdates() {
        return List.of(this::discriminatorLoss);
    }

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
        return Draws.current().normal(manager, 0f, 1f, new Shape(n, config.get(Options.LATENT_DIM)));
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

    /** The range the generator's outputs (and the real data given to D) live in. */
    public float outputLow() {
        return -1f;
    }

    public float outputHigh() {
        return 1f;
    }

    /** Real training data: by default batches of the configured data set's images. */
    public DataSource realData(LabeledImages images, NDManager manager) {
        return new ImageBatches(images, config.get(Options.BATCH_SIZE), config.get(Options.SEED), manager);
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

    /**
     * Whether the generator update reuses the discriminator update's fakes ({@code --reuse-fakes},
     * for the models that make their fakes through {@link #discriminatorFakes}): then the trainer
     * never freezes the generator side, so that the fakes made for D keep G's autograd graph for
     * G's own update.
     */
    public boolean reusesFakes() {
        return reuseFakes;
    }

    /** Fakes: images [B, C, H, W] in the output range and their labels [B] (null when unconditional). */
    protected record Fakes(NDArray images, NDArray labels) {}

    /**
     * Fakes for the discriminator update, as many as the real batch: labels drawn uniformly (for a
     * conditional model), then noise. With {@code --reuse-fakes} they are kept, with G's autograd
     * graph, for this step's {@link #generatorFakes}: pytorch/examples' loop, which runs G forward
     * once per step where generating anew runs it twice. D's loss must read their images detached.
     */
    protected final Fakes discriminatorFakes(Batch real) {
        Fakes fakes = newFakes(real);
        kept = reuseFakes ? fakes : null;
        return fakes;
    }

    /** Fakes for the generator update: the discriminator update's with --reuse-fakes, else new ones. */
    protected final Fakes generatorFakes(Batch real) {
        Fakes fakes = kept != null ? kept : newFakes(real);
        kept = null;
        return fakes;
    }

    private Fakes newFakes(Batch real) {
        NDManager m = real.images().getManager();
        int n = (int) real.size();
        NDArray labels = numClasses() > 0 ? randomLabels(m, n) : null;
        return new Fakes(generate(noise(m, n), labels, true), labels);
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
