package io.gan4j.cli;

import io.gan4j.Engines;
import picocli.CommandLine.Option;

/** Options every command that computes shares; applied before the engine loads. */
final class EngineOptions {

    @Option(names = "--threads", description = "Compute threads (default: the engine's choice).")
    Integer threads;

    @Option(names = "--device", description = "cpu or gpu[N] (a GPU needs a pytorch-native-cu* build).")
    String device;

    /** Must run before the engine loads. */
    void apply() {
        Engines.configure(threads == null ? 0 : threads);
    }

    String deviceOrCpu() {
        return device == null ? "cpu" : device;
    }
}
