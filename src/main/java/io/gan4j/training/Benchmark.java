package io.gan4j.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import io.gan4j.Engines;
import io.gan4j.data.LabeledImages;
import io.gan4j.models.Gan;
import io.gan4j.models.ModelSpec;
import io.gan4j.models.Models;
import io.gan4j.options.Options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * Times the training step every run uses (the Trainer's own), on one fixed random batch so that
 * no data loading is timed: the protocol of the PyTorch reference (warm-up iterations, then the
 * median of a few chunks of timed iterations).
 */
public final class Benchmark {

    private Benchmark() {}

    public record Result(String model, int batchSize, int threads, double msPerIter, double imagesPerSecond,
            double[] chunkMs, double cpuMsPerIter, long rssKbAfterWarmup, long rssKbAtEnd, long peakRssKb, int iterations,
            long generatorParameters, long discriminatorParameters, String java, String djl, String engine) {}

    /**
     * The configuration of a model to time: a reference model of MODELS.md as the gan4j model and
     * options that are that network (mlp: vanilla-tutorial at batch 100; acgan: its embedding
     * conditioning; dcgan64: dcgan on 3×64×64 images, pytorch/examples' networks), else the zoo
     * model itself on MNIST-shaped images.
     */
    public static TrainConfig configFor(String name) {
        TrainConfig config = new TrainConfig();
        config.model = switch (name) {
            case "mlp" -> "vanilla-tutorial";
            case "dcgan64" -> "dcgan";
            default -> name;
        };
        switch (name) {
            case "mlp" -> config.set(Options.BATCH_SIZE, 100);
            case "acgan" -> config.set(Options.D_CONDITIONING, "embed");
            case "dcgan64" -> config.imageShape = new int[] {3, 64, 64};
            default -> { }
        }
        return config;
    }

    /**
     * {@code config} holds the model and its options; unset fields take the model's defaults. Its
     * images are random ones of {@code config.imageShape}, by default the MNIST shape. With a
     * {@code profile} path, libtorch's profiler records the timed iterations' ops into that file (a
     * Chrome trace, the format of PyTorch's {@code export_chrome_trace}; bench/profile.py sums it).
     */
    public static Result run(TrainConfig config, int warmup, int chunks, int chunk, Path profile, NDManager manager) {
        ModelSpec spec = Models.get(config.model);
        if (spec.usesImages() && config.imageShape == null) {
            Models.resolveForDigits(config);
        } else {
            Models.resolve(config);
        }
        Engines.seed(config.get(Options.SEED));
        Gan gan = Models.create(config, manager);
        Map<String, Optimizer> optimizers = Trainer.optimizers(config, gan, manager);
        // The model's own data path once (so e.g. sgan gets its labelled rows), then that batch forever.
        Batch batch = gan.realData(spec.usesImages() ? randomImages(config) : null, manager).batch(0, manager);
        DataSource fixed = new DataSource() {
            @Override
            public int stepsPerEpoch() {
                return 1;
            }

            @Override
            public Batch batch(long step, NDManager stepManager) {
                return batch;
            }
        };
        long step = 0;
        for (int i = 0; i < warmup; i++) {
            Trainer.trainStep(config, gan, optimizers, fixed, step++, manager);
        }
        long rssWarm = rssKb();
        if (profile != null) {
            JniUtils.startProfile(false, true, false);
        }
        double[] ms = new double[chunks];
        double[] cpu = new double[chunks];
        for (int c = 0; c < chunks; c++) {
            long t0 = System.nanoTime();
            long c0 = processCpuNanos();
            for (int i = 0; i < chunk; i++) {
                Trainer.trainStep(config, gan, optimizers, fixed, step++, manager);
            }
            ms[c] = (System.nanoTime() - t0) / 1e6 / chunk;
            cpu[c] = (processCpuNanos() - c0) / 1e6 / chunk;
        }
        if (profile != null) {
            JniUtils.stopProfile(profile.toString());
        }
        double median = median(ms);
        return new Result(config.model, config.get(Options.BATCH_SIZE), JniUtils.getNumThreads(), median,
                config.get(Options.BATCH_SIZE) * 1000.0 / median, ms, median(cpu), rssWarm, rssKb(), memoryKb("VmHWM:"), warmup + chunks * chunk,
                gan.generator().parameterCount(), gan.discriminator().parameterCount(),
                System.getProperty("java.version"), Engine.getDjlVersion(),
                Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
    }

    /** Enough random images of the configured shape (labels cycling over the classes) for one batch of any model. */
    private static LabeledImages randomImages(TrainConfig config) {
        int count = 2 * config.get(Options.BATCH_SIZE) + 100;
        int[] shape = config.imageShape;
        byte[] pixels = new byte[count * shape[0] * shape[1] * shape[2]];
        new Random(config.get(Options.SEED)).nextBytes(pixels);
        int classes = config.numClasses == null || config.numClasses == 0 ? 1 : config.numClasses;
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % classes);
        }
        return new LabeledImages(count, shape[0], shape[1], shape[2], pixels, labels, null, "random batch");
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Resident set size of this process (Linux); 0 where /proc is not available. */
    public static long rssKb() {
        return memoryKb("VmRSS:");
    }

    /** A kB line of /proc/self/status (VmRSS: resident now, VmHWM: its peak); 0 where there is none. */
    private static long memoryKb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /**
     * CPU time of the whole process (every thread, libtorch's included), in nanoseconds: POSIX's
     * {@code CLOCK_PROCESS_CPUTIME_ID} through JNA, as the reference's {@code time.process_time()}.
     * The JDK's {@code getProcessCpuTime} counts whole clock ticks ({@code times(2)}: 10 ms on
     * Linux), 0.25 ms per iteration over a chunk of 40; it remains the fallback where libc has no
     * such clock.
     */
    private static long processCpuNanos() {
        long[] timespec = new long[2];
        if (ProcessClock.LIBC != null && ProcessClock.LIBC.clock_gettime(ProcessClock.CLOCK_PROCESS_CPUTIME_ID, timespec) == 0) {
            return timespec[0] * 1_000_000_000L + timespec[1];
        }
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** libc's clock_gettime, or null where it cannot be loaded. */
    private static final class ProcessClock {

        static final int CLOCK_PROCESS_CPUTIME_ID = 2;
        static final LibC LIBC = load();

        interface LibC extends Library {
            /** {@code timespec}: seconds, then nanoseconds (64-bit longs, as on 64-bit Linux). */
            int clock_gettime(int clock, long[] timespec);
        }

        private static LibC load() {
            try {
                return Platform.isLinux() && Platform.is64Bit() ? Native.load("c", LibC.class) : null;
            } catch (UnsatisfiedLinkError e) {
                return null;
            }
        }
    }
}
