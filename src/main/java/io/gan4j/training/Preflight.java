package io.gan4j.training;

import io.gan4j.Gan4jException;
import io.gan4j.data.LabeledImages;
import io.gan4j.models.Gan;
import io.gan4j.options.Options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks made before training starts, so that a run does not fail hours later for a reason known now. */
final class Preflight {

    /** Room for samples, metrics and the GIF on top of the checkpoints. */
    private static final long MARGIN = 16L << 20;

    private Preflight() {}

    /**
     * The output directory can be created and written: checked with a probe file; the probe and any
     * directories made for it are removed at once, so a run failing later leaves nothing behind.
     */
    static void requireWritable(Path out) {
        Path absolute = out.toAbsolutePath();
        Path created = null; // the outermost directory this check creates
        for (Path p = absolute; p != null && !Files.exists(p); p = p.getParent()) {
            created = p;
        }
        try {
            Files.createDirectories(out);
            Path probe = Files.createTempFile(out, ".gan4j-write-test", ".tmp");
            Files.delete(probe);
            for (Path p = absolute; created != null && p != null && p.startsWith(created); p = p.getParent()) {
                Files.delete(p);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new Gan4jException("cannot write to the output directory " + out + ": "
                    + (e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())), e);
        }
    }

    /** A batch must come from the training set: a larger one could never be filled. */
    static void requireBatchFits(TrainConfig config, LabeledImages images) {
        if (config.get(Options.BATCH_SIZE) > images.count()) {
            throw new Gan4jException("--batch-size " + config.get(Options.BATCH_SIZE) + " is larger than the " + images.count()
                    + " training images of " + config.get(Options.DATA));
        }
    }

    /**
     * Enough free space for a checkpoint while the previous one still exists (both live during the
     * atomic replace): every network's parameters, their optimizer's buffers (at most Adam's two moments), and the weight average.
     */
    static void requireSpace(Path out, Gan gan, boolean ema) {
        long values = 0;
        for (Network net : gan.networks()) {
            values += 3 * net.parameterCount();
        }
        if (ema) {
            values += gan.generator().parameterCount();
        }
        Path existing = out.toAbsolutePath();
        while (existing.getParent() != null && !Files.exists(existing)) {
            existing = existing.getParent(); // the run directory itself is made only when the first file is written
        }
        try {
            requireSpace(out, Files.getFileStore(existing).getUsableSpace(), 2 * 4 * values + MARGIN);
        } catch (IOException e) {
            // The space cannot be known here; a full disk is then reported when a write fails.
        }
    }

    static void requireSpace(Path out, long free, long needed) {
        if (free < needed) {
            throw new Gan4jException("not enough disk space for " + out + ": " + (free >> 20) + " MB free, checkpoints of "
                    + "this model need about " + (needed >> 20) + " MB");
        }
    }
}
