package io.gan4j.training;

import ai.djl.ndarray.NDManager;
import io.gan4j.Runtime;
import io.gan4j.models.Gan;
import io.gan4j.models.Models;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A child process for {@link CrashTest}: saves DCGAN checkpoints (about 12 MB each) to
 * {@code ARG/checkpoints/latest} in a loop, printing "saved N" after each, until it is killed.
 */
public final class SaveLoop {

    private SaveLoop() {}

    static TrainConfig config() {
        TrainConfig c = TrainerTest.config("dcgan", 1);
        c.imageShape = new int[] {1, 28, 28};
        c.numClasses = 10;
        return c;
    }

    static Map<String, Adam> optimizers(Gan gan, NDManager manager) {
        Map<String, Adam> map = new LinkedHashMap<>();
        for (Network net : gan.networks()) {
            map.put(net.name(), new Adam(net.trainableParameters(), manager, 2e-4f, 0.5f, 0.999f));
        }
        return map;
    }

    public static void main(String[] args) {
        Path latest = Path.of(args[0]).resolve("checkpoints").resolve(Checkpoint.LATEST);
        TrainConfig config = config();
        try (NDManager manager = Runtime.newManager("cpu")) {
            Gan gan = Models.create(config, manager);
            Map<String, Adam> optimizers = optimizers(gan, manager);
            for (long step = 1; ; step++) {
                Checkpoint.save(latest, config, step, gan, optimizers, null);
                System.out.println("saved " + step);
            }
        }
    }
}
