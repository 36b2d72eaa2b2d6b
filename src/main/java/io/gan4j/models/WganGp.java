package io.gan4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.gan4j.Gan4jException;
import io.gan4j.layers.ConvNets;
import io.gan4j.layers.Init;
import io.gan4j.layers.ResNets;
import io.gan4j.losses.GradientPenalty;
import io.gan4j.losses.Losses;
import io.gan4j.options.Options;
import io.gan4j.training.Batch;
import io.gan4j.training.Network;
import io.gan4j.training.StepLoss;
import io.gan4j.training.TrainConfig;

/**
 * WGAN-GP (Gulrajani et al. 2017): a critic of unbounded scores trained on mean(D(fake)) −
 * mean(D(real)) plus the gradient penalty λ·E(‖∇D(x̂)‖ − 1)² on random interpolates (the
 * 1-Lipschitz constraint, in place of WGAN's weight clipping), n_critic critic updates per
 * generator update, and a generator minimising −mean(D(G(z))). The critic has no BatchNorm
 * (LayerNorm instead): the penalty is per sample. {@code --arch conv}: the DCGAN networks and initialisation;
 * {@code --arch resnet}: residual networks with up/down-sampling blocks.
 */
public final class WganGp extends Gan {

    /** Channels of the residual networks (the paper's 64×64 nets use 128; 64 keeps CPU runs affordable). */
    private static final int RES_WIDTH = 64;

    WganGp(TrainConfig c, NDManager manager) {
        super(c,
                Network.create("generator", generator(c), manager, new Shape(1, c.get(Options.LATENT_DIM))),
                Network.create("discriminator", critic(c), manager,
                        new Shape(1, c.imageShape[0], c.imageShape[1], c.imageShape[2])));
        if (!resnet(c)) {
            // DCGAN's N(0, 0.02) start: from PyTorch's default one (last layer ±1/4), the critic's
            // first gradients drove a fixed lattice of G's output pixels into tanh saturation,
            // where no gradient can bring them back (README: WGAN-GP results).
            Init.dcgan(generator.block());
            Init.dcgan(discriminator.block());
        }
        if (!(c.get(Options.GP_LAMBDA) >= 0)) {
            throw new Gan4jException("--gp-lambda must be 0 or positive, not " + c.get(Options.GP_LAMBDA));
        }
        if (c.get(Options.N_CRITIC) <= 0) {
            throw new Gan4jException("--n-critic must be positive, not " + c.get(Options.N_CRITIC));
        }
    }

    private static boolean resnet(TrainConfig c) {
        return c.get(Options.ARCH).equals("resnet") && convSize(c) > 0;
    }

    private static Block generator(TrainConfig c) {
        return resnet(c) ? ResNets.generator(c.imageShape[0], convSize(c), RES_WIDTH) : ConvNets.generatorBody(c.imageShape[0], convSize(c));
    }

    private static Block critic(TrainConfig c) {
        return resnet(c) ? ResNets.critic(convSize(c), RES_WIDTH)
                : new SequentialBlock().add(ConvNets.criticBody(convSize(c))).add(Linear.builder().setUnits(1).build());
    }

    @Override
    public int discriminatorStepsPerGeneratorStep() {
        return config.get(Options.N_CRITIC);
    }

    private NDArray critic(NDArray images) {
        return discriminator.forward(images, true);
    }

    @Override
    public StepLoss discriminatorLoss(Batch real) {
        NDManager m = real.images().getManager();
        NDArray fake = generate(noise(m, (int) real.size()), null, true).stopGradient();
        return StepLoss.builder()
                .add("d_wasserstein", Losses.wassersteinCritic(critic(real.images()), critic(fake)))
                .add("d_gp", GradientPenalty.penalty(discriminator, real.images(), fake, config.get(Options.GP_LAMBDA)))
                .total(1f);
    }

    @Override
    public StepLoss generatorLoss(Batch real) {
        NDManager m = real.images().getManager();
        return StepLoss.of(Losses.wassersteinGenerator(critic(generate(noise(m, (int) real.size()), null, true))));
    }

    @Override
    public NDArray generate(NDArray noise, NDArray labels, boolean training) {
        return generator.forward(noise, training);
    }
}
