package io.gan4j.training;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import io.gan4j.Gan4jException;
import io.gan4j.io.AtomicFiles;
import io.gan4j.io.Json;
import io.gan4j.models.Gan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A checkpoint directory: config.json, state.json (step and optimizer step counts), and per
 * network its parameters ({@code NAME.params}) and Adam moments ({@code NAME.adam}), as DJL
 * NDList files. Nothing else is needed for an exact resume because every random draw of a step
 * is seeded from (run seed, step). Written as a whole directory, atomically.
 */
public final class Checkpoint {

    public static final String LATEST = "latest";
    private static final String STATE = "state.json";

    private Checkpoint() {}

    public static void save(Path dir, TrainConfig config, long step, Gan gan, Map<String, Adam> optimizers) {
        AtomicFiles.writeDirectory(dir, tmp -> {
            Files.writeString(tmp.resolve("config.json"), Json.GSON.toJson(config));
            JsonObject state = new JsonObject();
            state.addProperty("step", step);
            JsonObject adamSteps = new JsonObject();
            optimizers.forEach((name, adam) -> adamSteps.addProperty(name, adam.steps()));
            state.add("optimizer_steps", adamSteps);
            Files.writeString(tmp.resolve(STATE), Json.GSON.toJson(state));
            for (Network net : gan.networks()) {
                Files.write(tmp.resolve(net.name() + ".params"), net.state().encode());
                Files.write(tmp.resolve(net.name() + ".adam"), optimizers.get(net.name()).state().encode());
            }
        });
    }

    /**
     * The checkpoint directory a user means: a checkpoint itself, or a run directory (its
     * {@code checkpoints/latest}).
     */
    public static Path resolve(Path path) {
        if (Files.isRegularFile(path.resolve(STATE))) {
            return path;
        }
        Path latest = path.resolve("checkpoints").resolve(LATEST);
        if (Files.isRegularFile(latest.resolve(STATE))) {
            return latest;
        }
        throw new Gan4jException("no checkpoint at " + path + " (expected " + path.resolve(STATE) + " or "
                + latest.resolve(STATE) + ")");
    }

    public static TrainConfig config(Path checkpoint) {
        return Json.read(checkpoint.resolve("config.json"), TrainConfig.class);
    }

    /** Loads the networks' parameters (and, when {@code optimizers} is given, Adam state); returns the step. */
    public static long load(Path checkpoint, Gan gan, Map<String, Adam> optimizers, NDManager manager) {
        JsonObject state = Json.read(checkpoint.resolve(STATE), JsonObject.class);
        try (NDManager scratch = manager.newSubManager()) {
            for (Network net : gan.networks()) {
                net.loadState(decode(checkpoint.resolve(net.name() + ".params"), scratch), checkpoint.toString());
                if (optimizers != null) {
                    Path adamFile = checkpoint.resolve(net.name() + ".adam");
                    long adamSteps = state.getAsJsonObject("optimizer_steps").get(net.name()).getAsLong();
                    optimizers.get(net.name()).loadState(decode(adamFile, scratch), adamSteps, adamFile.toString());
                }
            }
            return state.get("step").getAsLong();
        } catch (RuntimeException e) {
            if (e instanceof Gan4jException) {
                throw e;
            }
            throw new Gan4jException(checkpoint.resolve(STATE) + ": unreadable checkpoint state (" + e.getMessage() + ")", e);
        }
    }

    private static NDList decode(Path file, NDManager manager) {
        if (!Files.isRegularFile(file)) {
            throw new Gan4jException("missing checkpoint file " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return NDList.decode(manager, in);
        } catch (IOException | RuntimeException e) {
            throw new Gan4jException(file + ": not a readable parameter file (" + e.getMessage() + ")", e);
        }
    }
}
