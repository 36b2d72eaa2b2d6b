package io.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.Gan4jException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesStringCreatingParents() throws IOException {
        Path target = dir.resolve("a/b/notes.txt");
        AtomicFiles.writeString(target, "héllo");
        assertEquals("héllo", Files.readString(target, StandardCharsets.UTF_8));
        assertEquals(List.of("notes.txt"), names(target.getParent()));
    }

    @Test
    void outputIsReadableByAllNotPrivateLikeATempFile() throws IOException {
        Path file = dir.resolve("grid.png");
        AtomicFiles.writeBytes(file, new byte[] {1});
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Path checkpoint = dir.resolve("latest");
        AtomicFiles.writeDirectory(checkpoint, tmp -> Files.writeString(tmp.resolve("state.json"), "{}"));
        assertEquals("rwxr-xr-x", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(checkpoint)));
    }

    @Test
    void replacesExistingContent() throws IOException {
        Path target = dir.resolve("data.bin");
        AtomicFiles.writeBytes(target, new byte[] {1, 2, 3});
        AtomicFiles.writeBytes(target, new byte[] {9});
        assertEquals(1, Files.size(target));
        assertEquals(List.of("data.bin"), names(dir));
    }

    @Test
    void writerFailingMidwayLeavesOldContentAndNoTempFile() throws IOException {
        Path target = dir.resolve("step.json");
        AtomicFiles.writeString(target, "old");
        Gan4jException e = assertThrows(Gan4jException.class, () -> AtomicFiles.write(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write("half of the new".getBytes(StandardCharsets.UTF_8));
                throw new IOException("No space left on device");
            }
        }));
        assertEquals("cannot write " + target + ": No space left on device", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("step.json"), names(dir));
    }

    @Test
    void gan4jExceptionFromWriterPassesThroughAndCleansUp() throws IOException {
        Gan4jException thrown = new Gan4jException("bad frame");
        Gan4jException e = assertThrows(Gan4jException.class,
                () -> AtomicFiles.write(dir.resolve("x.gif"), tmp -> {
                    throw thrown;
                }));
        assertSame(thrown, e);
        assertEquals(List.of(), names(dir));
    }

    @Test
    void targetUnderRegularFileFailsNamingThePath() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Path target = file.resolve("samples/step-100.png");
        Gan4jException e = assertThrows(Gan4jException.class, () -> AtomicFiles.writeString(target, "y"));
        assertTrue(e.getMessage().startsWith("cannot write " + target + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals("x", Files.readString(file));
    }

    @Test
    void appendLineAppends() throws IOException {
        Path log = dir.resolve("logs/metrics.jsonl");
        AtomicFiles.appendLine(log, "{\"step\":1}");
        AtomicFiles.appendLine(log, "{\"step\":2}");
        assertEquals("{\"step\":1}\n{\"step\":2}\n", Files.readString(log));
    }

    @Test
    void appendLineUnderRegularFileFails() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Path log = file.resolve("log.txt");
        Gan4jException e = assertThrows(Gan4jException.class, () -> AtomicFiles.appendLine(log, "z"));
        assertTrue(e.getMessage().startsWith("cannot write " + log + ": "), e.getMessage());
    }

    @Test
    void writeDirectoryCreatesAndReplacesWholeDirectory() throws IOException {
        Path ckpt = dir.resolve("run/checkpoint");
        AtomicFiles.writeDirectory(ckpt, tmp -> {
            Files.writeString(tmp.resolve("G.params"), "g1");
            Files.writeString(tmp.resolve("stale.txt"), "only in the old copy");
        });
        AtomicFiles.writeDirectory(ckpt, tmp -> {
            Files.createDirectories(tmp.resolve("sub"));
            Files.writeString(tmp.resolve("G.params"), "g2");
            Files.writeString(tmp.resolve("sub/state.json"), "{}");
        });
        assertEquals(List.of("G.params", "sub"), names(ckpt));
        assertEquals("g2", Files.readString(ckpt.resolve("G.params")));
        assertEquals("{}", Files.readString(ckpt.resolve("sub/state.json")));
        assertEquals(List.of("checkpoint"), names(ckpt.getParent()));
    }

    @Test
    void writeDirectoryFailureKeepsOldDirectoryAndNoTempDirs() throws IOException {
        Path ckpt = dir.resolve("checkpoint");
        AtomicFiles.writeDirectory(ckpt, tmp -> Files.writeString(tmp.resolve("G.params"), "old"));
        Gan4jException e = assertThrows(Gan4jException.class, () -> AtomicFiles.writeDirectory(ckpt, tmp -> {
            Files.writeString(tmp.resolve("G.params"), "new");
            throw new IOException("disk quota exceeded");
        }));
        assertEquals("cannot write " + ckpt + ": disk quota exceeded", e.getMessage());
        assertEquals(List.of("G.params"), names(ckpt));
        assertEquals("old", Files.readString(ckpt.resolve("G.params")));
        assertEquals(List.of("checkpoint"), names(dir));
    }

    @Test
    void recoversADirectoryWriteKilledBetweenItsTwoRenames() throws IOException {
        Path target = dir.resolve("latest");
        AtomicFiles.writeDirectory(target, tmp -> Files.writeString(tmp.resolve("state.json"), "old"));
        // What a kill -9 after "rename NAME aside" and before "rename the new copy in" leaves:
        Files.move(target, dir.resolve(".latest.old-123"));
        Files.createDirectory(dir.resolve(".latest.new-123"));
        Files.writeString(dir.resolve(".latest.new-123/state.json"), "new, maybe incomplete");
        Files.createDirectory(dir.resolve(".latest.new-456")); // an older partial copy

        AtomicFiles.recoverDirectory(target);
        assertEquals("old", Files.readString(target.resolve("state.json")));
        assertEquals(List.of("latest"), names(dir));
    }

    @Test
    void aNewWriteClearsLeftoversOfAKilledOne() throws IOException {
        Path target = dir.resolve("latest");
        AtomicFiles.writeDirectory(target, tmp -> Files.writeString(tmp.resolve("state.json"), "1"));
        Files.createDirectory(dir.resolve(".latest.new-1"));
        Files.createDirectory(dir.resolve(".latest.old-2"));
        Files.createDirectory(dir.resolve(".other.new-3")); // not this target's
        AtomicFiles.writeDirectory(target, tmp -> Files.writeString(tmp.resolve("state.json"), "2"));
        assertEquals("2", Files.readString(target.resolve("state.json")));
        assertEquals(List.of(".other.new-3", "latest"), names(dir));
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
