package io.gan4j.training;

import io.gan4j.options.Option;
import io.gan4j.options.Options;

import java.lang.reflect.Field;

/**
 * Everything needed to rerun a training run; saved as config.json in the run directory and in
 * every checkpoint. Each option field is the storage of an {@link Option} declared in
 * {@link Options} (the field's name is its config.json key); fields left null take the model's
 * recipe, then the option's global default (see {@code Models.resolve}).
 */
public final class TrainConfig {

    public String model;
    public String data;
    public Long seed;
    public Integer batchSize;
    /** Total steps; when null, {@code epochs} decides. */
    public Long steps;
    public Integer epochs;
    public Float lrGenerator;
    public Float lrDiscriminator;
    public Float beta1;
    public Float beta2;
    // new option (issue 24)
    /** adam | sgd | rmsprop, PyTorch's update rules (null in checkpoints written before the choice existed: adam). */
    public String optimizer;
    // new option (issue 24)
    /** sgd: momentum μ (0: plain SGD). */
    public Float momentum;
    /** Share of the run's last steps over which both learning rates fall linearly to 0 (0: constant). */
    public Float lrDecay;
    /** Decay of the generator's weight average that samples come from; 0 turns it off. */
    public Float emaDecay;
    public Integer latentDim;
    public Integer logEvery;
    /** Extra sample grids every N steps (0: only once per epoch). */
    public Integer sampleEvery;
    /** Numbered checkpoints every N epochs ({@code latest} is always kept current). */
    public Integer checkpointEvery;
    /** Numbered checkpoints every N steps (0: off). */
    public Integer checkpointEverySteps;
    /** Resize training images to this square size (e.g. 64 for DCGAN's classic networks); null keeps theirs. */
    public Integer imageSize;
    public String device;
    public Integer threads;
    /** What a NaN/Inf loss or weight, or a loss blown up far above its running level (HealthMonitor), does: stop (keeping the last good checkpoint) | rollback (to it, halving the learning rates, at most 3 times). */
    public String onDivergence;
    // new options (issue 21)
    /** Image folders: channels of the decoded images, 1 | 3 (null: 3 when any image has colour). */
    public Integer channels;
    /** Image folders: what transparent pixels are composited onto, white | black. */
    public String background;
    /** Image folders: share of the files held out for evaluation (chosen by a hash of each path). */
    public Float holdout;
    /** DiffAugment policy applied to every image D sees: a comma-separated subset of color, translation, cutout ("" or null: off). */
    public String diffAugment;
    /** Evaluation metrics (gan4j eval, 1000 samples, default classifier) appended to metrics.jsonl every N steps; 0: off. */
    public Integer evalEvery;

    // Derived from the data set when training starts, so a checkpoint can rebuild its model without it.
    /** [channels, height, width] of the training images. */
    public int[] imageShape;
    public Integer numClasses;
    /** The class folders' names of an image-folder data set, label 0 first; null for other data. */
    public java.util.List<String> classNames;
    /** Steps this run trains to ({@code steps}, or {@code epochs} times the steps per epoch), for progress displays. */
    public Long totalSteps;

    // Model options; each model reads the ones it documents.
    /** pattern: mse | bce; pix2pix: bce | lsgan (deprecated there: {@code advLoss}). */
    public String loss;
    // new option (issue 22): --adv-loss, String, default null = bce, not changeable on --resume.
    /** vanilla, dcgan, cgan, acgan (its real/fake head), pix2pix: bce | lsgan | hinge (null: bce). */
    public String advLoss;
    /** vanilla: non-saturating | minimax. */
    public String generatorLoss;
    // new options (issue 24)
    /** vanilla, dcgan, cgan: D's target for real samples (1; 0.9 is one-sided label smoothing; null in older runs: 1). */
    public Float realLabel;
    /** vanilla: σ of the Gaussian noise added to D's every input, real and fake (instance noise; 0: off). */
    public Float instanceNoise;
    /** vanilla: D's last layer also sees the batch's standard deviation (Karras et al.). */
    public Boolean minibatchStd;
    /** vanilla: D's linear layers spectrally normalised (Miyato et al.). */
    public Boolean spectralNorm;
    /** pattern: constant (the book's 0.5) | random. */
    public String generatorInput;
    /** cgan: mlp (the paper's) | conv; wgan-gp: conv | resnet. */
    public String arch;
    /** acgan: projection (the label enters D's real/fake logit only) | embed (seed 000: D's input) | none (the paper's D). */
    public String dConditioning;
    /** sgan: how many training images keep their labels (class-balanced, chosen by the seed). */
    public Integer labels;
    /** sgan: k+1 (K classes + fake, Odena) | k (Salimans et al.). */
    public String dOutput;
    /** sgan: train D on the labelled images alone, no GAN (the supervised baseline). */
    public Boolean supervisedOnly;
    /** pix2pix: edges2digits | masked2digits (pairs made from the IDX data set) | folder (a pix2pix folder). */
    public String task;
    /** pix2pix: AtoB (translate the left/first image into the right/second) | BtoA. */
    public String direction;
    /** pix2pix: feature maps of the outermost U-Net level and of the PatchGAN's first layer (the reference's ngf = ndf = 64). */
    public Integer baseChannels;
    /** pix2pix: strided layers of the PatchGAN (3: 70×70 patches). */
    public Integer dLayers;
    /** pix2pix: batch | instance. */
    public String norm;
    /** pix2pix: weight λ of the L1 term of the generator's loss. */
    public Float l1Weight;
    /** wgan-gp: weight λ of the gradient penalty. */
    public Float gpLambda;
    /** wgan-gp: critic updates per generator update (n_critic). */
    public Integer criticSteps;
    /** infogan: values of the categorical code. */
    public Integer codeClasses;
    /** infogan: number of continuous codes, each U[-1, 1]. */
    public Integer codeContinuous;
    /** infogan: weights of the categorical and continuous information losses. */
    public Float lambdaCat;
    public Float lambdaCont;
    /** infogan: the continuous codes' loss, mse | nll (Gaussian with a predicted log-variance). */
    public String contLoss;
    /** infogan: standard deviation of the noise z (null in checkpoints written before it existed: 1). */
    public Float noiseStd;
    /** infogan: weight of Q's squared error in recovering z (0: Q predicts the codes only; null in older checkpoints: 0). */
    public Float lambdaNoise;

    /** The value of a declared option; null when unset. */
    public <T> T get(Option<T> option) {
        try {
            return option.type().cast(field(option).get(this));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets a declared option (null unsets it); returns this configuration. */
    public <T> TrainConfig set(Option<T> option, T value) {
        try {
            field(option).set(this, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Fills every unset option with its global default (an option added after a run was written, say). */
    public TrainConfig withGlobalDefaults() {
        for (Option<?> o : Options.ALL) {
            fillDefault(o);
        }
        return this;
    }

    private <T> void fillDefault(Option<T> option) {
        if (get(option) == null) {
            set(option, option.defaultValue());
        }
    }

    private static Field field(Option<?> option) {
        try {
            Field f = TrainConfig.class.getField(option.key());
            if (f.getType() != option.type()) {
                throw new IllegalStateException(option + " is a " + option.type().getSimpleName() + " but TrainConfig."
                        + option.key() + " a " + f.getType().getSimpleName());
            }
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(option + " has no TrainConfig field '" + option.key() + "'", e);
        }
    }
}
