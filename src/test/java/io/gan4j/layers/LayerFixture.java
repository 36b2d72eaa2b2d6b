package io.gan4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** PyTorch reference numbers written by {@code src/test/python/make_layer_fixtures.py}. */
final class LayerFixture {

    /** Absolute and relative tolerance of every comparison with PyTorch. */
    static final double TOLERANCE = 1e-5;

    private final JsonObject config;
    private final JsonObject tensors;

    private LayerFixture(JsonObject root) {
        config = root.getAsJsonObject("config");
        tensors = root.getAsJsonObject("tensors");
    }

    static LayerFixture load(String name) {
        try (InputStream in = LayerFixture.class.getResourceAsStream(name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("missing fixture " + name);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return new LayerFixture(JsonParser.parseReader(reader).getAsJsonObject());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int intConfig(String key) {
        return config.get(key).getAsInt();
    }

    boolean boolConfig(String key) {
        return config.get(key).getAsBoolean();
    }

    boolean has(String tensor) {
        return tensors.has(tensor);
    }

    Shape shape(String tensor) {
        JsonArray dims = tensors.getAsJsonObject(tensor).getAsJsonArray("shape");
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i).getAsLong();
        }
        return new Shape(shape);
    }

    float[] floats(String tensor) {
        JsonArray data = tensors.getAsJsonObject(tensor).getAsJsonArray("data");
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.get(i).getAsFloat();
        }
        return values;
    }

    NDArray floatArray(NDManager manager, String tensor) {
        return manager.create(floats(tensor), shape(tensor));
    }

    NDArray longArray(NDManager manager, String tensor) {
        JsonArray data = tensors.getAsJsonObject(tensor).getAsJsonArray("data");
        long[] values = new long[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.get(i).getAsLong();
        }
        return manager.create(values, shape(tensor));
    }

    /** Asserts {@code actual} equals the fixture tensor within {@link #TOLERANCE}. */
    void assertMatches(String tensor, NDArray actual) {
        assertClose(tensor, shape(tensor), floats(tensor), actual);
    }

    /** Asserts |actual - expected| <= TOLERANCE * (1 + |expected|) element-wise, and equal shapes. */
    static void assertClose(String what, Shape shape, float[] expected, NDArray actual) {
        assertClose(what, shape, expected, actual, TOLERANCE);
    }

    /** Asserts |actual - expected| <= tolerance * (1 + |expected|) element-wise, and equal shapes. */
    static void assertClose(String what, Shape shape, float[] expected, NDArray actual, double tolerance) {
        assertArrayEquals(shape.getShape(), actual.getShape().getShape(), what + ": shape");
        float[] got = actual.toType(DataType.FLOAT32, false).toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            float want = expected[i];
            float have = got[i];
            double err = Math.abs(have - want);
            int index = i;
            assertTrue(
                    err <= tolerance * (1 + Math.abs(want)),
                    () -> what + "[" + index + "]: expected " + want + ", got " + have);
        }
    }
}
