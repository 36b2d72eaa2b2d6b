package io.gan4j.options;

import io.gan4j.training.TrainConfig;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * PLACEHOLDER for branch i22-options' declared option (issue 22): only a name, a type and the
 * {@link TrainConfig} field it reads and writes, enough for the Java API of this branch. At the
 * merge the real declaration (unit, help, validation, default, resumability) replaces this file.
 *
 * @param <T> the option's value type
 */
public final class Option<T> {

    private final String name;
    private final Class<T> type;
    private final Function<TrainConfig, T> getter;
    private final BiConsumer<TrainConfig, T> setter;

    Option(String name, Class<T> type, Function<TrainConfig, T> getter, BiConsumer<TrainConfig, T> setter) {
        this.name = name;
        this.type = type;
        this.getter = getter;
        this.setter = setter;
    }

    /** The option's command-line name without dashes, e.g. {@code batch-size}. */
    public String name() {
        return name;
    }

    /** The type of its value. */
    public Class<T> type() {
        return type;
    }

    /** Its value in {@code config} (null: not set). */
    public T get(TrainConfig config) {
        return getter.apply(config);
    }

    /** Sets its value in {@code config}. */
    public void set(TrainConfig config, T value) {
        setter.accept(config, value);
    }

    @Override
    public String toString() {
        return "--" + name;
    }
}
