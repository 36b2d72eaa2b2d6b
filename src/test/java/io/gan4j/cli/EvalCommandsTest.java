package io.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gan4j.data.Datasets;
import io.gan4j.data.FashionMnist;
import io.gan4j.data.LabeledImages;
import io.gan4j.data.Split;
import io.gan4j.evaluation.Classifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** classifier train, eval, backquery and train --eval-every, end to end on tiny runs. */
class EvalCommandsTest {

    @TempDir
    static Path shared;
    private static String savedHome;

    @RegisterExtension
    final Console console = new Console();

    /** A briefly trained classifier, also installed as the cached default of a scratch gan4j home. */
    @BeforeAll
    static void classifierAndUntrainedAcgan() throws Exception {
        savedHome = System.getProperty(FashionMnist.HOME_PROPERTY);
        System.setProperty(FashionMnist.HOME_PROPERTY, shared.resolve("home").toString());
        assertEquals(0, Main.execute("classifier", "train", "--steps", "40", "--out", shared.resolve("C").toString()));
        Path cached = Classifiers.defaultDir("mnist", null);
        Files.createDirectories(cached);
        for (String f : List.of("classifier.json", "classifier.params")) {
            Files.copy(shared.resolve("C").resolve(f), cached.resolve(f));
        }
        assertEquals(0, Main.execute("train", "acgan", "--steps", "1", "--batch-size", "8", "--out", shared.resolve("A").toString()));
    }

    @AfterAll
    static void restoreHome() {
        if (savedHome == null) {
            System.clearProperty(FashionMnist.HOME_PROPERTY);
        } else {
            System.setProperty(FashionMnist.HOME_PROPERTY, savedHome);
        }
    }

    @Test
    void classifierJsonRecordsAccuracyHashAndCommand() throws Exception {
        JsonObject info = JsonParser.parseString(Files.readString(shared.resolve("C/classifier.json"))).getAsJsonObject();
        assertEquals("cnn", info.get("kind").getAsString());
        assertEquals("mnist", info.get("dataset").getAsString());
        assertEquals(64, info.get("sha256").getAsString().length());
        double accuracy = info.get("testAccuracy").getAsDouble();
        assertTrue(accuracy > 0.5 && accuracy <= 1, "40 steps already classify: " + accuracy);
        assertTrue(info.get("command").getAsString().startsWith("gan4j classifier train"));
    }

    @Test
    void evalOfAnUntrainedAcganReportsEveryKeyAsJsonAndRealDataIsCloser() {
        assertEquals(0, Main.execute("eval", "--checkpoint", shared.resolve("A").toString(), "--classifier",
                shared.resolve("C").toString(), "--n", "200", "--seed", "3", "--json"), console.err());
        JsonObject r = JsonParser.parseString(console.out()).getAsJsonObject();
        for (String key : List.of("fd", "fd_logits", "score", "precision", "recall", "cond_acc", "cond_acc_per_class",
                "real_vs_real", "n", "seed", "classifier_sha256", "step")) {
            assertTrue(r.has(key), key + " in " + r);
        }
        assertEquals(200, r.get("n").getAsInt());
        assertEquals(3, r.get("seed").getAsInt());
        assertEquals(10, r.getAsJsonArray("cond_acc_per_class").size());
        JsonObject floor = r.getAsJsonObject("real_vs_real");
        for (String key : List.of("fd", "fd_logits", "score", "precision", "recall", "max_share", "class_shares")) {
            assertTrue(floor.has(key), key);
        }
        double sum = 0;
        double max = 0;
        for (var share : r.getAsJsonArray("class_shares")) {
            sum += share.getAsDouble();
            max = Math.max(max, share.getAsDouble());
        }
        assertEquals(1.0, sum, 1e-9, "class shares");
        assertEquals(max, r.get("max_share").getAsDouble(), 1e-12);
        assertTrue(floor.get("max_share").getAsDouble() < 0.2, "the real digits are spread: " + floor);
        double fd = r.get("fd").getAsDouble();
        double realFd = floor.get("fd").getAsDouble();
        assertTrue(realFd * 10 < fd, "real vs real " + realFd + " vs untrained generator " + fd);
        assertTrue(floor.get("fd_logits").getAsDouble() < r.get("fd_logits").getAsDouble());
        double score = r.get("score").getAsDouble();
        assertTrue(score >= 1 && score <= 10, "score " + score);
    }

