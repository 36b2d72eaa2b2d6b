package io.gan4j.cli;

import io.gan4j.Engines;
import io.gan4j.options.Options;
import picocli.CommandLine.Option;

/** Options every command that computes shares; applied before the engine loads. */
final class EngineOptions {

    @Option(names = "--threads", description = "Compute threads (unit: threads; default: 0, the engine's choice;"
            + " eval, classifier and backquery: 1).")
    Integer threads;

    @Option(names = "--device", description = "cpu or gpu[N] (a GPU needs a pytorch-native-cu* build; default: cpu).")
    String device;

    /** The thread count given, checked (0: the engine's choice), or {@code fallback}. */
    int threads(int fallback) {
        Options.THREADS.validate(null, threads);
        return threads == null ? fallback : threads;
    }

    /** Must run before the engine loads. */
    void apply() {
        Engines.configure(threads(0));
    }

    String deviceOrCpu() {
        return device == null ? "cpu" : device;
    }
}
