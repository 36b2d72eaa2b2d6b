package io.gan4j.data;

import io.gan4j.Gan4jException;
import io.gan4j.io.AtomicFiles;
import io.gan4j.io.Json;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A folder of image files (PNG, JPEG, BMP, GIF, found recursively) as a data set, following
 * PyTorch's ImageFolder convention: when every image sits in a top-level subfolder, each of those
 * is a class (deeper folders belong to their top-level one) and the sorted folder names are labels
 * 0..K−1; images at the top level make the set unlabelled.
 *
 * <p>Files are decoded once, in parallel, by {@link ImageDecoder} into a uint8 cache file
 * ({@code DIR/.gan4j-cache/KEY.u8}, N×C×S×S bytes, with {@code KEY.json} naming the files, labels
 * and skipped files). The key hashes every file's path, size and modification time and the
 * size/channels/background options, so a second run maps the cache at once and a changed file
 * makes a new one. A folder without its own test split gets one: each file goes to the held-out
 * part when a hash of its path falls below the {@code holdout} share, so the split never depends
 * on the order files were found or on the seed.
 */
public final class ImageFolder {

    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");
    private static final String CACHE_DIR = ".gan4j-cache";
    private static final int CACHE_VERSION = 1;

    /**
     * How a folder is decoded: the square size, the channels (null: 3 when any image has colour,
     * else 1), the background transparent pixels are composited onto, and the held-out share.
     */
    public record Options(int size, Integer channels, ImageDecoder.Background background, double holdout) {
        public Options {
            if (size <= 0) {
                throw new Gan4jException("--image-size must be positive, not " + size);
            }
            if (channels != null && channels != 1 && channels != 3) {
                throw new Gan4jException("--channels must be 1 or 3, not " + channels);
            }
            if (!(holdout >= 0 && holdout < 1)) {
                throw new Gan4jException("--holdout must be in [0, 1), not " + holdout);
            }
        }
    }

    /** What the cache's KEY.json records. */
    private static final class Index {
        int version;
        int size;
        int channels;
        List<String> files;
        int[] labels;
        List<String> classes;
        List<String> skipped;
    }

    private ImageFolder() {}

    /** Whether {@code data} names a directory holding at least one image file (at any depth). */
    public static boolean isImageFolder(String data) {
        Path dir;
        try {
            dir = Path.of(data);
        } catch (InvalidPathException e) {
            return false;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = walk(dir)) {
            return files.findAny().isPresent();
        }
    }

