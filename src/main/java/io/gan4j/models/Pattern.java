package io.gan4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import io.gan4j.data.LabeledImages;
import io.gan4j.layers.Layers;
import io.gan4j.losses.AdversarialLoss;
import io.gan4j.options.Options;
import io.gan4j.training.Batch;
import io.gan4j.training.DataSource;
import io.gan4j.training.Draws;
import io.gan4j.training.Network;
import io.gan4j.training.StepLoss;
import io.gan4j.training.TrainConfig;

import java.util.List;
import java.util.function.Function;

/**
 * The "1010 pattern" GAN of Make Your First GAN With PyTorch (seed 002): real data is the
 * noisy pattern [1,0,1,0]; D is 4→3→1 and G 1→3→4, sigmoid everywhere; G is fed the constant 0.5
 * (or random noise with {@code --g-input random}); both learn with SGD(0.01), one sample a step, D
 * on the real pattern and then on the fake. At equilibrium D outputs 0.5 for everything, so its
 * loss settles at 0.25 with MSE and ln 2 ≈ 0.69 with BCE.
 */
public final class Pattern extends BinaryGan {

    /** Pattern "epochs" are a fixed number of steps, since there is no data set to go through. */
    static final int STEPS_PER_EPOCH = 1000;

    private final boolean randomInput;

    Pattern(TrainConfig config, NDManager manager) {
        super(config,
                Network.create("generator", generatorNet(), manager, new Shape(1, 1)),
                Network.create("discriminator", Layers.mlp(Layers.sigmoid(), 0, 3, 1), manager, new Shape(1, 4)));
        this.randomInput = config.get(Options.G_INPUT).equals("random");
    }

    private static SequentialBlock generatorNet() {
        return Layers.mlp(Layers.sigmoid(), 0, 3, 4).add(Activation.sigmoidBlock());
    }

    /**
     * The book's D training: an update on the real pattern (target 1), then one on G's output
     * (target 0), each a full SGD step, each logged on its own (d_real, d_fake).
     */
    @Override
    public List<Function<Batch, StepLoss>> discriminatorUpdates() {
        return List.of(
                real -> StepLoss.builder().add("d_real", adversarial().real(discriminate(real.images(), null))).total(1f),
                real -> {
                    NDArray fake = discriminatorFakes(real).images().stopGradient();
                    return StepLoss.builder().add("d_fake", adversarial().fake(discriminate(fake, null))).total(1f);
                });
    }

    /** The book's MSE on probabilities (not LSGAN, which takes raw outputs), or BCE: {@code --loss}. */
    @Override
    protected AdversarialLoss adversarialLoss(TrainConfig config) {
        return config.get(Options.LOSS).equals("mse") ? AdversarialLoss.MSE_ON_PROBABILITIES : AdversarialLoss.BCE;
    }

    @Override
    protected NDArray discriminate(NDArray samples, NDArray labels) {
        return discriminator.forward(flatten(samples), true);
    }

    @Override
    public NDArray noise(NDManager manager, int n) {
        return randomInput ? Draws.current().uniform(manager, 0f, 1f, new Shape(n, 1)) : manager.full(new Shape(n, 1), 0.5f);
    }

    @Override
    public Shape sampleShape() {
        return new Shape(1, 1, 4);
    }

    @Override
    public float outputLow() {
        return 0f;
    }

    /** The book's real source: each "on" value uniform in [0.8, 1], each "off" value in [0, 0.2]. */
    @Override
    public DataSource realData(LabeledImages unused, NDManager manager) {
        int batch = config.get(Options.BATCH_SIZE);
        return new DataSource() {
            @Override
            public int stepsPerEpoch() {
                return STEPS_PER_EPOCH;
            }

            @Override
            public Batch batch(long step, NDManager stepManager) {
                NDArray jitter = stepManager.randomUniform(0f, 0.2f, new Shape(batch, 1, 1, 4));
                NDArray pattern = stepManager.create(new float[] {0.8f, 0f, 0.8f, 0f}).reshape(1, 1, 1, 4);
                return new Batch(pattern.add(jitter), null);
            }
        };
    }
}
