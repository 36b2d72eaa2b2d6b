package io.gan4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.gan4j.Gan4jException;

/**
 * The adversarial loss of a real/fake discriminator, on its raw outputs (logits) x, chosen by
 * {@code --adv-loss}: D's loss on real and on fake outputs, and G's loss on the fakes' outputs
 * (the non-saturating form; a minimax G minimises minus D's fake loss instead).
 */
public enum AdversarialLoss {
    /** Goodfellow et al.: binary cross-entropy, softplus(-x) on real, softplus(x) on fake, softplus(-x) for G. */
    BCE,
    /** Mao et al.'s LSGAN: (x - 1)² on real, x² on fake, (x - 1)² for G. */
    LSGAN,
    /** The hinge loss of SAGAN/BigGAN: max(0, 1 - x) on real, max(0, 1 + x) on fake, -x for G. */
    HINGE,
    /** The pattern GAN's (Rashid's book): squared error of sigmoid(x) against 1 and 0. Not an --adv-loss choice. */
    MSE_ON_PROBABILITIES;

    /** The models whose real/fake loss {@code --adv-loss} chooses (the BCE-style image models). */
    public static final java.util.List<String> MODELS = java.util.List.of("vanilla", "vanilla-tutorial", "dcgan", "cgan", "acgan", "pix2pix");

    /** {@code --adv-loss}'s value; null (a run written before the option existed) means bce. */
    public static AdversarialLoss named(String name) {
        return switch (name == null ? "bce" : name) {
            case "bce" -> BCE;
            case "lsgan" -> LSGAN;
            case "hinge" -> HINGE;
            default -> throw new Gan4jException("--adv-loss must be bce, lsgan or hinge, not '" + name + "'");
        };
    }

    /** D's loss on the outputs for real images, averaged. */
    public NDArray real(NDArray x) {
        return real(x, 1f);
    }

    /**
     * D's loss on the outputs for real images against the target {@code label}: below 1 for
     * one-sided label smoothing (Salimans et al. 2016). The hinge loss has no target and ignores it.
     */
    public NDArray real(NDArray x, float label) {
        return switch (this) {
            case BCE -> Losses.bceWithLogits(x, label);
            case LSGAN -> Losses.leastSquares(x, label);
            case HINGE -> Activation.relu(x.neg().add(1f)).mean();
            case MSE_ON_PROBABILITIES -> Losses.mseOnProbabilities(x, label);
        };
    }

    /** D's loss on the outputs for generated images, averaged. */
    public NDArray fake(NDArray x) {
        return switch (this) {
            case BCE -> Losses.bceWithLogits(x, 0f);
            case LSGAN -> Losses.leastSquares(x, 0f);
            case HINGE -> Activation.relu(x.add(1f)).mean();
            case MSE_ON_PROBABILITIES -> Losses.mseOnProbabilities(x, 0f);
        };
    }

    /** G's (non-saturating) loss on D's outputs for its images, averaged. */
    public NDArray generator(NDArray x) {
        return this == HINGE ? x.mean().neg() : real(x);
    }
}
