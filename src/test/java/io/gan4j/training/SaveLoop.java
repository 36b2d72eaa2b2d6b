package io.gan4j.training;

import ai.djl.ndarray.NDManager;
import io.gan4j.Engines;
import io.gan4j.models.Gan;
import io.gan4j.models.Models;

import java.nio.file.Path;
import java.util.Map;

/**
 * A child process for {@link CrashTest}: saves DCGAN checkpoints (about 12 MB each) to
 * {@code ARG/checkpoints/latest} in a loop, printing "saved N" after each, until it is killed.
 */
public final class SaveLoop {

    private SaveLoop() {}

    static TrainConfig config() {
        return Models.resolveForDigits(TrainerTest.config("dcgan", 1));
    }

    /** The optimizers a training run of {@link #config} has. */
    static Map<String, Optimizer> optimizers(Gan gan, NDManager manager) {
        return Trainer.optimizers(config(), gan, manager);
    }

    public static void main(String[] args) {
        Path latest = Path.of(args[0]).resolve("checkpoints").resolve(Checkpoint.LATEST);
        TrainConfig config = config();
        try (NDManager manager = Engines.newManager("cpu")) {
            Gan gan = Models.create(config, manager);
            Map<String, Optimizer> optimizers = optimizers(gan, manager);
            for (long step = 1; ; step++) {
                Checkpoint.save(latest, config, step, gan, optimizers, null);
                System.out.println("saved " + step);
            }
        }
    }
}
