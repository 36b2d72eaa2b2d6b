package io.gan4j.cli;

import ai.djl.ndarray.NDManager;
import io.gan4j.Gan4jException;
import io.gan4j.UsageException;
import io.gan4j.Engines;
import io.gan4j.data.Idx;
import io.gan4j.data.LabeledImages;
import io.gan4j.evaluation.DiscriminatorAccuracy;
import io.gan4j.models.Gan;
import io.gan4j.models.ImageClassifying;
import io.gan4j.models.Models;
import io.gan4j.training.Checkpoint;
import io.gan4j.training.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Label images with a semi-supervised GAN's discriminator (sgan checkpoints).")
final class ClassifyCommand implements Runnable {

    @Option(names = "--checkpoint", required = true, description = "An sgan run directory or one of its checkpoints.")
    Path checkpoint;

    @Option(names = "--images", required = true, description = "IDX images file (idx3-ubyte, optionally .gz).")
    Path images;

    @Option(names = "--out", required = true, description = "Predicted labels, written as an IDX labels file (idx1-ubyte).")
    Path out;

    @Option(names = "--labels-file", description = "The images' true labels, an IDX labels file: also print the accuracy"
            + " (default: none; formerly --labels).")
    Path labels;

    /** The former name of --labels-file, a file like train's --labelled count was not. */
    @Option(names = "--labels", hidden = true)
    Path deprecatedLabels;

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Override
    public void run() {
        if (deprecatedLabels != null) {
            spec.commandLine().getErr().println("gan4j: --labels is deprecated; use --labels-file");
            if (labels != null) {
                throw new UsageException("give --labels-file or its old name --labels, not both");
            }
            labels = deprecatedLabels;
        }
        engine.apply();
        Path dir = Checkpoint.resolve(checkpoint);
        TrainConfig config = Checkpoint.config(dir);
        LabeledImages data = labels != null ? Idx.read(images, labels) : Idx.readImages(images);
        try (NDManager manager = Engines.newManager(engine.deviceOrCpu())) {
            Gan gan = Models.create(config, manager);
            if (!(gan instanceof ImageClassifying classifier)) {
                throw new Gan4jException(dir + " holds a " + config.model + " model, which does not classify (sgan does)");
            }
            Checkpoint.loadForSampling(dir, gan, manager);
            int[] predicted = DiscriminatorAccuracy.predict(classifier, data, config.imageShape, manager);
            byte[] bytes = new byte[predicted.length];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) predicted[i];
            }
            Idx.writeLabels(out, bytes);
            System.out.print("wrote " + predicted.length + " predicted labels to " + out);
            System.out.println(labels == null ? ""
                    : String.format(Locale.ROOT, "; accuracy %.4f", DiscriminatorAccuracy.accuracy(predicted, data)));
        }
    }
}
