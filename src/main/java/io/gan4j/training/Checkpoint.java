package io.gan4j.training;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.gan4j.Gan4jException;
import io.gan4j.io.AtomicFiles;
import io.gan4j.io.Json;
import io.gan4j.io.NdListFile;
import io.gan4j.models.Gan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A checkpoint directory: config.json, state.json (step and optimizer step counts), per
 * network its parameters ({@code NAME.params}) and optimizer state ({@code NAME.adam}, {@code .sgd} or
 * {@code .rmsprop}: see {@link Optimizer#state}), and the generator's weight average
 * ({@code generator.ema}) when the run keeps one, as DJL NDList files. Nothing else is needed for
 * an exact resume because every random draw of a step is seeded from (run seed, step). Written as a whole directory, atomically.
 */
public final class Checkpoint {

    public static final String LATEST = "latest";
    private static final String STATE = "state.json";

    private Checkpoint() {}

    public static void save(Path dir, TrainConfig config, long step, Gan gan, Map<String, ? extends Optimizer> optimizers, Ema ema) {
        AtomicFiles.writeDirectory(dir, tmp -> {
            Files.writeString(tmp.resolve("config.json"), Json.GSON.toJson(config));
            JsonObject state = new JsonObject();
            state.addProperty("step", step);
            JsonObject optimizerSteps = new JsonObject();
            optimizers.forEach((name, optimizer) -> optimizerSteps.addProperty(name, optimizer.steps()));
            state.add("optimizer_steps", optimizerSteps);
            Files.writeString(tmp.resolve(STATE), Json.GSON.toJson(state));
            for (Network net : gan.networks()) {
                Files.write(tmp.resolve(net.name() + ".params"), net.state().encode());
                Optimizer optimizer = optimizers.get(net.name());
                Files.write(tmp.resolve(net.name() + "." + optimizer.kind()), optimizer.state().encode());
            }
            if (ema != null) {
                Files.write(tmp.resolve(Ema.FILE), ema.state().encode());
            }
        });
    }

    /**
     * The checkpoint directory a user means: a checkpoint itself, or a run directory (its
     * {@code checkpoints/latest}).
     */
    public static Path resolve(Path path) {
        // A save killed between its two renames leaves the previous checkpoint under a temporary
        // name. Only a missing directory is repaired here: a live run's save may be in progress.
        for (Path dir : new Path[] {path.resolve("checkpoints").resolve(LATEST), path}) {
            if (!Files.exists(dir) && dir.getFileName() != null) {
                AtomicFiles.recoverDirectory(dir);
            }
        }
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

    /** The checkpoint's config.json, its sizes checked before any network is built from them. */
    public static TrainConfig config(Path checkpoint) {
        Path file = checkpoint.resolve("config.json");
        // Options added since the run was written take their global defaults.
        TrainConfig config = Json.read(file, TrainConfig.class).withGlobalDefaults();
        ConfigBounds.check(config, file.toString());
        return config;
    }

    /**
     * Loads a checkpoint to sample from it: the networks' parameters, with the generator's
     * averaged weights (when the run kept them) in place of its trained ones. Returns the step.
     */
    public static long loadForSampling(Path checkpoint, Gan gan, NDManager manager) {
        return load(checkpoint, manager, (state, scratch) -> {
            loadNetworks(checkpoint, gan, scratch);
            Path emaFile = checkpoint.resolve(Ema.FILE);
            if (Files.exists(emaFile)) {
                Ema.applyTo(gan.generator(), decode(emaFile, gan, scratch), emaFile.toString());
            }
        });
    }

    /** Loads everything a resumed run needs: parameters, optimizer state and the weight average. Returns the step. */
    public static long loadForResume(Path checkpoint, Gan gan, Map<String, ? extends Optimizer> optimizers, Ema ema, NDManager manager) {
        return load(checkpoint, manager, (state, scratch) -> {
            loadNetworks(checkpoint, gan, scratch);
            for (Network net : gan.networks()) {
                Optimizer optimizer = optimizers.get(net.name());
                Path stateFile = checkpoint.resolve(net.name() + "." + optimizer.kind());
                JsonElement steps = state.get("optimizer_steps");
                long optimizerSteps = count(steps != null && steps.isJsonObject() ? steps.getAsJsonObject() : new JsonObject(),
                        net.name(), checkpoint, "optimizer_steps.");
                optimizer.loadState(decode(stateFile, gan, scratch), optimizerSteps, stateFile.toString());
            }
            if (ema != null) {
                Path emaFile = checkpoint.resolve(Ema.FILE);
                ema.loadState(decode(emaFile, gan, scratch), emaFile.toString());
            }
        });
    }

    private interface Loader {
        void load(JsonObject state, NDManager scratch);
    }

    private static long load(Path checkpoint, NDManager manager, Loader loader) {
        JsonObject state = Json.read(checkpoint.resolve(STATE), JsonObject.class);
        long step = count(state, "step", checkpoint, "");
        try (NDManager scratch = manager.newSubManager()) {
            loader.load(state, scratch);
            return step;
        }
    }

    /** A non-negative whole number from state.json, or a one-line error naming the field. */
    private static long count(JsonObject object, String key, Path checkpoint, String path) {
        JsonElement value = object.get(key);
        try {
            if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
                long n = new java.math.BigDecimal(value.getAsString()).longValueExact();
                if (n >= 0) {
                    return n;
                }
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // reported below
        }
        throw new Gan4jException(checkpoint.resolve(STATE) + ": " + path + key + " must be a non-negative whole number, not " + value);
    }

    private static void loadNetworks(Path checkpoint, Gan gan, NDManager scratch) {
        for (Network net : gan.networks()) {
            net.loadState(decode(checkpoint.resolve(net.name() + ".params"), gan, scratch), checkpoint.toString());
        }
    }

    /**
     * Most bytes any file of a checkpoint of {@code gan} may have: Adam's two moments of every
     * weight, at up to 8 bytes each, and room for names and headers. A larger file is refused
     * before it is read into memory.
     */
    private static long maxFileBytes(Gan gan) {
        long elements = 0;
        for (Network net : gan.networks()) {
            for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : net.block().getParameters()) {
                elements += p.getValue().getArray().size();
            }
        }
        return 16 * elements + (1 << 20);
    }

    private static NDList decode(Path file, Gan gan, NDManager manager) {
        if (!Files.isRegularFile(file)) {
            throw new Gan4jException("missing checkpoint file " + file);
        }
        try {
            long size = Files.size(file);
            long max = maxFileBytes(gan);
            if (size > max) {
                throw new Gan4jException(file + ": " + size + " bytes, more than the " + max + " a checkpoint of this "
                        + "model can hold");
            }
            return NdListFile.decode(Files.readAllBytes(file), file.toString(), manager);
        } catch (IOException e) {
            throw new Gan4jException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
