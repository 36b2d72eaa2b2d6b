package io.gan4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.Gan4jException;
import io.gan4j.models.Models;
import io.gan4j.options.Options;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Every convolutional model trains on a colour image folder (pix2pix: a folder of pairs) at 32 and 64 pixels, with DiffAugment, and resumes exactly. */
class ColourModelsTest {

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @TempDir
    static Path folder;

    @BeforeAll
    static void colourFolder() throws Exception {
        Random random = new Random(1);
        for (String cls : new String[] {"circles", "squares"}) {
            Files.createDirectories(folder.resolve(cls));
            for (int i = 0; i < 5; i++) {
                BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
                for (int y = 0; y < 64; y++) {
                    for (int x = 0; x < 64; x++) {
                        image.setRGB(x, y, random.nextInt());
                    }
                }
                ImageIO.write(image, "png", folder.resolve(cls).resolve(i + ".png").toFile());
            }
        }
        Files.createDirectories(folder.resolve("single/only"));
        Files.copy(folder.resolve("circles/0.png"), folder.resolve("single/only/0.png"));
    }

    private static TrainConfig config(String model, String arch, int size, long steps) {
        TrainConfig c = new TrainConfig();
        c.model = model;
        c.set(Options.DATA, folder.toString());
        c.set(Options.IMAGE_SIZE, size);
        c.set(Options.ARCH, arch);
        c.set(Options.SEED, 3L);
        c.set(Options.STEPS, steps);
        c.set(Options.BATCH_SIZE, 2);
        c.set(Options.HOLDOUT, 0f);
        c.set(Options.LABELLED, 4);
        c.set(Options.N_CRITIC, 1);
        c.set(Options.DIFFAUGMENT, "color,translation,cutout");
        return Models.resolve(c);
    }

    private static byte[] latest(Path run, String file) throws Exception {
        return Files.readAllBytes(run.resolve("checkpoints/latest").resolve(file));
    }

    @ParameterizedTest(name = "{0} {1} at {2}px")
    @CsvSource({"dcgan,,32", "dcgan,,64", "cgan,conv,32", "cgan,conv,64", "acgan,,32", "acgan,,64", "sgan,conv,32",
        "sgan,conv,64", "infogan,,32", "infogan,,64", "wgan-gp,conv,32", "wgan-gp,conv,64", "wgan-gp,resnet,32",
        "wgan-gp,resnet,64"})
    void trainsTwoStepsInColourAndResumesExactly(String model, String arch, int size, @TempDir Path tmp) throws Exception {
        TrainConfig two = config(model, arch, size, 2);
        Path straight = trainTwoStepsAndResume(two, config(model, arch, size, 1), tmp);
        assertArrayEquals(new int[] {3, size, size}, two.imageShape);
        String json = Files.readString(straight.resolve("config.json"));
        assertTrue(json.contains("\"circles\"") && json.contains("\"squares\""), "class names in config.json");
    }

    /** pix2pix on a folder of colour A|B pairs, at 32 and 64 pixels. */
    @ParameterizedTest(name = "pix2pix at {0}px")
    @CsvSource({"32", "64"})
    void pix2pixTrainsOnColourPairsAndResumesExactly(int size, @TempDir Path tmp) throws Exception {
        Path pairs = tmp.resolve("pairs");
        Files.createDirectories(pairs.resolve("train"));
        Files.createDirectories(pairs.resolve("val"));
        Random random = new Random(2);
        for (int i = 0; i < 6; i++) {
            BufferedImage pair = new BufferedImage(128, 64, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 128; x++) {
                    pair.setRGB(x, y, random.nextInt());
                }
            }
            ImageIO.write(pair, "png", pairs.resolve(i < 4 ? "train" : "val").resolve(i + ".png").toFile());
        }
        TrainConfig two = pix2pix(pairs, size, 2);
        trainTwoStepsAndResume(two, pix2pix(pairs, size, 1), tmp);
        assertArrayEquals(new int[] {3, size, size}, two.imageShape);
    }

    private static TrainConfig pix2pix(Path pairs, int size, long steps) {
        TrainConfig c = config("pix2pix", null, size, steps);
        c.set(Options.DATA, pairs.toString());
        c.set(Options.BASE_CHANNELS, 8);
        return Models.resolve(c);
    }

    /** Trains {@code two} straight and {@code one} then resumed to 2 steps; the weights must agree. */
    private static Path trainTwoStepsAndResume(TrainConfig two, TrainConfig one, Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        Path resumed = tmp.resolve("resumed");
        new Trainer(two, straight, QUIET).run(false);
        new Trainer(one, resumed, QUIET).run(false);
        TrainConfig more = Checkpoint.config(Checkpoint.resolve(resumed));
        more.set(Options.STEPS, 2L);
        assertEquals(2, new Trainer(more, resumed, QUIET).run(true));
        for (String file : new String[] {"generator.params", "discriminator.params"}) {
            assertArrayEquals(latest(straight, file), latest(resumed, file), file);
        }
        return straight;
    }

    @Test
    void aConditionalModelNeedsTwoClasses() {
        TrainConfig c = config("acgan", null, 32, 1);
        c.set(Options.DATA, folder.resolve("single").toString());
        Gan4jException e = assertThrows(Gan4jException.class, () -> new Trainer(c, folder.resolve("never"), QUIET).run(false));
        assertTrue(e.getMessage().contains("single class (only)"), e.getMessage());
    }
}
