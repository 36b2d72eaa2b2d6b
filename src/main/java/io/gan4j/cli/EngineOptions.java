package io.gan4j.cli;

import io.gan4j.Engines;
import io.gan4j.options.Options;
import picocli.CommandLine.Option;

/** Options every command that computes shares; applied before the engine loads. */
final class EngineOptions {

    @Option(names = "--threads", description = "Compute threads (unit: threads; default: 0, the engine's choice;"
            + " eval, classifier and backquery: 1).")
    Integer threads;

    /** The thread count given, checked (0: the engine's choice), or {@code fallback}. */
    int threads(int fallback) {
        Options.THREADS.validate(null, threads);
        return threads == null ? fallback : threads;
    }

    @Option(names = "--device", description = "cpu, gpu or gpuN (default: cpu; a GPU needs the CUDA build, docs/gpu.md).")
    String device;

    // new option (issue 23); a setter, so that every command's engine set-up sees it
    @Option(names = "--verbose", description = "Also show libtorch's own log lines (warnings; default: hidden).")
    void verbose(boolean show) {
        Engines.showNativeLogs(show);
    }

    /** Must run before the engine loads. */
    void apply() {
        Engines.configure(threads(0));
    }

    String deviceOrCpu() {
        return device == null ? "cpu" : device;
    }
}
