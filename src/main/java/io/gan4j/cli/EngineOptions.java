package io.gan4j.cli;

import io.gan4j.Runtime;
import picocli.CommandLine.Option;

/** Options every command that computes shares; applied before the engine loads. */
final class EngineOptions {

    @Option(names = "--threads", description = "Compute threads (default: the engine's choice).")
    Integer threads;

    @Option(names = "--device", description = "cpu, gpu or gpuN (default: cpu; a GPU needs the CUDA build, docs/gpu.md).")
    String device;

    // new option (issue 23); a setter, so that every command's engine set-up sees it
    @Option(names = "--verbose", description = "Also show libtorch's own log lines (warnings; default: hidden).")
    void verbose(boolean show) {
        Runtime.showNativeLogs(show);
    }

    /** Must run before the engine loads. */
    void apply() {
        Runtime.configure(threads == null ? 0 : threads);
    }

    String deviceOrCpu() {
        return device == null ? "cpu" : device;
    }
}
