package io.gan4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gan4j.Engines;
import io.gan4j.io.AnimatedGif;
import io.gan4j.io.ImageGrid;
import io.gan4j.models.Gan;
import io.gan4j.models.LearnedCodes;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Sample grids from one fixed batch of generator inputs, so successive grids show the same
 * latent points improving: at step 0, at epoch ends, every {@code sampleEvery} steps and at the
 * end, then progress.gif from all of them. What the inputs are and what a grid shows is the model's choice
 * ({@link Gan#gridInputs}, {@link Gan#gridImages}): conditional models get one row per class (InfoGAN:
 * per code value), translation models input | output | target triplets.
 */
public final class SampleGrids implements TrainingListener {

    private static final int GIF_DELAY_MS = 300;

    private final Gan gan;
    private final Path dir;
    private final Gan.GridInputs inputs;

    public SampleGrids(Gan gan, Path dir, long seed, NDManager manager) {
        this.gan = gan;
        this.dir = dir;
        Engines.seed(seed ^ 0x5A4D9L);
        this.inputs = gan.gridInputs(manager);
    }

    @Override
    public void onTrainingBegin(TrainingContext context) {
        if (context.startStep() == 0) {
            context.withSamplingWeights(() -> write(0));
        }
    }

    @Override
    public void onStep(StepEvent event) {
        if (event.context().gridDue(event)) {
            event.context().withSamplingWeights(() -> write(event.step()));
        }
    }

    @Override
    public void onTrainingEnd(TrainingContext context, TrainingEnd end) {
        if (end.reason() == TrainingEnd.Reason.COMPLETED || end.reason() == TrainingEnd.Reason.STOPPED) {
            writeGif(context.outputDir().resolve("progress.gif"));
        }
    }

    /** The fixed inputs' samples [N, C, H, W], in inference mode (the caller chooses the weights and frees them). */
    NDArray samples() {
        return gan.generate(inputs.noise(), inputs.labels(), false);
    }

    /**
     * Writes samples/step-NNNNNNN.png from the fixed inputs, in inference mode, and the model's
     * sweep grids (if any) as step-NNNNNNN-sweepK.png.
     */
    public void write(long step) {
        String name = String.format("step-%07d", step);
        ImageGrid.writePng(image(gan, gan.gridImages(inputs.noise(), inputs.labels()), inputs.columns()),
                dir.resolve(name + ".png"));
        List<NDArray> sweeps = gan instanceof LearnedCodes codes ? codes.sweepGrids(inputs.noise(), inputs.columns()) : List.of();
        for (int k = 0; k < sweeps.size(); k++) {
            ImageGrid.writePng(image(gan, gan.generate(sweeps.get(k), inputs.labels(), false), inputs.columns()),
                    dir.resolve(name + "-sweep" + (k + 1) + ".png"));
        }
    }

    /** A grid image of generated samples [N, C, H, W], enlarged so small samples stay visible. */
    public static BufferedImage image(Gan gan, NDArray samples, int columns) {
        Shape s = gan.sampleShape();
        int h = (int) s.get(1);
        int w = (int) s.get(2);
        float[] values = samples.toFloatArray();
        BufferedImage grid = ImageGrid.grid(values, (int) samples.getShape().get(0), (int) s.get(0), h, w, columns,
                gan.outputLow(), gan.outputHigh());
        return ImageGrid.scale(grid, Math.max(1, 64 / Math.max(h, w)));
    }

    /** progress.gif: every grid of the run, in step order. */
    public void writeGif(Path gif) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> frames = files.filter(p -> p.getFileName().toString().matches("step-\\d+\\.png")).sorted().toList();
            AnimatedGif.writeFromPngs(frames, gif, GIF_DELAY_MS);
        } catch (IOException e) {
            throw new io.gan4j.Gan4jException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
