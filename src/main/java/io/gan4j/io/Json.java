package io.gan4j.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.gan4j.Gan4jException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** JSON for configs, checkpoint state and metrics. */
public final class Json {

    public static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();
    /** One object per line, for metrics.jsonl. */
    public static final Gson LINE = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private Json() {}

    public static <T> T read(Path file, Class<T> type) {
        try {
            T value = GSON.fromJson(Files.readString(file), type);
            if (value == null) {
                throw new Gan4jException(file + ": empty JSON file");
            }
            return value;
        } catch (NoSuchFileException e) {
            throw new Gan4jException("missing file " + file);
        } catch (IOException | JsonParseException e) {
            throw new Gan4jException(file + ": invalid JSON (" + e.getMessage() + ")", e);
        }
    }
}
