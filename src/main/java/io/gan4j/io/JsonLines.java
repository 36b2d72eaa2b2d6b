package io.gan4j.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A JSON-lines file (metrics.jsonl) as its complete lines. Each line is appended with its newline
 * in one write, so a last line without one is a write that never finished (a full disk, a kill -9
 * mid-append): it is left out rather than parsed, or a resume and the loss plot would fail on it.
 */
public final class JsonLines {

    private JsonLines() {}

    /** The non-blank lines up to the last newline. */
    public static List<String> complete(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
}