    /** Several runs: each one's report, then every number's mean and sample standard deviation over them. */
    @Test
    void evalOfSeveralRunsPrintsEachAndTheirMeanAndStd() throws Exception {
        Path second = shared.resolve("A2");
        assertEquals(0, Main.execute("train", "acgan", "--steps", "1", "--batch-size", "8", "--seed", "2", "--out",
                second.toString()), console.err());
        assertEquals(0, Main.execute("eval", "--checkpoint", shared.resolve("A").toString(), second.toString(),
                "--n", "100", "--json"), console.err());
        String out = console.out(); // after the training's lines
        com.google.gson.JsonStreamParser parser = new com.google.gson.JsonStreamParser(out.substring(out.indexOf('{')));
        JsonObject first = parser.next().getAsJsonObject();
        JsonObject other = parser.next().getAsJsonObject();
        JsonObject summary = parser.next().getAsJsonObject();
        assertFalse(parser.hasNext());
        for (String key : List.of("fd", "max_share", "classes_covered", "cond_acc")) {
            double a = first.get(key).getAsDouble();
            double b = other.get(key).getAsDouble();
            var row = summary.getAsJsonArray(key);
            assertEquals((a + b) / 2, row.get(0).getAsDouble(), 1e-9, key);
            assertEquals(Math.abs(a - b) / Math.sqrt(2), row.get(1).getAsDouble(), 1e-9, key);
            assertEquals(a, row.get(2).getAsDouble(), 0, key);
        }
        assertTrue(first.get("fd").getAsDouble() != other.get("fd").getAsDouble(), "two different runs");
        long covered = 0;
        for (var share : first.getAsJsonArray("class_shares")) {
            covered += share.getAsDouble() >= 0.01 ? 1 : 0;
        }
        assertEquals(covered, first.get("classes_covered").getAsLong());
        assertFalse(summary.has("step"));
    }

    @Test
    void evalPrintsATableByDefault() {
        assertEquals(0, Main.execute("eval", "--checkpoint", shared.resolve("A").toString(), "--n", "50"), console.err());
        String text = console.out();
        assertTrue(text.contains("fd_logits") && text.contains("cond_acc") && text.contains("real vs real"), text);
    }

    @Test
    void clearErrors(@TempDir Path tmp) {
        console.assertOneLineError(1, "no classifier at", "eval", "--checkpoint", shared.resolve("A").toString(),
                "--classifier", tmp.resolve("missing").toString());
        assertEquals(0, Main.execute("train", "pattern", "--steps", "1", "--out", tmp.resolve("P").toString()));
        console.assertOneLineError(1, "does not generate images", "eval", "--checkpoint", tmp.resolve("P").toString());
        console.assertOneLineError(1, "sigmoid MLP", "backquery", "--classifier", shared.resolve("C").toString(),
                "--out", tmp.resolve("b.png").toString());
        console.assertOneLineError(1, "--n must be at least", "eval", "--checkpoint", shared.resolve("A").toString(), "--n", "1");
    }

