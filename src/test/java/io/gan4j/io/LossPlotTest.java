package io.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.Gan4jException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class LossPlotTest {

    @Test
    void plotsEveryLossAndSkipsEvaluationLines(@TempDir Path run) throws IOException {
        Path metrics = run.resolve("metrics.jsonl");
        Files.writeString(metrics, "{\"step\":5,\"epoch\":1,\"d_loss\":0.7,\"d_real\":0.3,\"g_loss\":0.9,\"time_s\":1.5}\n"
                + "{\"step\":10,\"epoch\":1,\"d_loss\":0.6,\"d_real\":0.2,\"g_loss\":1.1,\"time_s\":3.0}\n"
                + "{\"step\":10,\"eval\":{\"fd\":12.5,\"score\":3.1}}\n");
        Map<String, List<double[]>> series = LossPlot.read(metrics);
        assertEquals(List.of("d_loss", "d_real", "g_loss"), List.copyOf(series.keySet()));
        assertEquals(1.1, series.get("g_loss").get(1)[1]);
        assertEquals(10.0, series.get("g_loss").get(1)[0]);

        LossPlot.write(metrics, run.resolve("loss.png"));
        BufferedImage png = ImageGrid.readPng(run.resolve("loss.png"));
        assertEquals(900, png.getWidth());
        assertEquals(500, png.getHeight());
        try (var files = Files.list(run)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "written atomically");
        }
    }

    @Test
    void metricsWithoutLossesFailClearly(@TempDir Path run) throws IOException {
        Path metrics = run.resolve("metrics.jsonl");
        Files.writeString(metrics, "{\"step\":10,\"eval\":{\"fd\":12.5}}\n");
        Gan4jException e = assertThrows(Gan4jException.class, () -> LossPlot.write(metrics, run.resolve("loss.png")));
        assertTrue(e.getMessage().contains("no losses to plot"), e.getMessage());
        assertFalse(Files.exists(run.resolve("loss.png")));
    }

    /** A kill -9 mid-append leaves half a line, with no newline: the plot is of the complete lines. */
    @Test
    void aTornLastLineIsSkipped(@TempDir Path run) throws IOException {
        Path metrics = run.resolve("metrics.jsonl");
        Files.writeString(metrics, "{\"step\":5,\"d_loss\":0.7,\"g_loss\":0.9}\n{\"step\":10,\"d_loss\":0.6,\"d_fake\":0.2539");
        Map<String, List<double[]>> series = LossPlot.read(metrics);
        assertEquals(List.of("d_loss", "g_loss"), List.copyOf(series.keySet()));
        assertEquals(1, series.get("d_loss").size());
    }
}
