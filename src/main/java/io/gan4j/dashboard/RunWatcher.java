package io.gan4j.dashboard;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Follows one run directory by polling its files, so a finished run and one still training (in
 * this process or another) look the same: new metrics.jsonl lines, new sample grids, config.json
 * (re)written, and loss.png appearing when the run ends. {@link #poll()} says what changed; each
 * page then pulls what it has not had yet through its own {@link Cursor}, so nothing is copied per
 * page and a page that is behind costs no memory. Thread-safe: the poller and every page's writer
 * thread call it.
 */
final class RunWatcher {

    /** An event pushed to the page: its SSE name and JSON data (one line). */
    record Event(String name, String data) {}

    /** What a poll found changed. */
    enum Change { CONFIG, METRICS, SAMPLES }

    /** How far one page has got: the metrics generation (a resumed run's rewrite starts a new one) and counts sent. */
    static final class Cursor {
        private long generation = -1;
        private int lines;
        private int grids = -1;
    }

    private static final Gson GSON = new GsonBuilder().serializeNulls().create();
    private static final Set<String> NOT_FINITE = Set.of("NaN", "Infinity", "-Infinity");
    private static final Pattern GRID = Pattern.compile("step-(\\d+)\\.png");

    private final int id;
    private final Path dir;
    private final MetricsHistory history = new MetricsHistory();
    private long generation;
    private final List<Long> grids = new ArrayList<>();
    private final Set<Long> gridSet = new HashSet<>();
    private long offset;
    private Object metricsKey;
    private FileTime configTime;
    private JsonElement config = JsonNull.INSTANCE;
    private boolean finished;

    RunWatcher(int id, Path dir) {
        this.id = id;
        this.dir = dir;
    }

    /** The config event: the run's config.json and whether it has finished. */
    synchronized Event config() {
        JsonObject o = new JsonObject();
        o.addProperty("run", id);
        o.addProperty("name", dir.toAbsolutePath().normalize().getFileName().toString());
        o.add("config", config);
        o.addProperty("finished", finished);
        return new Event("config", GSON.toJson(o));
    }

    /**
     * Up to {@code max} metrics lines the page at {@code cursor} has not had, advancing it; the
     * first event for a page (or after a rewrite) replaces what it holds. Null when it has all.
     */
    synchronized Event metrics(Cursor cursor, int max) {
        boolean reset = cursor.generation != generation;
        if (reset) {
            cursor.generation = generation;
            cursor.lines = 0;
        }
        int to = Math.min(history.size(), cursor.lines + max);
        if (!reset && to == cursor.lines) {
            return null;
        }
        String lines = history.json(cursor.lines, to);
        cursor.lines = to;
        return new Event("metrics", "{\"run\":" + id + ",\"reset\":" + reset + ",\"lines\":" + lines + "}");
    }

    /** The sample grids the page at {@code cursor} has not had (all, replacing its list, the first time); null when none. */
    synchronized Event samples(Cursor cursor) {
        boolean reset = cursor.grids < 0;
        int from = reset ? 0 : cursor.grids;
        if (!reset && from == grids.size()) {
            return null;
        }
        cursor.grids = grids.size();
        JsonObject o = new JsonObject();
        o.addProperty("run", id);
        o.addProperty("reset", reset);
        o.add("steps", GSON.toJsonTree(grids.subList(from, grids.size())));
        return new Event("samples", GSON.toJson(o));
    }

    /** Bytes the metrics history holds. */
    synchronized long retainedBytes() {
        return history.retainedBytes();
    }

    /** Reads what changed on disk since the last poll. */
    synchronized Set<Change> poll() throws IOException {
        Set<Change> changes = EnumSet.noneOf(Change.class);
        FileTime time = modified(dir.resolve("config.json"));
        boolean done = Files.isRegularFile(dir.resolve("loss.png"));
        if (!Objects.equals(time, configTime) || done != finished) {
            configTime = time;
            finished = done;
            config = time == null ? JsonNull.INSTANCE : parse(Files.readString(dir.resolve("config.json")));
            changes.add(Change.CONFIG);
        }
        if (readMetrics()) {
            changes.add(Change.METRICS);
        }
        if (readGrids()) {
            changes.add(Change.SAMPLES);
        }
        return changes;
    }

    /**
     * Adds the complete lines appended to metrics.jsonl since the last poll (a line still being
     * written, or torn by a crash, waits). A resumed run rewrites the file (a new file, or a
     * shorter one): then everything is read again as a new generation. Whether anything changed.
     */
    private boolean readMetrics() throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return false;
        }
        boolean reset = false;
        if (!Objects.equals(attrs.fileKey(), metricsKey) || attrs.size() < offset) {
            metricsKey = attrs.fileKey();
            reset = history.size() > 0;
            if (reset) {
                generation++;
            }
            history.clear();
            offset = 0;
        }
        int before = history.size();
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            channel.position(offset);
            // A megabyte at a time, so a large file never sits in memory whole.
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
            int read;
            do {
                if (!buffer.hasRemaining()) {
                    buffer = ByteBuffer.allocate(2 * buffer.capacity()).put(buffer.flip()); // a line longer than the buffer
                }
                read = channel.read(buffer);
                byte[] bytes = buffer.array();
                int end = lastNewline(bytes, buffer.position());
                if (end >= 0) {
                    for (String line : new String(bytes, 0, end + 1, StandardCharsets.UTF_8).split("\n")) {
                        if (!line.isBlank()) {
                            history.add(parse(line));
                        }
                    }
                    offset += end + 1;
                    int rest = buffer.position() - (end + 1);
                    System.arraycopy(bytes, end + 1, bytes, 0, rest);
                    buffer.position(rest);
                }
            } while (read >= 0);
        }
        return reset || history.size() > before;
    }

    private static int lastNewline(byte[] bytes, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1; // no complete line yet: offset stays
    }

    /** Adds new sample grids, in step order; whether there were any. */
    private boolean readGrids() throws IOException {
        Path samples = dir.resolve("samples");
        if (!Files.isDirectory(samples)) {
            return false;
        }
        List<Long> added = new ArrayList<>();
        try (Stream<Path> files = Files.list(samples)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = GRID.matcher(p.getFileName().toString());
                if (m.matches() && gridSet.add(Long.parseLong(m.group(1)))) {
                    added.add(Long.parseLong(m.group(1)));
                }
            }
        }
        added.sort(null);
        grids.addAll(added);
        return !added.isEmpty();
    }

    private static FileTime modified(Path file) throws IOException {
        try {
            return Files.getLastModifiedTime(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** A metrics or config line; NaN and infinities (which gan4j's JSON may hold, the browser's may not) become null. */
    static JsonElement parse(String json) {
        try {
            return finite(JsonParser.parseString(json));
        } catch (JsonParseException e) {
            return JsonNull.INSTANCE; // a line being written by another tool; it is not shown
        }
    }

    private static JsonElement finite(JsonElement e) {
        if (e.isJsonObject()) {
            JsonObject out = new JsonObject();
            for (Map.Entry<String, JsonElement> entry : e.getAsJsonObject().entrySet()) {
                out.add(entry.getKey(), finite(entry.getValue()));
            }
            return out;
        }
        if (e.isJsonArray()) {
            JsonArray out = new JsonArray();
            e.getAsJsonArray().forEach(x -> out.add(finite(x)));
            return out;
        }
        // A lenient parser reads a bare NaN as the string "NaN".
        if (e.isJsonPrimitive() && (e.getAsJsonPrimitive().isNumber() ? !Double.isFinite(e.getAsDouble())
                : e.getAsJsonPrimitive().isString() && NOT_FINITE.contains(e.getAsString()))) {
            return JsonNull.INSTANCE;
        }
        return e;
    }
}
