package io.gan4j.options;

import io.gan4j.Gan4jException;
import io.gan4j.UsageException;
import io.gan4j.training.TrainConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Option values for a model, as a file people read: one {@code name = value} a line, names as on
 * the command line ({@code batch-size = 64}), {@code #} starts a comment. Each model ships one as a
 * resource ({@code io/gan4j/recipes/NAME.recipe}); {@code train --recipe FILE} adds a user's, which
 * the command line overrides in turn.
 */
public final class Recipe {

    /** The directory of the built-in models' recipes on the classpath. */
    public static final String RESOURCES = "/io/gan4j/recipes/";

    private final Map<Option<?>, Object> values;
    private final String text;

    private Recipe(Map<Option<?>, Object> values, String text) {
        this.values = Collections.unmodifiableMap(values);
        this.text = text;
    }

    /** Parses recipe text; {@code source} names it in errors. Unknown names and bad values are usage errors. */
    public static Recipe parse(String text, String source) {
        Map<Option<?>, Object> values = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int hash = lines[i].indexOf('#');
            String line = (hash >= 0 ? lines[i].substring(0, hash) : lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = source + " line " + (i + 1);
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new UsageException(where + ": expected 'name = value', not '" + line + "'");
            }
            String name = line.substring(0, eq).strip();
            Option<?> option = Options.find(name);
            if (option == null || !name.equals(option.name()) && !option.deprecatedNames().contains(name)) {
                throw new UsageException(where + ": unknown option '" + name + "' (the names are train's options without --)");
            }
            try {
                values.put(option, checked(option, line.substring(eq + 1).strip()));
            } catch (UsageException e) {
                throw new UsageException(where + ": " + e.getMessage());
            }
        }
        return new Recipe(values, text);
    }

    private static <T> T checked(Option<T> option, String text) {
        T value = option.parse(text);
        option.validate(null, value);
        return value;
    }

    /** A user's recipe file. */
    public static Recipe read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UsageException("cannot read recipe " + file + ": " + e.getMessage());
        }
    }

    /** A recipe shipped as a classpath resource next to {@code owner} (its class loader finds it). */
    public static Recipe resource(Class<?> owner, String path) {
        try (InputStream in = owner.getResourceAsStream(path)) {
            if (in == null) {
                throw new Gan4jException("no recipe resource " + path + " for " + owner.getName());
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
        } catch (IOException e) {
            throw new Gan4jException("cannot read recipe " + path + ": " + e.getMessage(), e);
        }
    }

    /** The value this recipe gives an option, or null. */
    public <T> T get(Option<T> option) {
        return option.type().cast(values.get(option));
    }

    /** The recipe as written, comments included. */
    public String text() {
        return text;
    }

    public Map<Option<?>, Object> values() {
        return values;
    }

    /** Sets every option that {@code config} leaves unset (null) and this recipe gives. */
    public TrainConfig fillIn(TrainConfig config) {
        values.forEach((option, value) -> fill(config, option, value));
        return config;
    }

    private static <T> void fill(TrainConfig config, Option<T> option, Object value) {
        if (config.get(option) == null) {
            config.set(option, option.type().cast(value));
        }
    }
}
