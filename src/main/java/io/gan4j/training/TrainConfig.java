package io.gan4j.training;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.gan4j.options.Option;
import io.gan4j.options.Options;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything needed to rerun a training run; saved as config.json in the run directory and in
 * every checkpoint.
 *
 * <p>Option values are stored under their declaration ({@link Options}) and read with
 * {@link #get}, written with {@link #set}: a new option needs no storage here. An unset option is
 * null; it takes the model's recipe, then the option's global default (see {@code Models.resolve}).
 * In config.json each value sits under its option's {@link Option#key()}, with the model's name
 * and the values derived from the data set (the public fields below) beside them.
 */
@JsonAdapter(TrainConfig.JsonFactory.class)
public final class TrainConfig {

    /** The config.json keys of the fields below; no option may take one. */
    public static final Set<String> FIELD_KEYS = Set.of("model", "imageShape", "numClasses", "classNames", "totalSteps");

    /** The model's registered name. */
    public String model;

    // Derived from the data set when training starts, so a checkpoint can rebuild its model without it.
    /** [channels, height, width] of the training images. */
    public int[] imageShape;
    public Integer numClasses;
    /** The class folders' names of an image-folder data set, label 0 first; null for other data. */
    public List<String> classNames;
    /** Steps this run trains to ({@code steps}, or {@code epochs} times the steps per epoch), for progress displays. */
    public Long totalSteps;

    private final Map<Option<?>, Object> values = new HashMap<>();

    /** The value of a declared option; null when unset. */
    public <T> T get(Option<T> option) {
        return option.type().cast(values.get(option));
    }

    /** The value of a declared option, or {@code ifUnset} (for a configuration not resolved against a recipe). */
    public <T> T get(Option<T> option, T ifUnset) {
        T value = get(option);
        return value != null ? value : ifUnset;
    }

    /** Sets a declared option (null unsets it); returns this configuration. */
    public <T> TrainConfig set(Option<T> option, T value) {
        if (value == null) {
            values.remove(option);
        } else {
            values.put(option, option.type().cast(value));
        }
        return this;
    }

    /** Fills every unset option with its global default (an option added after a run was written, say). */
    public TrainConfig withGlobalDefaults() {
        for (Option<?> o : Options.ALL) {
            fillDefault(o);
        }
        return this;
    }

    private <T> void fillDefault(Option<T> option) {
        if (get(option) == null) {
            set(option, option.defaultValue());
        }
    }

    /**
     * config.json: the same keys and JSON types as when each option was a field of this class (Gson's
     * own adapters write and read each value), so runs written before still load. Unset values are
     * left out; unknown keys are skipped, as Gson skips them for any class.
     */
    static final class JsonFactory implements TypeAdapterFactory {

        private static final TypeToken<List<String>> STRINGS = new TypeToken<>() {};

        @Override
        @SuppressWarnings("unchecked")
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            return type.getRawType() == TrainConfig.class ? (TypeAdapter<T>) new Adapter(gson).nullSafe() : null;
        }

        private static final class Adapter extends TypeAdapter<TrainConfig> {

            private final Gson gson;

            Adapter(Gson gson) {
                this.gson = gson;
            }

            @Override
            public void write(JsonWriter out, TrainConfig c) throws IOException {
                out.beginObject();
                field(out, "model", String.class, c.model);
                for (Option<?> o : Options.ALL) {
                    writeOption(out, o, c);
                }
                field(out, "imageShape", int[].class, c.imageShape);
                field(out, "numClasses", Integer.class, c.numClasses);
                if (c.classNames != null) {
                    out.name("classNames");
                    gson.getAdapter(STRINGS).write(out, c.classNames);
                }
                field(out, "totalSteps", Long.class, c.totalSteps);
                out.endObject();
            }

            private <V> void writeOption(JsonWriter out, Option<V> option, TrainConfig c) throws IOException {
                field(out, option.key(), option.type(), c.get(option));
            }

            private <V> void field(JsonWriter out, String key, Class<V> type, V value) throws IOException {
                if (value != null) {
                    out.name(key);
                    gson.getAdapter(type).write(out, value);
                }
            }

            @Override
            public TrainConfig read(JsonReader in) throws IOException {
                TrainConfig c = new TrainConfig();
                in.beginObject();
                while (in.hasNext()) {
                    String key = in.nextName();
                    switch (key) {
                        case "model" -> c.model = gson.getAdapter(String.class).read(in);
                        case "imageShape" -> c.imageShape = gson.getAdapter(int[].class).read(in);
                        case "numClasses" -> c.numClasses = gson.getAdapter(Integer.class).read(in);
                        case "classNames" -> c.classNames = gson.getAdapter(STRINGS).read(in);
                        case "totalSteps" -> c.totalSteps = gson.getAdapter(Long.class).read(in);
                        default -> readOption(in, Options.byKey(key), c);
                    }
                }
                in.endObject();
                return c;
            }

            private <V> void readOption(JsonReader in, Option<V> option, TrainConfig c) throws IOException {
                if (option == null) {
                    in.skipValue();
                } else {
                    c.set(option, gson.getAdapter(option.type()).read(in));
                }
            }
        }
    }
}