    /**
     * eval --images scores another tool's samples: real test digits written as PNG files score
     * near the real-vs-real floor, noise far above it; the folder is decoded at the classifier's size.
     */
    @Test
    void evalOfAnImageFolderScoresRealDigitsNearTheFloorAndNoiseFarAbove(@TempDir Path tmp) throws Exception {
        LabeledImages test = Datasets.load("mnist", Split.TEST);
        java.util.Random random = new java.util.Random(1);
        Path real = Files.createDirectories(tmp.resolve("real"));
        Path noise = Files.createDirectories(tmp.resolve("noise"));
        for (int i = 0; i < 200; i++) {
            BufferedImage digit = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            BufferedImage static_ = new BufferedImage(56, 56, BufferedImage.TYPE_BYTE_GRAY); // decoded at 28: a resize too
            for (int p = 0; p < 28 * 28; p++) {
                digit.getRaster().setSample(p % 28, p / 28, 0, test.pixels()[i * 28 * 28 + p] & 0xff);
            }
            for (int p = 0; p < 56 * 56; p++) {
                static_.getRaster().setSample(p % 56, p / 56, 0, random.nextInt(256));
            }
            ImageIO.write(digit, "png", real.resolve(i + ".png").toFile());
            ImageIO.write(static_, "png", noise.resolve(i + ".png").toFile());
        }
        JsonObject[] reports = new JsonObject[2];
        for (int k = 0; k < 2; k++) {
            assertEquals(0, Main.execute("eval", "--images", (k == 0 ? real : noise).toString(), "--data", "mnist",
                    "--classifier", shared.resolve("C").toString(), "--json"), console.err());
            String out = console.out();
            reports[k] = JsonParser.parseString(out.substring(out.lastIndexOf('{', out.lastIndexOf("\"images\"")))).getAsJsonObject();
            assertEquals(200, reports[k].get("n").getAsInt());
        }
        double floor = reports[0].getAsJsonObject("real_vs_real").get("fd").getAsDouble();
        double realFd = reports[0].get("fd").getAsDouble();
        double noiseFd = reports[1].get("fd").getAsDouble();
        assertTrue(realFd < 3 * floor + 1, "real digits " + realFd + " vs the floor " + floor);
        assertTrue(noiseFd > 10 * realFd, "noise " + noiseFd + " vs real digits " + realFd);
        assertTrue(reports[0].get("recall").getAsDouble() > reports[1].get("recall").getAsDouble());
        assertFalse(reports[0].has("cond_acc"), "images without labels");
        console.assertOneLineError(2, "--images needs --data", "eval", "--images", real.toString());
        console.assertOneLineError(2, "give --checkpoint, or --images", "eval");
    }

    @Test
    void backqueryWritesAStripOfTenDifferentDigits(@TempDir Path tmp) throws Exception {
        Path mlp = tmp.resolve("M");
        assertEquals(0, Main.execute("classifier", "train", "--kind", "mlp", "--steps", "30", "--out", mlp.toString()), console.err());
        Path png = tmp.resolve("strip.png");
        assertEquals(0, Main.execute("backquery", "--classifier", mlp.toString(), "--out", png.toString()), console.err());
        BufferedImage strip = ImageIO.read(png.toFile());
        int scale = BackqueryCommand.SCALE;
        assertEquals((10 * 30 + 2) * scale, strip.getWidth());
        assertEquals(32 * scale, strip.getHeight());
        int[][] tiles = new int[10][];
        for (int k = 0; k < 10; k++) {
            tiles[k] = strip.getRaster().getPixels((2 + 30 * k) * scale, 2 * scale, 28 * scale, 28 * scale, (int[]) null);
        }
        for (int k = 1; k < 10; k++) {
            assertTrue(!java.util.Arrays.equals(tiles[0], tiles[k]), "label " + k + " differs from 0");
        }
        Path one = tmp.resolve("seven.png");
        assertEquals(0, Main.execute("backquery", "--classifier", mlp.toString(), "--label", "7", "--out", one.toString()));
        assertEquals(32 * scale, ImageIO.read(one.toFile()).getWidth());
    }

    @Test
    void trainingAppendsEvalLinesEveryNSteps(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("E");
        assertEquals(0, Main.execute("train", "acgan", "--steps", "2", "--batch-size", "8", "--eval-every", "2",
                "--out", run.toString()), console.err());
        List<JsonObject> evals = Files.readAllLines(run.resolve("metrics.jsonl")).stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject()).filter(o -> o.has("eval")).toList();
        assertEquals(1, evals.size(), evals.toString());
        assertEquals(2, evals.get(0).get("step").getAsInt());
        assertTrue(evals.get(0).getAsJsonObject("eval").has("fd"));
    }
}
