package examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.gan4j.api.GanTraining;
import io.gan4j.api.Generator;
import io.gan4j.losses.Losses;
import io.gan4j.options.Options;
import io.gan4j.training.Batch;
import io.gan4j.training.StepLoss;
import io.gan4j.training.TrainConfig;

import java.nio.file.Path;

/**
 * Mao et al.'s least-squares GAN (2017) defined outside gan4j's sources (gan4j's own models
 * have it as {@code --adv-loss lsgan}): D regresses real outputs to 1 and fakes to 0, G pulls its
 * fakes' outputs to 1. Usage: Lsgan OUT_DIR STEPS.
 */
public final class Lsgan extends MlpNets {

    Lsgan(TrainConfig c, NDManager manager) {
        super(c, manager);
    }

    @Override
    public StepLoss discriminatorLoss(Batch real) {
        NDArray fake = generate(noise(real.images().getManager(), (int) real.size()), null, true).stopGradient();
        return StepLoss.builder()
                .add("d_real", Losses.leastSquares(logits(real.images()), 1f))
                .add("d_fake", Losses.leastSquares(logits(fake), 0f))
                .total(0.5f);
    }

    @Override
    public StepLoss generatorLoss(Batch real) {
        NDArray fake = generate(noise(real.images().getManager(), (int) real.size()), null, true);
        return StepLoss.of(Losses.leastSquares(logits(fake), 1f));
    }

    public static void main(String[] args) {
        var result = GanTraining.builder().model(Lsgan.class).set(Options.STEPS, Long.parseLong(args[1]))
                .output(Path.of(args[0])).console(System.out).build().train();
        try (Generator generator = result.generator()) {
            System.out.println("lsgan trained " + result.steps() + " steps; a sample is "
                    + generator.sample(1, 1L).get(0).image().getWidth() + " pixels wide");
        }
    }
}
