package io.gan4j.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.gan4j.Gan4jException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** loss.png: every loss of metrics.jsonl (D, G and their parts) against the step, a static record of a run. */
public final class LossPlot {

    /** Fields of a loss line that are not losses. */
    private static final Set<String> NOT_LOSSES = Set.of("step", "epoch", "time_s");

    private LossPlot() {}

    /** Plots {@code metrics} (metrics.jsonl) into {@code png}, atomically. */
    public static void write(Path metrics, Path png) {
        Map<String, List<double[]>> series = read(metrics);
        XYChart chart = new XYChartBuilder().width(900).height(500).title("losses: " + metrics.getParent().getFileName())
                .xAxisTitle("step").yAxisTitle("loss").build();
        chart.getStyler().setMarkerSize(0);
        series.forEach((name, points) -> {
            double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
            XYSeries s = chart.addSeries(name, x, y);
            s.setMarker(SeriesMarkers.NONE);
        });
        AtomicFiles.write(png, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        });
    }

    /** Loss name → (step, value) points, in file order; evaluation lines (no losses) and a torn last line are skipped. */
    static Map<String, List<double[]>> read(Path metrics) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        try {
            for (String line : JsonLines.complete(metrics)) {
                JsonObject o = Json.LINE.fromJson(line, JsonObject.class);
                if (!o.has("step")) {
                    continue;
                }
                double step = o.get("step").getAsDouble();
                for (Map.Entry<String, JsonElement> e : o.entrySet()) {
                    if (!NOT_LOSSES.contains(e.getKey()) && e.getValue().isJsonPrimitive() && e.getValue().getAsJsonPrimitive().isNumber()) {
                        series.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[] {step, e.getValue().getAsDouble()});
                    }
                }
            }
        } catch (IOException e) {
            throw new Gan4jException("cannot read " + metrics + ": " + AtomicFiles.reason(metrics, e), e);
        } catch (JsonParseException | IllegalStateException e) {
            throw new Gan4jException(metrics + ": invalid metrics line (" + e.getMessage() + ")", e);
        }
        if (series.isEmpty()) {
            throw new Gan4jException(metrics + ": no losses to plot");
        }
        return series;
    }
}
