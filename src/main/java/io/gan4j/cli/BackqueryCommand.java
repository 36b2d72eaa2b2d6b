package io.gan4j.cli;

import ai.djl.ndarray.NDManager;
import io.gan4j.Engines;
import io.gan4j.evaluation.Backquery;
import io.gan4j.evaluation.Classifier;
import io.gan4j.io.ImageGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "backquery", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a sigmoid MLP classifier (classifier train --kind mlp) backwards from a one-hot label to its"
                + " 'ideal' image (seed 002): one label, or a strip of every label.")
final class BackqueryCommand implements Runnable {

    /** Enlargement of the written images. */
    static final int SCALE = 4;

    @Option(names = "--classifier", required = true, description = "A classifier directory of kind mlp.")
    Path classifier;

    @Option(names = "--label", description = "One label; default: a 1xK strip of all labels.")
    Integer label;

    @Option(names = "--out", required = true, description = "Output PNG.")
    Path out;

    @Mixin
    EngineOptions engine;

    @Override
    public void run() {
        // One thread unless told: see ClassifierCommand.
        Engines.configure(engine.threads(1));
        try (NDManager manager = Engines.newManager("cpu")) {
            Classifier c = Classifier.load(classifier, manager);
            int from = label != null ? label : 0;
            int count = label != null ? 1 : c.classes();
            int size = c.rows() * c.cols();
            float[] values = new float[count * size];
            for (int i = 0; i < count; i++) {
                System.arraycopy(Backquery.image(c, from + i), 0, values, i * size, size);
            }
            ImageGrid.writePng(ImageGrid.scale(ImageGrid.grid(values, count, 1, c.rows(), c.cols(), count, 0f, 1f), SCALE), out);
        }
        System.out.println("wrote " + (label != null ? "the backquery image of label " + label : "the backquery strip")
                + " to " + out);
    }
}
