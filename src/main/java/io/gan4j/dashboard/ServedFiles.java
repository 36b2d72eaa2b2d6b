package io.gan4j.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which files of a run directory the dashboard may send: a plain relative path of ordinary names
 * (no "..", no hidden files, no backslashes or encoded characters left after the server decoded the
 * URL once) with an extension the page uses, that is a regular file under the run directory once
 * every symbolic link is resolved.
 */
final class ServedFiles {

    static final Map<String, String> TYPES = Map.of("png", "image/png", "gif", "image/gif",
            "json", "application/json", "jsonl", "application/x-ndjson");

    private static final String NAME = "[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}";
    private static final Pattern PATH = Pattern.compile("(?:" + NAME + "/){0,4}" + NAME + "\\.(png|gif|json|jsonl)");

    private ServedFiles() {}

    /** The real file that {@code relative} names under {@code root}, or empty when it may not be served. */
    static Optional<Path> resolve(Path root, String relative) throws IOException {
        Matcher m = PATH.matcher(relative);
        if (!m.matches()) {
            return Optional.empty();
        }
        Path base = root.toAbsolutePath().normalize();
        Path file = base.resolve(relative).normalize();
        if (!file.startsWith(base) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Path real = file.toRealPath();
        return real.startsWith(base.toRealPath()) && type(real) != null ? Optional.of(real) : Optional.empty();
    }

    /** The content type of a file the dashboard serves; null for any other. */
    static String type(Path file) {
        String name = file.getFileName().toString();
        return name.contains(".") ? TYPES.get(name.substring(name.lastIndexOf('.') + 1)) : null;
    }
}
