package io.gan4j.io;

import io.gan4j.Gan4jException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Crash-safe file output: a reader (or a resumed run after a crash or a full disk) sees either the
 * previous complete content of a path or the new complete content, never a torn write.
 *
 * <p>I/O failures, including {@link UncheckedIOException} thrown by a {@link Writer}, become a
 * one-line {@link Gan4jException} naming the target; a {@code Gan4jException} from a writer passes
 * through unchanged, and other runtime exceptions (programming errors) propagate as they are. In
 * every case the temporary file or directory is removed first.
 */
public final class AtomicFiles {

    /** Fills {@code tmp} (a file, or a directory for {@link #writeDirectory}) with the new content. */
    @FunctionalInterface
    public interface Writer {
        void write(Path tmp) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Writes {@code target} through a temporary file in the same directory (so the final rename
     * never crosses file systems), forced to disk and then atomically renamed over the target.
     * Parent directories are created as needed.
     */
    public static void write(Path target, Writer writer) {
        Path dir = parentOf(target);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            readableByAll(tmp, "rw-r--r--");
            writer.write(tmp);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            forceDirectory(dir);
        } catch (IOException e) {
            throw cannotWrite(target, e);
        } catch (UncheckedIOException e) {
            throw cannotWrite(target, e.getCause());
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Writes {@code text} as UTF-8, atomically. */
    public static void writeString(Path target, String text) {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes}, atomically. */
    public static void writeBytes(Path target, byte[] bytes) {
        write(target, tmp -> Files.write(tmp, bytes));
    }

    /**
     * Replaces the directory {@code target} (e.g. a checkpoint) with one filled by {@code writer}.
     *
     * <p>Guarantee: at every instant one complete copy of the directory exists, old or new. The
     * writer fills {@code .NAME.new-ID} next to the target and its files are forced to disk. Then
     * the old {@code NAME} is renamed to {@code .NAME.old-ID}, {@code .NAME.new-ID} is renamed to
     * {@code NAME}, and the old copy is deleted. A directory has no atomic replace-by-rename, so
     * between the two renames {@code NAME} is briefly absent; a crash exactly there leaves both
     * complete copies under those names, and renaming either back to {@code NAME} recovers. If the
     * second rename fails, the old copy is renamed back before the error is reported. A crash
     * before the first rename leaves {@code NAME} untouched plus a partial hidden
     * {@code .NAME.new-ID}, which is safe to delete.
     */
    public static void writeDirectory(Path target, Writer writer) {
        Path dir = parentOf(target);
        String name = target.getFileName().toString();
        String newPrefix = "." + name + ".new-";
        Path fresh = null;
        Path aside = null;
        try {
            recoverDirectory(target);
            Files.createDirectories(dir);
            fresh = Files.createTempDirectory(dir, newPrefix);
            readableByAll(fresh, "rwxr-xr-x");
            writer.write(fresh);
            forceTree(fresh);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                // Reuse the unique id of the fresh directory so the aside name cannot collide.
                String id = fresh.getFileName().toString().substring(newPrefix.length());
                aside = dir.resolve("." + name + ".old-" + id);
                Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
            }
            swapIn(fresh, target, aside);
            fresh = null;
            forceDirectory(dir);
        } catch (IOException e) {
            throw cannotWrite(target, e);
        } catch (UncheckedIOException e) {
            throw cannotWrite(target, e.getCause());
        } finally {
            deleteTreeQuietly(fresh);
        }
        if (aside != null) {
            try {
                deleteTree(aside);
            } catch (IOException e) {
                throw new Gan4jException("wrote " + target + " but cannot delete the previous copy "
                        + aside + ": " + reason(aside, e), e);
            }
        }
    }

