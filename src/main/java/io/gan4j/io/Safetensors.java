package io.gan4j.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.gan4j.Gan4jException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format (what PyTorch's {@code safetensors.torch.save_file} writes): an 8-byte
 * little-endian header length, a JSON header mapping each tensor name to its {@code dtype},
 * {@code shape} and {@code data_offsets} (relative to the end of the header), then the raw
 * little-endian data. An optional {@code __metadata__} entry maps strings to strings.
 *
 * <p>The reader trusts nothing: the header length, every name, offset and shape are checked
 * against the bytes really present, and the tensors' ranges must tile the data exactly (sorted,
 * no overlap, no gap), before any tensor is copied; each problem is a one-line
 * {@link Gan4jException} naming the file.
 */
public final class Safetensors {

    /** The format's own limit on the header (100 MB). */
    static final long MAX_HEADER = 100L * 1000 * 1000;
    private static final long MAX_FILE = Integer.MAX_VALUE - 8;
    private static final String METADATA = "__metadata__";
    /** Longest tensor name accepted (PyTorch's are module paths, well under this). */
    private static final int MAX_NAME = 1000;
    private static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().create();

    /** The tensors of a file in header order, and its metadata. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

    private Safetensors() {}

    public static Contents read(Path file) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE) {
                throw new Gan4jException(file + ": too large for a safetensors file gan4j reads (" + size + " bytes)");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new Gan4jException("missing file " + file, e);
        } catch (IOException e) {
            throw new Gan4jException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(bytes, file.toString());
    }

    /** Parses a whole file's bytes; {@code name} is used in messages. */
    public static Contents parse(byte[] bytes, String name) {
        if (bytes.length < 8) {
            throw bad(name, "shorter than the 8-byte header length");
        }
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > bytes.length - 8L) {
            throw bad(name, "header length " + Long.toUnsignedString(headerLength) + " does not fit the file's "
                    + bytes.length + " bytes");
        }
        int dataStart = 8 + (int) headerLength;
        long dataLength = bytes.length - (long) dataStart;
        JsonObject header = header(bytes, (int) headerLength, name);
        // Every entry is checked, and the ranges must tile the data, before any data is copied:
        // otherwise thousands of names on one range would copy it thousands of times.
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : header.entrySet()) {
            if (e.getKey().equals(METADATA)) {
                metadata(e.getValue(), metadata, name);
            } else {
                entries.add(entry(e.getKey(), e.getValue(), dataLength, name));
            }
        }
        requireTiling(entries, dataLength, name);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            int from = dataStart + (int) e.start();
            tensors.put(e.name(), new Tensor(e.dtype(), e.shape(), Arrays.copyOfRange(bytes, from, from + (int) (e.end() - e.start()))));
        }
        return new Contents(tensors, metadata);
    }

    /** One tensor's header entry, checked: its data lies in [start, end) of the data section. */
    private record Entry(String name, Tensor.Dtype dtype, long[] shape, long start, long end) {}

    private static Entry entry(String key, JsonElement value, long dataLength, String name) {
        String where = "tensor '" + (key.length() > MAX_NAME ? key.substring(0, 40) + "…" : key) + "'";
        if (key.isEmpty() || key.length() > MAX_NAME) {
            throw bad(name, where + " has a name of " + key.length() + " characters (1 to " + MAX_NAME + ")");
        }
        if (!value.isJsonObject()) {
            throw bad(name, where + " is not described by an object");
        }
        JsonObject entry = value.getAsJsonObject();
        Tensor.Dtype dtype = dtype(entry.get("dtype"), name, where);
        long[] shape = longs(entry.get("shape"), -1, name, where + " shape");
        long[] offsets = longs(entry.get("data_offsets"), 2, name, where + " data_offsets");
        long elements = Tensor.elements(shape);
        if (offsets[0] > offsets[1] || offsets[1] > dataLength) {
            throw bad(name, where + " data_offsets [" + offsets[0] + ", " + offsets[1] + "] lie outside the "
                    + dataLength + " data bytes");
        }
        long length = offsets[1] - offsets[0];
        if (elements < 0 || elements > length / dtype.size || elements * dtype.size != length) {
            throw bad(name, where + " shape " + Arrays.toString(shape) + " of " + dtype
                    + " does not match its " + length + " data bytes");
        }
        return new Entry(key, dtype, shape, offsets[0], offsets[1]);
    }

    /** In offset order the ranges follow one another from 0 to the end of the data: no overlap, no gap. */
    private static void requireTiling(List<Entry> entries, long dataLength, String name) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::start).thenComparingLong(Entry::end));
        long next = 0;
        for (Entry e : sorted) {
            if (e.start() != next) {
                throw bad(name, "tensor '" + e.name() + "' data_offsets [" + e.start() + ", " + e.end() + "] "
                        + (e.start() < next ? "overlap another tensor's" : "leave a gap after byte " + next));
            }
            next = e.end();
        }
        if (next != dataLength) {
            throw bad(name, "the tensors cover " + next + " of the " + dataLength + " data bytes");
        }
    }

    /** Writes the tensors (in map order) and metadata, atomically. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add(METADATA, meta);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", t.dtype().name());
            JsonArray shape = new JsonArray();
            for (long d : t.shape()) {
                shape.add(d);
            }
            entry.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offset += t.data().length;
            offsets.add(offset);
            entry.add("data_offsets", offsets);
            header.add(e.getKey(), entry);
        }
        byte[] json = COMPACT.toJson(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8; // the data then starts 8-byte aligned, as PyTorch's writer does
        AtomicFiles.write(file, tmp -> {
            try (var out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
                out.write(json);
                for (int i = json.length; i < padded; i++) {
                    out.write(' ');
                }
                for (Tensor t : tensors.values()) {
                    out.write(t.data());
                }
            }
        });
    }

    private static JsonObject header(byte[] bytes, int length, String name) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 8, length)).toString();
        } catch (CharacterCodingException e) {
            throw bad(name, "header is not UTF-8");
        }
        if (!text.startsWith("{")) {
            throw bad(name, "header is not a JSON object");
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException | IllegalStateException | StackOverflowError e) {
            throw bad(name, "header is not valid JSON (" + oneLine(e.getMessage()) + ")");
        }
        if (!root.isJsonObject()) {
            throw bad(name, "header is not a JSON object");
        }
        return root.getAsJsonObject();
    }

    private static void metadata(JsonElement value, Map<String, String> into, String name) {
        if (!value.isJsonObject()) {
            throw bad(name, METADATA + " is not an object");
        }
        for (Map.Entry<String, JsonElement> m : value.getAsJsonObject().entrySet()) {
            if (!(m.getValue().isJsonPrimitive() && m.getValue().getAsJsonPrimitive().isString())) {
                throw bad(name, METADATA + " value of '" + m.getKey() + "' is not a string");
            }
            into.put(m.getKey(), m.getValue().getAsString());
        }
    }

    private static Tensor.Dtype dtype(JsonElement value, String name, String where) {
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw bad(name, where + " has no dtype");
        }
        try {
            return Tensor.Dtype.valueOf(value.getAsString());
        } catch (IllegalArgumentException e) {
            throw bad(name, where + " has unsupported dtype '" + value.getAsString() + "'");
        }
    }

    /** A JSON array of non-negative integers; {@code count} -1 accepts any length. */
    private static long[] longs(JsonElement value, int count, String name, String what) {
        if (value == null || !value.isJsonArray()) {
            throw bad(name, what + " is missing or not an array");
        }
        JsonArray array = value.getAsJsonArray();
        if (count >= 0 && array.size() != count) {
            throw bad(name, what + " must have " + count + " entries, not " + array.size());
        }
        if (array.size() > 64) {
            throw bad(name, what + " has " + array.size() + " dimensions");
        }
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement v = array.get(i);
            out[i] = -1;
            if (v.isJsonPrimitive() && ((JsonPrimitive) v).isNumber()) {
                try {
                    out[i] = new BigDecimal(v.getAsString()).longValueExact();
                } catch (ArithmeticException | NumberFormatException e) {
                    out[i] = -1;
                }
            }
            if (out[i] < 0) {
                throw bad(name, what + " entry " + v + " is not a non-negative integer");
            }
        }
        return out;
    }

    private static String oneLine(String message) {
        return message == null ? "malformed" : message.lines().findFirst().orElse("malformed");
    }

    private static Gan4jException bad(String name, String problem) {
        return new Gan4jException(name + ": not a valid safetensors file: " + problem);
    }
}
