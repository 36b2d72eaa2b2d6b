package io.gan4j.external;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.gan4j.layers.Layers;
import io.gan4j.losses.Losses;
import io.gan4j.models.Gan;
import io.gan4j.models.ModelProvider;
import io.gan4j.models.ModelSpec;
import io.gan4j.options.Options;
import io.gan4j.options.Recipe;
import io.gan4j.training.Batch;
import io.gan4j.training.Network;
import io.gan4j.training.StepLoss;
import io.gan4j.training.TrainConfig;

import java.util.List;

/**
 * A GAN variant defined outside gan4j's sources, through its public API only: least-squares
 * losses (Mao et al. 2017) on tiny MLPs. Its {@link Provider} is listed in the test classpath's
 * META-INF/services, so {@code gan4j train tiny-lsgan} finds it.
 */
public final class TinyLsgan extends Gan {

    public TinyLsgan(TrainConfig c, NDManager manager) {
        super(c,
                Network.create("generator", Layers.mlp(Layers.leakyRelu(0.2f), 0, 32, (int) pixels(c)).add(Activation.tanhBlock()),
                        manager, new Shape(1, c.get(Options.LATENT_DIM))),
                Network.create("discriminator", Layers.mlp(Layers.leakyRelu(0.2f), 0, 32, 1), manager, new Shape(1, pixels(c))));
    }

    @Override
    public StepLoss discriminatorLoss(Batch real) {
        NDArray fake = generate(noise(real.images().getManager(), (int) real.size()), null, true);
        return StepLoss.builder()
                .add("d_real", Losses.leastSquares(discriminator.forward(flatten(real.images()), true), 1f))
                .add("d_fake", Losses.leastSquares(discriminator.forward(flatten(fake), true), 0f))
                .total(0.5f);
    }

    @Override
    public StepLoss generatorLoss(Batch real) {
        NDArray fake = generate(noise(real.images().getManager(), (int) real.size()), null, true);
        return StepLoss.of(Losses.leastSquares(discriminator.forward(flatten(fake), true), 1f));
    }

    @Override
    public NDArray generate(NDArray noise, NDArray labels, boolean training) {
        return generator.forward(noise, training).reshape(new Shape(-1).addAll(sampleShape()));
    }

    /** Registers the model with gan4j. */
    public static final class Provider implements ModelProvider {
        @Override
        public List<ModelSpec> models() {
            return List.of(new ModelSpec("tiny-lsgan", "a least-squares GAN defined outside gan4j (tests)", true,
                    Recipe.parse("batch-size = 8\nepochs = 1\nlatent-dim = 8\n", "tiny-lsgan"), TinyLsgan::new, TinyLsgan.class));
        }
    }
}
