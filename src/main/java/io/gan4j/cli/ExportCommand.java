package io.gan4j.cli;

import ai.djl.ndarray.NDManager;
import io.gan4j.Engines;
import io.gan4j.io.Safetensors;
import io.gan4j.models.Gan;
import io.gan4j.models.Models;
import io.gan4j.models.TorchStateDict;
import io.gan4j.training.Checkpoint;
import io.gan4j.training.Network;
import io.gan4j.training.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a network of a checkpoint as safetensors under PyTorch's state_dict names for the"
            + " reference models (acgan, vanilla), so that torch's load_state_dict takes it.")
final class ExportCommand implements Runnable {

    enum Format { safetensors }

    enum Net { generator, discriminator }

    @Option(names = "--checkpoint", required = true, description = "A run directory or one of its checkpoints.")
    Path checkpoint;

    @Option(names = "--format", defaultValue = "safetensors", description = "safetensors (default).")
    Format format;

    @Option(names = "--net", defaultValue = "generator",
            description = "generator (default; its weight average when the run kept one, as 'sample' uses) or discriminator.")
    Net net;

    @Option(names = "--out", required = true, description = "Output file, e.g. G.safetensors.")
    Path out;

    @Mixin
    EngineOptions engine;

    @Override
    public void run() {
        engine.apply();
        Path dir = Checkpoint.resolve(checkpoint);
        TrainConfig config = Checkpoint.config(dir);
        try (NDManager manager = Engines.newManager("cpu")) {
            Gan gan = Models.create(config, manager);
            Network network = net == Net.generator ? gan.generator() : gan.discriminator();
            TorchStateDict.names(config, network); // refuses an unmapped model before any loading
            long step = Checkpoint.loadForSampling(dir, gan, manager);
            Safetensors.write(out, TorchStateDict.export(config, network, step), Map.of("format", "pt",
                    "gan4j_model", config.model, "gan4j_network", net.name(), "gan4j_step", Long.toString(step)));
            System.out.println("wrote the " + config.model + " " + net + " at step " + step + " to " + out);
        }
    }
}
