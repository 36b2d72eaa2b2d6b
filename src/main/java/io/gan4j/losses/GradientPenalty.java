package io.gan4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gan4j.NativeOps;
import io.gan4j.training.Draws;
import io.gan4j.training.Network;

/**
 * Penalties on the discriminator's gradient with respect to its input: R1 ({@link #r1}) and
 * WGAN-GP's gradient penalty λ·E[(‖∇x̂ D(x̂)‖₂ − 1)²] on random interpolates x̂ = εx + (1−ε)x̃,
 * ε ~ U[0, 1] per sample (Gulrajani et al. 2017), differentiable with respect to the critic's
 * weights: its gradient is a second-order derivative.
 *
 * <p>The input gradient comes from {@code torch.autograd.grad(D(x̂), x̂, create_graph=True)},
 * which DJL does not expose, through {@link NativeOps#inputGradient}. The obvious alternative,
 * libtorch's {@code backward(create_graph=True)} (public in DJL's JniUtils), is wrong here: it also accumulates first-order gradients that carry a graph
 * into the critic's weights and x̂, a reference cycle (parameter → .grad → graph → parameter)
 * that DJL cannot break, as it cannot reset a {@code .grad} — every step's graph would leak.
 */
public final class GradientPenalty {

    private GradientPenalty() {}

    /**
     * The penalty for {@code critic} (images → scores [B, 1]) on interpolates of {@code real} and
     * {@code fake} (detached), ε drawn from libtorch's seeded generator.
     */
    public static NDArray penalty(Network critic, NDArray real, NDArray fake, float lambda) {
        NDManager m = real.getManager();
        NDArray eps = Draws.current().uniform(m, 0f, 1f, new Shape(real.getShape().get(0), 1, 1, 1));
        NDArray interpolates = real.mul(eps).add(fake.stopGradient().mul(eps.neg().add(1f))).stopGradient();
        interpolates.setRequiresGradient(true);
        NDArray norms = squaredInputGradientNorms(critic.forward(interpolates, true), interpolates).sqrt();
        return Losses.scale(norms.sub(1f).square().mean(), lambda);
    }

    /**
     * Mescheder et al. (2018)'s R1 before its γ/2: E‖∇ₓ D(x)‖² over the real images x, from D's
     * logits on them, differentiable with respect to D's weights, so that D learns to be flat at the
     * data. The gradient of the summed logits is each image's own gradient when D treats rows on their
     * own. {@code images} must have been made to record their gradient before D's forward pass.
     */
    public static NDArray r1(NDArray realLogits, NDArray images) {
        return squaredInputGradientNorms(realLogits, images).mean();
    }

    /** ‖d(sum scores)/d input‖² per sample [B], through {@link NativeOps#inputGradient}. */
    private static NDArray squaredInputGradientNorms(NDArray scores, NDArray inputs) {
        NDArray grad = NativeOps.inputGradient(scores, inputs);
        return grad.reshape(grad.getShape().get(0), -1).square().sum(new int[] {1});
    }
}
