package io.gan4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gan4j.NativeOps;
import io.gan4j.training.Draws;
import io.gan4j.training.Network;

/**
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
        NDArray grad = NativeOps.inputGradient(critic.forward(interpolates, true), interpolates);
        NDArray norms = grad.reshape(grad.getShape().get(0), -1).square().sum(new int[] {1}).sqrt();
        return Losses.scale(norms.sub(1f).square().mean(), lambda);
    }
}