    /**
     * Repairs what a crash (kill -9, power loss) inside {@link #writeDirectory} left: when
     * {@code target} is missing but a previous copy {@code .NAME.old-ID} exists (the crash fell
     * between the two renames), that copy is renamed back; then leftover {@code .NAME.new-ID}
     * (possibly partial) and {@code .NAME.old-ID} directories are deleted. Does nothing when the
     * parent directory does not exist. Only the one writer of {@code target} may call it while
     * writes can happen (it would delete another writer's directory in progress).
     */
    public static void recoverDirectory(Path target) {
        Path dir = parentOf(target);
        if (!Files.isDirectory(dir)) {
            return;
        }
        String name = target.getFileName().toString();
        try {
            List<Path> leftovers;
            try (Stream<Path> entries = Files.list(dir)) {
                leftovers = entries.filter(p -> {
                    String n = p.getFileName().toString();
                    return n.startsWith("." + name + ".new-") || n.startsWith("." + name + ".old-");
                }).sorted().collect(Collectors.toList());
            }
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                for (Path p : leftovers) {
                    if (p.getFileName().toString().startsWith("." + name + ".old-")) {
                        Files.move(p, target, StandardCopyOption.ATOMIC_MOVE);
                        leftovers.remove(p);
                        forceDirectory(dir);
                        break;
                    }
                }
            }
            for (Path p : leftovers) {
                deleteTree(p);
            }
        } catch (IOException e) {
            throw new Gan4jException("cannot recover " + target + " after an interrupted write: " + reason(target, e), e);
        }
    }

    /** Appends {@code line} and a newline (UTF-8), creating the file and its parents if needed. */
    public static void appendLine(Path file, String line) {
        try {
            Files.createDirectories(parentOf(file));
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    /** Renames {@code fresh} to {@code target}; on failure moves the old copy at {@code aside} back. */
    private static void swapIn(Path fresh, Path target, Path aside) throws IOException {
        try {
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (aside != null) {
                try {
                    Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException restore) {
                    e.addSuppressed(restore);
                    throw new IOException(reason(target, e) + "; previous copy left at " + aside, e);
                }
            }
            throw e;
        }
    }

    private static Path parentOf(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null) {
            throw new Gan4jException("cannot write " + target + ": not a file path");
        }
        return parent;
    }

    private static void forceTree(Path root) throws IOException {
        for (Path path : list(root)) {
            if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                forceDirectory(path);
            }
        }
    }

    /**
     * Makes directory entries (the results of create and rename) durable. Best effort: POSIX
     * systems allow fsync on a directory, others (Windows) cannot open one, and the data itself was
     * already forced.
     */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // Not supported on this platform; see above.
        }
    }

    private static void deleteTree(Path root) throws IOException {
        List<Path> paths = list(root);
        paths.sort(Comparator.reverseOrder()); // children before their parents
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }

    private static List<Path> list(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.collect(Collectors.toList());
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // Already failing or done; a leftover hidden temp file is harmless.
            }
        }
    }

    private static void deleteTreeQuietly(Path root) {
        if (root != null) {
            try {
                deleteTree(root);
            } catch (IOException ignored) {
                // Already failing; a leftover hidden temp directory is harmless.
            }
        }
    }

    private static Gan4jException cannotWrite(Path target, IOException e) {
        return new Gan4jException("cannot write " + target + ": " + reason(target, e), e);
    }

    /**
     * A one-line cause. NIO's messages repeat the path and leave the reason empty for common
     * failures, so the reason is spelled out and the path dropped when it is the target itself.
     */
    static String reason(Path target, IOException e) {
        if (!(e instanceof FileSystemException x)) {
            return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        String file = x.getFile();
        boolean self = file == null || file.equals(target.toString());
        if (x.getReason() != null) {
            return self ? x.getReason() : file + ": " + x.getReason();
        }
        String problem = describe(x);
        return self ? problem : file + " " + problem;
    }

    private static String describe(FileSystemException e) {
        if (e instanceof NoSuchFileException) {
            return "does not exist";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "exists and is not a directory"; // how createDirectories reports a file in the way
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "is a non-empty directory";
        }
        return e.getClass().getSimpleName();
    }

    /** Temp files are created private (0600/0700); what they become is ordinary output, readable by all. */
    private static void readableByAll(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
