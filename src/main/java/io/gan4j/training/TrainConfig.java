package io.gan4j.training;

/**
 * Everything needed to rerun a training run; saved as config.json in the run directory and in
 * every checkpoint. Boxed fields left null take the model's default (see
 * {@code ModelSpec#defaults}); after {@code Models.resolve} only {@code steps} may still be null.
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
    /** Resize training images to this square size (e.g. 64 for DCGAN's classic networks); null keeps theirs. */
    public Integer imageSize;
    public String device;
    public Integer threads;
    /** What a NaN/Inf loss or weight does: stop (keeping the last good checkpoint) | rollback (to it, halving the learning rates, at most 3 times). */
    public String onDivergence;
    /** Evaluation metrics (gan4j eval, 1000 samples, default classifier) appended to metrics.jsonl every N steps; 0: off. */
    public int evalEvery;

    // Derived from the data set when training starts, so a checkpoint can rebuild its model without it.
    /** [channels, height, width] of the training images. */
    public int[] imageShape;
    public Integer numClasses;
    /** Steps this run trains to ({@code steps}, or {@code epochs} times the steps per epoch), for progress displays. */
    public Long totalSteps;

    // Model options; each model reads the ones it documents.
    /** pattern: mse | bce; pix2pix: bce | lsgan. */
    public String loss;
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

    /** Fills every null field from {@code defaults}. */
    public TrainConfig withDefaults(TrainConfig defaults) {
        for (java.lang.reflect.Field f : TrainConfig.class.getFields()) {
            try {
                if (f.get(this) == null) {
                    f.set(this, f.get(defaults));
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return this;
    }
}
