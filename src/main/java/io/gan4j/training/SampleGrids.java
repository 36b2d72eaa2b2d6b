package io.gan4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gan4j.Runtime;
import io.gan4j.io.AnimatedGif;
import io.gan4j.io.ImageGrid;
import io.gan4j.models.Gan;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Sample grids from one fixed batch of generator inputs, so successive grids show the same
 * latent points improving. Conditional models get one row per class (InfoGAN: per code value).
 */
public final class SampleGrids {

    private static final int GIF_DELAY_MS = 300;

    private final Gan gan;
    private final Path dir;
    private final NDArray noise;
    private final NDArray labels;
    private final int columns;

    public SampleGrids(Gan gan, Path dir, long seed, NDManager manager) {
        this.gan = gan;
        this.dir = dir;
        int classes = gan.numClasses();
        this.columns = classes > 0 ? 10 : 8;
        int n = classes > 0 ? classes * columns : columns * columns;
        Runtime.seed(seed ^ 0x5A4D9L);
        this.noise = gan.noise(manager, n);
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = classes > 0 ? i / columns : 0;
        }
        this.labels = manager.create(y);
    }

    /**
     * Writes samples/step-NNNNNNN.png from the fixed inputs, in inference mode, and the model's
     * sweep grids (if any) as step-NNNNNNN-sweepK.png.
     */
    public void write(long step) {
        String name = String.format("step-%07d", step);
        ImageGrid.writePng(image(gan, gan.generate(noise, labels, false), columns), dir.resolve(name + ".png"));
        List<NDArray> sweeps = gan.sweepGrids(noise, columns);
        for (int k = 0; k < sweeps.size(); k++) {
            ImageGrid.writePng(image(gan, gan.generate(sweeps.get(k), labels, false), columns),
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
