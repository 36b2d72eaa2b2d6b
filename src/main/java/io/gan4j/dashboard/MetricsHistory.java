package io.gan4j.dashboard;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's metrics lines held as columns of numbers, one per field, so the dashboard's memory stays
 * below the size of metrics.jsonl however long the run: the lines as JSON objects took 40 times
 * the file's size. A line that is not flat numbers (an evaluation line with its nested results)
 * is kept as its JSON text; they are rare. Lines are written back as JSON, a range at a time.
 * Not thread-safe: {@link RunWatcher} guards it.
 */
final class MetricsHistory {

    /** Beyond this many fields, a line is kept as text: a file of ever-new keys must not grow every column. */
    static final int MAX_COLUMNS = 64;
    /** A field the line does not have, and a JSON null (NaN or infinity in the file): two NaN payloads. */
    private static final long ABSENT = 0x7ff8000000000000L;
    private static final long NULL = 0x7ff8000000000001L;
    private static final Gson GSON = new Gson();

    /** Field name → its values by line; the quoted name is kept for writing. */
    private final Map<String, double[]> columns = new LinkedHashMap<>();
    private final Map<String, String> quoted = new HashMap<>();
    /** Lines kept as text, by line number. */
    private final Map<Integer, String> texts = new HashMap<>();
    private int size;
    private int capacity = 16;

    int size() {
        return size;
    }

    void clear() {
        columns.clear();
        quoted.clear();
        texts.clear();
        size = 0;
        capacity = 16;
    }

    /** Adds a parsed line (NaN and infinities already null). */
    void add(JsonElement line) {
        if (size == capacity) {
            capacity = Math.max(16, capacity + (capacity >> 1));
            columns.replaceAll((k, v) -> Arrays.copyOf(v, capacity));
        }
        int row = size++;
        if (!fitsColumns(line)) {
            texts.put(row, GSON.toJson(line));
            absentRow(row, null);
            return;
        }
        JsonObject o = line.getAsJsonObject();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            double[] column = columns.computeIfAbsent(e.getKey(), k -> {
                quoted.put(k, GSON.toJson(k));
                double[] c = new double[capacity];
                Arrays.fill(c, 0, row, Double.longBitsToDouble(ABSENT));
                return c;
            });
            column[row] = e.getValue().isJsonNull() ? Double.longBitsToDouble(NULL) : e.getValue().getAsDouble();
        }
        absentRow(row, o);
    }

    /** Marks the row absent in every column the line does not have. */
    private void absentRow(int row, JsonObject line) {
        columns.forEach((k, c) -> {
            if (line == null || !line.has(k)) {
                c[row] = Double.longBitsToDouble(ABSENT);
            }
        });
    }

    private boolean fitsColumns(JsonElement line) {
        if (!line.isJsonObject()) {
            return false;
        }
        int added = 0;
        for (Map.Entry<String, JsonElement> e : line.getAsJsonObject().entrySet()) {
            JsonElement v = e.getValue();
            if (!(v.isJsonNull() || v.isJsonPrimitive() && ((JsonPrimitive) v).isNumber())) {
                return false;
            }
            if (!columns.containsKey(e.getKey())) {
                added++;
            }
        }
        return columns.size() + added <= MAX_COLUMNS;
    }

    /** Lines {@code from} (inclusive) to {@code to} as a JSON array. */
    String json(int from, int to) {
        StringBuilder out = new StringBuilder(64 * (to - from) + 2).append('[');
        for (int row = from; row < to; row++) {
            if (row > from) {
                out.append(',');
            }
            String text = texts.get(row);
            if (text != null) {
                out.append(text);
                continue;
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, double[]> e : columns.entrySet()) {
                long bits = Double.doubleToRawLongBits(e.getValue()[row]);
                if (bits == ABSENT) {
                    continue;
                }
                out.append(first ? "" : ",").append(quoted.get(e.getKey())).append(':');
                first = false;
                double v = e.getValue()[row];
                if (bits == NULL) {
                    out.append("null");
                } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                    out.append((long) v);
                } else {
                    out.append(v);
                }
            }
            out.append('}');
        }
        return out.append(']').toString();
    }

    /** Bytes the history holds (its arrays and kept texts), for the memory bound's test. */
    long retainedBytes() {
        long bytes = (long) columns.size() * capacity * Double.BYTES;
        for (String t : texts.values()) {
            bytes += t.length() + 64;
        }
        return bytes;
    }
}
