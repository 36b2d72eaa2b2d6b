package examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.gan4j.api.GanTraining;
import io.gan4j.losses.Losses;
import io.gan4j.options.Options;
import io.gan4j.training.Batch;
import io.gan4j.training.StepLoss;
import io.gan4j.training.TrainConfig;

import java.nio.file.Path;

/**
 * The relativistic average GAN (Jolicoeur-Martineau 2018), which gan4j does not have, defined
 * outside gan4j's sources: D judges whether a real image is more realistic than the average fake,
 * and G is trained on the symmetric question. Usage: RaGan OUT_DIR STEPS.
 */
public final class RaGan extends MlpNets {

    RaGan(TrainConfig c, NDManager manager) {
        super(c, manager);
    }

    /** BCE of C(x_r) - mean C(x_f) against {@code realTarget} and of C(x_f) - mean C(x_r) against its opposite. */
    private static StepLoss relativistic(NDArray real, NDArray fake, float realTarget) {
        return StepLoss.builder()
                .add("real_vs_fake", Losses.bceWithLogits(real.sub(fake.mean()), realTarget))
                .add("fake_vs_real", Losses.bceWithLogits(fake.sub(real.mean()), 1 - realTarget))
                .total(0.5f);
    }

    @Override
    public StepLoss discriminatorLoss(Batch real) {
        NDArray fake = generate(noise(real.images().getManager(), (int) real.size()), null, true).stopGradient();
        return relativistic(logits(real.images()), logits(fake), 1f);
    }

    @Override
    public StepLoss generatorLoss(Batch real) {
        NDArray fake = generate(noise(real.images().getManager(), (int) real.size()), null, true);
        return relativistic(logits(real.images()), logits(fake), 0f);
    }

    public static void main(String[] args) {
        var result = GanTraining.builder().model(RaGan.class).set(Options.STEPS, Long.parseLong(args[1]))
                .output(Path.of(args[0])).console(System.out).build().train();
        System.out.println("ragan trained " + result.steps() + " steps in " + result.runDir());
    }
}
