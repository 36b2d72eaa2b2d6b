package io.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.data.Datasets;
import io.gan4j.data.Idx;
import io.gan4j.data.LabeledImages;
import io.gan4j.data.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** pix2pix end to end on tiny networks: a folder in pix2pix format, and a built-in task on the embedded digits. */
class Pix2PixCliTest {

    @RegisterExtension
    final Console console = new Console();

    /** An RGB pair: A a colour gradient with a bar at {@code shift}, B its negative; 2w × w. */
    private static BufferedImage pair(int w, int shift) {
        BufferedImage image = new BufferedImage(2 * w, w, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < w; x++) {
                int r = x * 255 / w;
                int g = (x + shift) % w < 3 ? 255 : 0;
                int b = y * 255 / w;
                int a = r << 16 | g << 8 | b;
                image.setRGB(x, y, a);
                image.setRGB(w + x, y, ~a & 0xffffff);
            }
        }
        return image;
    }

    /** A pix2pix folder of 4 training and 2 validation pairs. */
    private static Path folder(Path tmp) throws Exception {
        Path data = tmp.resolve("facades");
        for (String split : new String[] {"train", "val"}) {
            Files.createDirectories(data.resolve(split));
            for (int i = 0; i < (split.equals("train") ? 4 : 2); i++) {
                ImageIO.write(pair(20, 5 * i + split.length()), "png", data.resolve(split).resolve(i + ".png").toFile());
            }
        }
        return data;
    }

    private int train(Path data, Path run, String steps) {
        return Main.execute("train", "pix2pix", "--data", data.toString(), "--image-size", "32", "--base-channels", "4",
                "--d-layers", "2", "--batch-size", "2", "--steps", steps, "--threads", "1", "--out", run.toString());
    }

    @Test
    void resumesExactlyThroughTheRandomJitter(@TempDir Path tmp) throws Exception {
        Path data = folder(tmp);
        assertEquals(0, train(data, tmp.resolve("straight"), "4"), console.err());
        assertEquals(0, train(data, tmp.resolve("resumed"), "2"), console.err());
        assertEquals(0, Main.execute("train", "--resume", tmp.resolve("resumed").toString(), "--steps", "4"), console.err());
        for (String file : new String[] {"generator.params", "discriminator.params"}) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("straight/checkpoints/latest").resolve(file)),
                    Files.readAllBytes(tmp.resolve("resumed/checkpoints/latest").resolve(file)), file);
        }
    }

    @Test
    void trainsOnAPix2PixFolderAndTranslates(@TempDir Path tmp) throws Exception {
        Path data = folder(tmp);
        Path run = tmp.resolve("run");
        assertEquals(0, train(data, run, "3"), console.err());
        String config = Files.readString(run.resolve("config.json"));
        assertTrue(config.contains("\"task\": \"folder\"") && config.contains("\"imageShape\": [\n    3,\n    32,\n    32"), config);
        BufferedImage grid = ImageIO.read(run.resolve("samples/step-0000003.png").toFile());
        assertTrue(grid.getWidth() > 2 * grid.getHeight(), "a row of input | output | target triplets");

        Path a = tmp.resolve("a.png");
        ImageIO.write(pair(20, 7).getSubimage(0, 0, 20, 20), "png", a.toFile());
        Path out = tmp.resolve("b.png");
        assertEquals(0, Main.execute("translate", "--checkpoint", run.toString(), "--input", a.toString(), "--out", out.toString()),
                console.err());
        BufferedImage b = ImageIO.read(out.toFile());
        assertEquals(32, b.getWidth());
        assertEquals(32, b.getHeight());
        assertEquals(3, b.getColorModel().getNumColorComponents(), "an RGB model gives RGB");

        console.reset();
        assertEquals(0, Main.execute("eval", "--checkpoint", run.toString()), console.err());
        assertTrue(console.out().contains("ssim") && console.out().contains("input (identity)"), console.out());
    }

    @Test
    void builtInTaskSamplesTestTranslationsWithTheSourceLabels(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, Main.execute("train", "pix2pix", "--task", "masked2digits", "--base-channels", "2", "--d-layers", "1",
                "--batch-size", "8", "--steps", "2", "--threads", "1", "--out", run.toString()), console.err());
        Path samples = tmp.resolve("s");
        assertEquals(0, Main.execute("sample", "--checkpoint", run.toString(), "--n", "10", "--format", "idx",
                "--out", samples.toString()), console.err());
        LabeledImages test = Datasets.load("mnist", Split.TEST);
        LabeledImages written = Idx.read(samples.resolve("images-idx3-ubyte"), samples.resolve("labels-idx1-ubyte"));
        assertEquals(10, written.count());
        assertEquals(28, written.rows());
        assertArrayEquals(Arrays.copyOf(test.labels(), 10), written.labels());

        Path pairs = tmp.resolve("pairs");
        assertEquals(0, Main.execute("pairs", "--task", "masked2digits", "--out", pairs.toString()), console.err());
        Path translated = tmp.resolve("t");
        assertEquals(0, Main.execute("translate", "--checkpoint", run.toString(), "--input", pairs.toString(),
                "--out", translated.toString()), console.err());
        LabeledImages all = Idx.read(translated.resolve("images-idx3-ubyte"), translated.resolve("labels-idx1-ubyte"));
        assertEquals(test.count(), all.count());
        assertArrayEquals(test.labels(), all.labels());
        assertArrayEquals(Arrays.copyOf(written.pixels(), 10 * 784), Arrays.copyOf(all.pixels(), 10 * 784),
                "sample and translate agree on the same inputs");
    }

    @Test
    void badPix2PixInputFailsWithOneLine(@TempDir Path tmp) {
        console.assertOneLineError(2, "--task must be edges2digits | masked2digits | folder, not 'colorize'", "train", "pix2pix", "--task", "colorize", "--out", tmp.resolve("x").toString());
        console.assertOneLineError(2, "--direction must be", "train", "pix2pix", "--direction", "up", "--out", tmp.resolve("y").toString());
        console.assertOneLineError(1, "U-Net takes", "train", "pix2pix", "--image-size", "40", "--out", tmp.resolve("z").toString());
        assertTrue(!Files.exists(tmp.resolve("x")) && !Files.exists(tmp.resolve("z")), "nothing half-written");
    }
}
