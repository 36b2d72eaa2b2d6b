package io.gan4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.gan4j.Gan4jException;
import io.gan4j.models.Models;
import io.gan4j.options.Options;
import io.gan4j.training.StepEvent;
import io.gan4j.training.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

class GanTrainingTest {

    @Test
    void trainsAConditionalModelAndSamplesOneClassAsImagesAndArrays(@TempDir Path tmp) {
        List<Float> dLosses = new ArrayList<>();
        GanTraining.TrainingResult result = GanTraining.builder()
                .model("cgan")
                .set(Options.STEPS, 12L)
                .set(Options.BATCH_SIZE, 16)
                .set(Options.THREADS, 1)
                .data(TrainingData.digits())
                .output(tmp)
                .addListener(new TrainingListener() {
                    @Override
                    public void onStep(StepEvent event) {
                        dLosses.add(event.loss("d_loss"));
                    }
                })
                .build()
                .train();
        assertEquals(12, result.steps());
        assertEquals(12, dLosses.size());
        try (Generator g = result.generator(); NDManager manager = NDManager.newBaseManager()) {
            assertEquals("cgan", g.model());
            assertEquals(10, g.numClasses());
            List<Generator.Sample> sevens = g.sample(4, 7, 5L);
            assertEquals(4, sevens.size());
            assertTrue(sevens.stream().allMatch(s -> s.label() == 7 && s.image().getWidth() == 28 && s.image().getHeight() == 28));
            Generator.Arrays arrays = g.sampleArrays(manager, 4, 7, 5L);
            assertEquals(new ai.djl.ndarray.types.Shape(4, 1, 28, 28), arrays.images().getShape());
            assertArrayEquals(new long[] {7, 7, 7, 7}, arrays.labels().toLongArray());
            float[] v = arrays.images().toFloatArray();
            // The same seed gives the same samples in both forms: pixel (0, 0) of image 0.
            assertEquals(sevens.get(0).image().getRaster().getSample(0, 0, 0), Math.round(v[0] * 255), 1);
            for (float x : v) {
                assertTrue(x >= 0 && x <= 1, "in [0, 1]: " + x);
            }
            assertThrows(Gan4jException.class, () -> g.sample(2, 10, 1L));
        }
    }

    /** Squares of 8 grey levels, labelled by level: a caller's source. */
    private static final class Squares implements ImageSource {
        @Override
        public int size() {
            return 64;
        }

        @Override
        public BufferedImage image(int index) {
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(label(index) * 32, label(index) * 32, label(index) * 32));
            g.fillRect(4, 4, 20, 20);
            g.dispose();
            return image;
        }

        @Override
        public int label(int index) {
            return index % 8;
        }
    }

    @Test
    void readsACallersImageSourceIntoGrayscale() {
        var images = TrainingData.read(new Squares());
        assertEquals(64, images.count());
        assertEquals(8, images.numClasses());
        assertEquals(3, images.label(3));
        assertEquals(96, images.pixels()[3 * 28 * 28 + 10 * 28 + 10] & 0xFF);
        assertEquals(0, images.pixels()[3 * 28 * 28] & 0xFF);
    }

    @Test
    void trainsOnACallersSourceAndChoosesTheModelByClass(@TempDir Path tmp) {
        GanTraining training = GanTraining.builder()
                .model(Models.get("vanilla").type())
                .set(Options.STEPS, 3L)
                .set(Options.BATCH_SIZE, 8)
                .data(TrainingData.of(new Squares()))
                .output(tmp)
                .build();
        assertEquals("vanilla", training.config().model);
        assertEquals(3, training.train().steps());
        try (Generator g = Generator.load(tmp)) {
            assertEquals(0, g.numClasses());
            assertNotEquals(0, g.sample(2, 1L).size());
        }
    }

    @Test
    void aBuilderWithoutAModelOrOutputSaysWhatIsMissing() {
        assertTrue(assertThrows(Gan4jException.class, () -> GanTraining.builder().build()).getMessage().contains("model"));
        assertTrue(assertThrows(Gan4jException.class, () -> GanTraining.builder().model("dcgan").build())
                .getMessage().contains("output"));
        assertThrows(Gan4jException.class, () -> GanTraining.builder().model("no-such-model"));
    }
}