    /**
     * The images of {@code split} (TRAIN: those outside the held-out share; TEST: those inside),
     * decoded through the cache; per-class counts are printed to {@code log} for the training split.
     */
    public static LabeledImages load(Path dir, Split split, Options options, PrintStream log) {
        List<Path> files = list(dir);
        Index index = cached(dir, files, options, log);
        if (split == Split.TRAIN) {
            report(dir, index, options, log);
        }
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < index.files.size(); i++) {
            if (heldOut(index.files.get(i), options.holdout) == (split == Split.TEST)) {
                chosen.add(i);
            }
        }
        if (chosen.isEmpty()) {
            throw new Gan4jException(dir + ": no " + (split == Split.TEST ? "held-out" : "training") + " images (--holdout "
                    + options.holdout + " of " + index.files.size() + ")");
        }
        int plane = index.channels * index.size * index.size;
        long total = (long) chosen.size() * plane;
        if (total > Integer.MAX_VALUE - 8) {
            throw new Gan4jException(dir + ": " + chosen.size() + " images of " + index.channels + "x" + index.size + "x"
                    + index.size + " are more than 2 GB of pixels; use a smaller --image-size");
        }
        byte[] pixels = new byte[(int) total];
        byte[] labels = index.classes == null ? null : new byte[chosen.size()];
        // The cache is mapped, not read through a buffer: only the chosen images' pages are touched.
        try (FileChannel channel = FileChannel.open(cacheFile(dir, key(dir, files, options), ".u8"), StandardOpenOption.READ)) {
            // One mapping of the whole file when it fits a buffer (a mapping per image would exhaust
            // the process's map count on large folders), else one per image.
            ByteBuffer whole = channel.size() <= Integer.MAX_VALUE ? channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()) : null;
            for (int j = 0; j < chosen.size(); j++) {
                int i = chosen.get(j);
                if (whole != null) {
                    whole.get(i * plane, pixels, j * plane, plane);
                } else {
                    channel.map(FileChannel.MapMode.READ_ONLY, (long) i * plane, plane).get(pixels, j * plane, plane);
                }
                if (labels != null) {
                    labels[j] = (byte) index.labels[i];
                }
            }
        } catch (IOException e) {
            throw new Gan4jException("cannot read the image cache of " + dir + ": " + e.getMessage(), e);
        }
        String source = dir + (split == Split.TEST ? " (held out)" : "");
        return new LabeledImages(chosen.size(), index.channels, index.size, index.size, pixels, labels, index.classes, source);
    }

    /** Whether the file at {@code relative} path falls in the held-out share. */
    static boolean heldOut(String relative, double holdout) {
        long z = relative.hashCode() * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53 < holdout;
    }

    private static void report(Path dir, Index index, Options options, PrintStream log) {
        if (!index.skipped.isEmpty()) {
            index.skipped.forEach(s -> log.println("warning: skipped " + s));
            log.println(index.skipped.size() + " unreadable image file(s) skipped in " + dir);
        }
        int held = 0;
        for (String f : index.files) {
            held += heldOut(f, options.holdout) ? 1 : 0;
        }
        log.printf("%s: %d images, %dx%dx%d, %d for training, %d held out (--holdout %.3g)%n", dir, index.files.size(),
                index.channels, index.size, index.size, index.files.size() - held, held, options.holdout);
        if (index.classes == null) {
            log.println("  unlabelled (no class subfolders)");
            return;
        }
        int[] counts = new int[index.classes.size()];
        for (int label : index.labels) {
            counts[label]++;
        }
        StringBuilder line = new StringBuilder("  " + index.classes.size() + " classes:");
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int c = 0; c < counts.length; c++) {
            line.append(c == 0 ? " " : ", ").append(index.classes.get(c)).append(' ').append(counts[c]);
            min = Math.min(min, counts[c]);
            max = Math.max(max, counts[c]);
        }
        log.println(line);
        if (max > 2 * min) {
            log.printf("  unbalanced: the largest class has %.1fx the images of the smallest%n", (double) max / min);
        }
    }

    /** The image files under {@code dir}, sorted by their path relative to it. */
    static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new Gan4jException("missing directory " + dir);
        }
        try (Stream<Path> files = walk(dir)) {
            List<Path> sorted = files.sorted((a, b) -> relative(dir, a).compareTo(relative(dir, b))).toList();
            if (sorted.isEmpty()) {
                throw new Gan4jException(dir + ": no image files (" + String.join(", ", EXTENSIONS) + ")");
            }
            return sorted;
        }
    }

    private static Stream<Path> walk(Path dir) {
        try {
            return Files.walk(dir).filter(p -> !hidden(dir, p) && Files.isRegularFile(p) && isImageName(p));
        } catch (IOException e) {
            throw new Gan4jException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Whether a path component under {@code dir} starts with a dot (the cache, .git, ...). */
    private static boolean hidden(Path dir, Path p) {
        for (Path part : dir.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static boolean isImageName(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** {@code file} relative to {@code dir}, with '/' separators on every platform. */
    static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    /** The index of a valid cache for these files and options, decoding them first when there is none. */
    private static Index cached(Path dir, List<Path> files, Options options, PrintStream log) {
        String key = key(dir, files, options);
        Path json = cacheFile(dir, key, ".json");
        Path data = cacheFile(dir, key, ".u8");
        if (Files.isRegularFile(json) && Files.isRegularFile(data)) {
            Index index = Json.read(json, Index.class);
            long expected = (long) index.files.size() * index.channels * index.size * index.size;
            if (index.version == CACHE_VERSION && sizeOf(data) == expected) {
                return index;
            }
        }
        return decode(dir, files, options, key, log);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Decodes every file in parallel into RGB slots of a temporary file, then writes the cache
     * with the files that decoded, in the resolved channel count, and its index last (an index
     * present means a complete cache).
     */
    private static Index decode(Path dir, List<Path> files, Options options, String key, PrintStream log) {
        int s = options.size;
        int rgbPlane = 3 * s * s;
        Path tmp = cacheFile(dir, key, ".rgb.tmp");
        String[] errors = new String[files.size()];
        boolean[] colour = new boolean[files.size()];
        try {
            Files.createDirectories(tmp.getParent());
            try (FileChannel rgb = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
                    ProgressBar bar = System.console() == null ? null
                            : new ProgressBarBuilder().setTaskName("decoding " + dir.getFileName()).setInitialMax(files.size()).build()) {
                AtomicInteger done = new AtomicInteger();
                IntStream.range(0, files.size()).parallel().forEach(i -> {
                    try {
                        byte[] planes = ImageDecoder.decodeRgb(files.get(i), s, options.background);
                        colour[i] = hasColour(planes);
                        rgb.write(ByteBuffer.wrap(planes), (long) i * rgbPlane);
                    } catch (Gan4jException e) {
                        errors[i] = e.getMessage();
                    } catch (IOException e) {
                        errors[i] = tmp + ": " + e.getMessage();
                    }
                    if (bar != null) {
                        bar.stepTo(done.incrementAndGet());
                    }
                });
                return writeCache(dir, files, options, key, rgb, errors, colour, log);
            }
        } catch (IOException e) {
            throw new Gan4jException("cannot write the image cache " + tmp + ": " + e.getMessage(), e);
        }
    }

    private static Index writeCache(Path dir, List<Path> files, Options options, String key, FileChannel rgb,
            String[] errors, boolean[] colour, PrintStream log) throws IOException {
        int s = options.size;
        Index index = new Index();
        index.version = CACHE_VERSION;
        index.size = s;
        index.files = new ArrayList<>();
        index.skipped = new ArrayList<>();
        List<Integer> good = new ArrayList<>();
        boolean anyColour = false;
        for (int i = 0; i < files.size(); i++) {
            if (errors[i] != null) {
                index.skipped.add(errors[i]);
                continue;
            }
            good.add(i);
            index.files.add(relative(dir, files.get(i)));
            anyColour |= colour[i];
        }
        if (good.isEmpty()) {
            throw new Gan4jException(dir + ": none of its " + files.size() + " image files could be decoded (first: "
                    + index.skipped.get(0) + ")");
        }
        index.channels = options.channels != null ? options.channels : anyColour ? 3 : 1;
        labels(index);
        int c = index.channels;
        AtomicFiles.write(cacheFile(dir, key, ".u8"), target -> {
            try (OutputStream out = Files.newOutputStream(target)) {
                ByteBuffer planes = ByteBuffer.allocate(3 * s * s);
                for (int i : good) {
                    planes.clear();
                    rgb.read(planes, (long) i * 3 * s * s);
                    out.write(c == 3 ? planes.array() : ImageDecoder.luma(planes.array(), s * s));
                }
            }
        });
        AtomicFiles.writeString(cacheFile(dir, key, ".json"), Json.GSON.toJson(index));
        log.printf("decoded %d image files of %s into %s%n", good.size(), dir, cacheFile(dir, key, ".u8"));
        return index;
    }

    /** Class names and labels from the files' top-level folders; none when any file sits at the top. */
    private static void labels(Index index) {
        TreeSet<String> classes = new TreeSet<>();
        for (String f : index.files) {
            int slash = f.indexOf('/');
            if (slash < 0) {
                return;
            }
            classes.add(f.substring(0, slash));
        }
        index.classes = new ArrayList<>(classes);
        if (index.classes.size() > 256) {
            throw new Gan4jException("an image folder holds at most 256 classes, not " + index.classes.size());
        }
        Map<String, Integer> label = new LinkedHashMap<>();
        for (String name : index.classes) {
            label.put(name, label.size());
        }
        index.labels = index.files.stream().mapToInt(f -> label.get(f.substring(0, f.indexOf('/')))).toArray();
    }

    private static boolean hasColour(byte[] planes) {
        int n = planes.length / 3;
        for (int i = 0; i < n; i++) {
            if (planes[i] != planes[n + i] || planes[i] != planes[2 * n + i]) {
                return true;
            }
        }
        return false;
    }

    /** The cache's key: every file's relative path, size and mtime, and the decoding options. */
    static String key(Path dir, List<Path> files, Options options) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((CACHE_VERSION + "|" + options.size + "|" + options.channels + "|" + options.background + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (Path f : files) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                sha.update((relative(dir, f) + "|" + a.size() + "|" + a.lastModifiedTime().toMillis() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (IOException e) {
            throw new Gan4jException("cannot read the attributes of an image file: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path cacheFile(Path dir, String key, String suffix) {
        return dir.resolve(CACHE_DIR).resolve(key + suffix);
    }
}
