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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Follows one run directory by polling its files, so a finished run and one still training (in
 * this process or another) look the same: new metrics.jsonl lines, new sample grids, config.json
 * (re)written, and loss.png appearing when the run ends. Not thread-safe: the dashboard calls it
 * under its lock.
 */
final class RunWatcher {

    /** An event pushed to the page: its SSE name and JSON data (one line). */
    record Event(String name, String data) {}

    private static final Gson GSON = new GsonBuilder().serializeNulls().create();
    private static final Set<String> NOT_FINITE = Set.of("NaN", "Infinity", "-Infinity");
    private static final Pattern GRID = Pattern.compile("step-(\\d+)\\.png");

    private final int id;
    private final Path dir;
    private final List<JsonElement> lines = new ArrayList<>();
    private final TreeSet<Long> grids = new TreeSet<>();
    private long offset;
    private Object metricsKey;
    private FileTime configTime;
    private JsonElement config = JsonNull.INSTANCE;
    private boolean finished;

    RunWatcher(int id, Path dir) {
        this.id = id;
        this.dir = dir;
    }

    /** Everything known so far, as events that replace what a (re)connecting page holds. */
    List<Event> snapshot() {
        List<Event> events = new ArrayList<>();
        events.add(configEvent());
        events.add(event("metrics", true, "lines", lines));
        events.add(event("samples", true, "steps", grids));
        return events;
    }

    /** What changed on disk since the last poll. */
    List<Event> poll() throws IOException {
        List<Event> events = new ArrayList<>();
        FileTime time = modified(dir.resolve("config.json"));
        boolean done = Files.isRegularFile(dir.resolve("loss.png"));
        if (!Objects.equals(time, configTime) || done != finished) {
            configTime = time;
            finished = done;
            config = time == null ? JsonNull.INSTANCE : parse(Files.readString(dir.resolve("config.json")));
            events.add(configEvent());
        }
        boolean[] reset = {false};
        List<JsonElement> added = newMetricLines(reset);
        if (!added.isEmpty() || reset[0]) {
            events.add(event("metrics", reset[0], "lines", added));
        }
        List<Long> newGrids = newGrids();
        if (!newGrids.isEmpty()) {
            events.add(event("samples", false, "steps", newGrids));
        }
        return events;
    }

    /**
     * Complete lines appended to metrics.jsonl since the last poll. A resumed run rewrites the
     * file (a new file, or a shorter one): then everything is read again and {@code reset} is set.
     */
    private List<JsonElement> newMetricLines(boolean[] reset) throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        if (!Objects.equals(attrs.fileKey(), metricsKey) || attrs.size() < offset) {
            metricsKey = attrs.fileKey();
            reset[0] = !lines.isEmpty();
            lines.clear();
            offset = 0;
        }
        if (attrs.size() == offset) {
            return reset[0] ? lines : List.of();
        }
        byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, attrs.size() - offset)];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            channel.position(offset);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // what is there now; a line still being written comes at the next poll
            }
        }
        int end = lastNewline(bytes, buffer.position());
        offset += end + 1;
        List<JsonElement> added = new ArrayList<>();
        for (String line : new String(bytes, 0, end + 1, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                added.add(parse(line));
            }
        }
        lines.addAll(added);
        return reset[0] ? lines : added;
    }

    private static int lastNewline(byte[] bytes, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1; // no complete line yet: offset stays
    }

    private List<Long> newGrids() throws IOException {
        Path samples = dir.resolve("samples");
        if (!Files.isDirectory(samples)) {
            return List.of();
        }
        List<Long> added = new ArrayList<>();
        try (Stream<Path> files = Files.list(samples)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = GRID.matcher(p.getFileName().toString());
                if (m.matches() && grids.add(Long.parseLong(m.group(1)))) {
                    added.add(Long.parseLong(m.group(1)));
                }
            }
        }
        added.sort(null);
        return added;
    }

    private Event configEvent() {
        JsonObject o = new JsonObject();
        o.addProperty("run", id);
        o.addProperty("name", dir.toAbsolutePath().normalize().getFileName().toString());
        o.add("config", config);
        o.addProperty("finished", finished);
        return new Event("config", GSON.toJson(o));
    }

    private Event event(String name, boolean reset, String key, Iterable<?> values) {
        JsonObject o = new JsonObject();
        o.addProperty("run", id);
        o.addProperty("reset", reset);
        o.add(key, GSON.toJsonTree(values));
        return new Event(name, GSON.toJson(o));
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
