package io.gan4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.gan4j.losses.AdversarialLoss;
import io.gan4j.losses.GradientPenalty;
import io.gan4j.losses.Losses;
import io.gan4j.options.Options;
import io.gan4j.training.Batch;
import io.gan4j.training.Network;
import io.gan4j.training.StepLoss;
import io.gan4j.training.TrainConfig;

/**
 * Goodfellow et al.'s game with a discriminator of one real/fake logit, unconditional or
 * conditioned on class labels (CGAN: both networks see the label; fakes get uniformly drawn
 * labels). D minimises the mean of its losses on real (target 1) and fake (target 0); G's loss is
 * non-saturating by default (minimise -log D(G(z))) or the original minimax log(1 - D(G(z))),
 * which has almost no gradient early on, when D easily rejects every sample (seed 001).
 */
abstract class BinaryGan extends Gan {

    private final boolean minimax;
    private final AdversarialLoss adversarial;
    /** D's target for real samples: 1, or less for one-sided label smoothing (Salimans et al. 2016). */
    private final float realLabel;
    /** γ of the R1 penalty on real images, 0 when off. */
    private final float r1;

    BinaryGan(TrainConfig config, Network generator, Network discriminator) {
        super(config, generator, discriminator, config.get(Options.REUSE_FAKES, false));
        this.minimax = config.get(Options.G_LOSS).equals("minimax");
        this.adversarial = adversarialLoss(config);
        this.realLabel = config.get(Options.REAL_LABEL, 1f);
        this.r1 = config.get(Options.R1, 0f);
    }

    /** D's real/fake logits [B, 1] for images [B, C, H, W] (labels [B], or null when unconditional). */
    protected abstract NDArray discriminate(NDArray images, NDArray labels);

    /** The adversarial loss this model trains with. */
    protected final AdversarialLoss adversarial() {
        return adversarial;
    }

    /** The adversarial loss: {@code --adv-loss} (BCE by default) unless a model says otherwise. */
    protected AdversarialLoss adversarialLoss(TrainConfig config) {
        return AdversarialLoss.named(config.get(Options.ADV_LOSS));
    }

    @Override
    public StepLoss discriminatorLoss(Batch real) {
        Fakes fakes = discriminatorFakes(real);
        NDArray labels = fakes.labels();
        // Detached: D's loss need not be back-propagated into G.
        NDArray fake = fakes.images().stopGradient();
        NDArray images = real.images();
        if (r1 > 0) {
            // A leaf copy that records its gradient, for R1's penalty on D's gradient at the real images.
            images = images.duplicate();
            images.setRequiresGradient(true);
        }
        NDArray realLogits;
        NDArray fakeLogits;
        if (discriminatorIsPerSample()) {
            // One pass over real and fake rows together: the same per-row math in half the passes.
            long n = real.size();
            NDArray both = discriminate(images.concat(fake, 0),
                    labels == null ? null : real.labels().concat(labels, 0));
            realLogits = both.get("0:{}", n);
            fakeLogits = both.get("{}:", n);
        } else {
            realLogits = discriminate(images, real.labels());
            fakeLogits = discriminate(fake, labels);
        }
        StepLoss.Builder loss = StepLoss.builder()
                .add("d_real", adversarial.real(realLogits, realLabel))
                .add("d_fake", adversarial.fake(fakeLogits));
        if (r1 > 0) {
            // γ·E‖∇D(x)‖², halved with the other parts by the total: R1's γ/2.
            loss.add("d_r1", Losses.scale(GradientPenalty.r1(realLogits, images), r1));
        }
        return loss.total(0.5f);
    }

    /**
     * Whether D treats every row on its own (no BatchNorm or other batch statistics): then its
     * step discriminates the real and the fake batch in one forward pass over both.
     */
    protected boolean discriminatorIsPerSample() {
        return false;
    }

    @Override
    public StepLoss generatorLoss(Batch real) {
        Fakes fakes = generatorFakes(real);
        NDArray logits = discriminate(fakes.images(), fakes.labels());
        return StepLoss.of(minimax ? adversarial.fake(logits).neg() : adversarial.generator(logits));
    }

    @Override
    public NDArray generate(NDArray noise, NDArray labels, boolean training) {
        NDList inputs = numClasses() > 0 ? new NDList(noise, labels) : new NDList(noise);
        NDArray out = generator.forward(inputs, training).singletonOrThrow();
        return out.reshape(new Shape(out.getShape().get(0)).addAll(sampleShape()));
    }
}
