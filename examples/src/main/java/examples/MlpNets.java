package examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.gan4j.layers.Layers;
import io.gan4j.models.Gan;
import io.gan4j.options.Options;
import io.gan4j.training.Network;
import io.gan4j.training.TrainConfig;

/**
 * What the example GANs share: MLP networks on flattened images (G: z-256-256-pixels with tanh,
 * D: pixels-256-256-1 logit) and sampling. A variant is then only its losses.
 */
abstract class MlpNets extends Gan {

    MlpNets(TrainConfig c, NDManager manager) {
        super(c,
                Network.create("generator", Layers.mlp(Layers.leakyRelu(0.2f), 0, 256, 256, (int) pixels(c))
                        .add(Activation.tanhBlock()), manager, new Shape(1, c.get(Options.LATENT_DIM))),
                Network.create("discriminator", Layers.mlp(Layers.leakyRelu(0.2f), 0, 256, 256, 1), manager,
                        new Shape(1, pixels(c))));
    }

    /** D's logits [B, 1] for images [B, C, H, W]. */
    NDArray logits(NDArray images) {
        return discriminator.forward(flatten(images), true);
    }

    /** Generated images [n, C, H, W] (labels are ignored: the examples are unconditional). */
    @Override
    public NDArray generate(NDArray noise, NDArray labels, boolean training) {
        NDArray out = generator.forward(noise, training);
        return out.reshape(new Shape(out.getShape().get(0)).addAll(sampleShape()));
    }
}
