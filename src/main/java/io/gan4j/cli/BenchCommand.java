package io.gan4j.cli;

import ai.djl.ndarray.NDManager;
import io.gan4j.Gan4jException;
import io.gan4j.Engines;
import io.gan4j.io.Json;
import io.gan4j.options.Options;
import io.gan4j.training.Benchmark;
import io.gan4j.training.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Locale;

@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time a model's training step (D update + G update) on a fixed random batch:"
                + " --warmup iterations, then the median of --chunks chunks of --chunk iterations.",
            "The reference models of bench/pytorch/MODELS.md: 'mlp' (= vanilla-tutorial, batch 100), 'acgan' (timed in"
                + " the reference form, --d-conditioning embed, unless told otherwise) and 'dcgan64' (= dcgan on 64x64"
                + " colour images: pytorch/examples dcgan's networks)."})
final class BenchCommand implements Runnable {

    @Parameters(index = "0", description = "A model of the zoo, or mlp, or dcgan64.")
    String model;

    @Option(names = "--batch-size", description = "Batch size (default: the model's).")
    Integer batchSize;

    @Option(names = "--d-conditioning", description = "acgan: embed (default here: the reference), projection or none.")
    String dConditioning;

    @Spec
    CommandSpec spec;

    @Option(names = "--warmup", defaultValue = "20", description = "Untimed iterations first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--chunks", defaultValue = "5", description = "Timed chunks (default: ${DEFAULT-VALUE}).")
    int chunks;

    @Option(names = "--chunk", defaultValue = "40", description = "Iterations per chunk (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--profile", paramLabel = "FILE",
            description = "Record the timed iterations' libtorch ops into FILE (a Chrome trace; bench/profile.py sums it by op; default: no trace).")
    Path profile;

    @Option(names = "--json", description = "Print JSON instead of a line.")
    boolean json;

    @Mixin
    EngineOptions engine;

    /** Adds train's declared options that bench takes too: {@code --precision}. */
    static void declare(CommandSpec bench) {
        TrainCommand.declare(bench, Options.PRECISION);
    }

    @Override
    public void run() {
        if (warmup < 0 || chunks < 1 || chunk < 1) {
            throw new Gan4jException("--warmup must be >= 0 and --chunks, --chunk positive");
        }
        engine.apply();
        TrainConfig config = Benchmark.configFor(model);
        if (batchSize != null) {
            config.set(Options.BATCH_SIZE, batchSize);
        }
        if (dConditioning != null) {
            config.set(Options.D_CONDITIONING, dConditioning);
        }
        String precision = spec.findOption(Options.PRECISION.flag()).getValue();
        if (precision != null) {
            config.set(Options.PRECISION, precision);
        }
        config.set(Options.THREADS, engine.threads(0)).set(Options.DEVICE, engine.deviceOrCpu());
        Benchmark.Result r;
        try (NDManager manager = Engines.newManager(config.get(Options.DEVICE))) {
            r = Benchmark.run(config, warmup, chunks, chunk, profile, manager);
        }
        if (json) {
            System.out.println(Json.GSON.toJson(r));
            return;
        }
        StringBuilder chunkText = new StringBuilder();
        for (double c : r.chunkMs()) {
            chunkText.append(chunkText.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", c));
        }
        System.out.printf(Locale.ROOT, "%s ms_per_iter=%.3f images_per_s=%.1f%n", model, r.msPerIter(), r.imagesPerSecond());
        System.out.printf(Locale.ROOT, "  [%s] batch=%d threads=%d chunks=%s cpu_ms_per_iter(median)=%.2f"
                        + " rss_mb(after warm-up/end of %d iterations)=%.1f/%.1f peak_rss_mb=%.1f params(G/D)=%d/%d java=%s djl=%s engine=%s precision=%s%n",
                model, r.batchSize(), r.threads(), chunkText, r.cpuMsPerIter(), r.iterations(), r.rssKbAfterWarmup() / 1024.0,
                r.rssKbAtEnd() / 1024.0, r.peakRssKb() / 1024.0, r.generatorParameters(), r.discriminatorParameters(), r.java(), r.djl(), r.engine(),
                config.get(Options.PRECISION));
    }
}
