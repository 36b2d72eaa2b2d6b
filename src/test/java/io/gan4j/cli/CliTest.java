package io.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** The command line as a user meets it: exit codes, one-line errors, the files it writes. */
class CliTest {

    @RegisterExtension
    final Console console = new Console();

    /** --version names the pom's version (Maven writes it into a resource), not a number of its own. */
    @Test
    void versionIsThePoms() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<artifactId>gan4j</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "the pom's own version");
        assertEquals(0, Main.execute("--version"));
        assertEquals("gan4j " + m.group(1), console.out().strip());
    }

    @Test
    void listsModels() {
        assertEquals(0, Main.execute("models"));
        String text = console.out();
        assertTrue(text.contains("pattern") && text.contains("vanilla"), text);
    }

    @Test
    void badInputFailsWithOneClearLine(@TempDir Path tmp) {
        console.assertOneLineError(2, "unknown model 'nope'", "train", "nope", "--out", tmp.resolve("x").toString());
        console.assertOneLineError(1, "no checkpoint at", "sample", "--checkpoint", tmp.resolve("missing").toString(),
                "--format", "png", "--out", tmp.resolve("x.png").toString());
        console.assertOneLineError(2, "--bogus", "train", "vanilla", "--bogus");
        console.assertOneLineError(2, "--batch-size must be positive", "train", "vanilla", "--batch-size", "0",
                "--out", tmp.resolve("y").toString());
        console.assertOneLineError(1, "unknown data set", "train", "vanilla", "--data", tmp.resolve("nowhere").toString(),
                "--out", tmp.resolve("z").toString());
        assertTrue(!Files.exists(tmp.resolve("x")) && !Files.exists(tmp.resolve("y")), "nothing half-written");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("models", "train", "sample", "classify", "bench")) {
            console.reset();
            assertEquals(0, Main.execute(command, "--help"));
            assertTrue(console.out().startsWith("Usage: gan4j " + command), command);
        }
    }

    @Test
    void trainsOneEpochThenSamplesAPngGrid(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("D");
        assertEquals(0, Main.execute("train", "vanilla", "--epochs", "1", "--seed", "1", "--out", run.toString()), console.err());
        Path png = tmp.resolve("x.png");
        assertEquals(0, Main.execute("sample", "--checkpoint", run.toString(), "--n", "64", "--format", "png",
                "--out", png.toString()), console.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a valid PNG");
        assertTrue(image.getWidth() >= 8 * 28 && image.getHeight() >= 8 * 28, image.getWidth() + "x" + image.getHeight());

        Path idx = tmp.resolve("idx");
        assertEquals(0, Main.execute("sample", "--checkpoint", run.toString(), "--n", "10", "--format", "idx",
                "--out", idx.toString()), console.err());
        assertEquals(16 + 10 * 28 * 28, Files.size(idx.resolve("images-idx3-ubyte")));
        console.assertOneLineError(1, "not conditional", "sample", "--checkpoint", run.toString(), "--label", "3",
                "--format", "png", "--out", tmp.resolve("y.png").toString());
        console.assertOneLineError(1, "already holds a run", "train", "vanilla", "--epochs", "1", "--out", run.toString());
    }

    @Test
    void conditionalSamplesCoverEveryClassEquallyAndObeyLabel(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("A");
        assertEquals(0, Main.execute("train", "acgan", "--steps", "2", "--batch-size", "8", "--out", run.toString()), console.err());
        Path idx = tmp.resolve("idx");
        assertEquals(0, Main.execute("sample", "--checkpoint", run.toString(), "--n", "30", "--format", "idx",
                "--out", idx.toString()), console.err());
        byte[] labels = Files.readAllBytes(idx.resolve("labels-idx1-ubyte"));
        int[] counts = new int[10];
        for (int i = 8; i < labels.length; i++) {
            counts[labels[i]]++;
        }
        assertEquals("[3, 3, 3, 3, 3, 3, 3, 3, 3, 3]", java.util.Arrays.toString(counts));
        assertEquals(0, labels[8]);
        assertEquals(9, labels[labels.length - 1], "class by class");
        Path grid = tmp.resolve("grid.png");
        assertEquals(0, Main.execute("sample", "--checkpoint", run.toString(), "--n", "20", "--format", "png",
                "--out", grid.toString()), console.err());
        BufferedImage image = ImageIO.read(grid.toFile());
        assertTrue(image.getHeight() > 4 * image.getWidth(), "a row of two per class: " + image.getWidth() + "x" + image.getHeight());
        Path seven = tmp.resolve("seven");
        assertEquals(0, Main.execute("sample", "--checkpoint", run.toString(), "--n", "4", "--label", "7",
                "--format", "idx", "--out", seven.toString()), console.err());
        byte[] sevens = Files.readAllBytes(seven.resolve("labels-idx1-ubyte"));
        assertEquals("[7, 7, 7, 7]", java.util.Arrays.toString(java.util.Arrays.copyOfRange(sevens, 8, 12)));
        console.assertOneLineError(1, "--label must be in 0..9", "sample", "--checkpoint", run.toString(), "--label", "10",
                "--format", "png", "--out", tmp.resolve("z.png").toString());
    }

    @Test
    void sganDiscriminatorClassifiesAnIdxFile(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("S");
        assertEquals(0, Main.execute("train", "sgan", "--steps", "2", "--batch-size", "8", "--labelled", "20",
                "--out", run.toString()), console.err());
        Path idx = tmp.resolve("idx");
        assertEquals(0, Main.execute("sample", "--checkpoint", run.toString(), "--n", "12", "--format", "idx",
                "--out", idx.toString()), console.err());
        Path truth = tmp.resolve("truth");
        io.gan4j.data.Idx.writeLabels(truth, new byte[12]);
        Path predicted = tmp.resolve("pred");
        assertEquals(0, Main.execute("classify", "--checkpoint", run.toString(), "--images", idx.resolve("images-idx3-ubyte").toString(),
                "--labels-file", truth.toString(), "--out", predicted.toString()), console.err());
        assertEquals(8 + 12, Files.size(predicted));
        assertTrue(console.out().contains("accuracy"), console.out());
        Path baseline = tmp.resolve("B");
        assertEquals(0, Main.execute("train", "sgan", "--supervised-only", "--steps", "2", "--batch-size", "8", "--labelled", "20",
                "--out", baseline.toString()), console.err());
        assertEquals(0, Main.execute("train", "--resume", baseline.toString(), "--steps", "3"), console.err());
        console.assertOneLineError(1, "--labelled must be between 10", "train", "sgan", "--labelled", "9000",
                "--out", tmp.resolve("S2").toString());
        Path acgan = tmp.resolve("A");
        assertEquals(0, Main.execute("train", "acgan", "--steps", "1", "--batch-size", "8", "--out", acgan.toString()), console.err());
        console.assertOneLineError(1, "does not classify", "classify", "--checkpoint", acgan.toString(),
                "--images", idx.resolve("images-idx3-ubyte").toString(), "--out", tmp.resolve("p2").toString());
    }

    /**
     * The benchmark works for the reference models (speed itself is measured by bench/compare.sh,
     * not here), with the parameter counts of MODELS.md's networks (dcgan64: pytorch/examples
     * dcgan's; at batch 4 to stay fast).
     */
    @Test
    void benchTimesTheReferenceModels() {
        for (String model : List.of("mlp", "acgan")) {
            console.reset();
            assertEquals(0, Main.execute("bench", model, "--warmup", "1", "--chunks", "1", "--chunk", "1"), console.err());
            assertTrue(console.out().startsWith(model + " ms_per_iter="), console.out());
        }
        console.reset();
        assertEquals(0, Main.execute("bench", "dcgan64", "--batch-size", "4", "--warmup", "0", "--chunks", "1", "--chunk", "1"),
                console.err());
        assertTrue(console.out().contains("batch=4 ") && console.out().contains(" params(G/D)=3576704/2765568 "), console.out());
        console.assertOneLineError(2, "unknown model 'nope'", "bench", "nope");
    }

    /** --profile writes libtorch's trace of the timed iterations: a Chrome trace (JSON list) naming the step's ops. */
    @Test
    void benchProfileWritesATraceOfTheTimedOps(@TempDir Path tmp) throws Exception {
        Path trace = tmp.resolve("mlp.json");
        assertEquals(0, Main.execute("bench", "mlp", "--warmup", "1", "--chunks", "1", "--chunk", "1", "--profile", trace.toString()),
                console.err());
        String json = Files.readString(trace).strip();
        assertTrue(json.startsWith("[") && json.endsWith("]"), json.substring(0, Math.min(200, json.length())));
        for (String op : List.of("\"aten::addmm\"", "\"adam_step\"", "\"keep_masks\"")) {
            assertTrue(json.contains(op), op + " in the trace");
        }
    }

    /** InfoGAN's categorical code plays the label: N/K samples per code value, --label fixes it; grids sweep the codes. */
    @Test
    void infoganSamplesPerCodeValueAndLabelFixesTheCode(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("I");
        assertEquals(0, Main.execute("train", "infogan", "--steps", "2", "--batch-size", "8", "--out", run.toString()), console.err());
        for (String grid : List.of("step-0000002.png", "step-0000002-sweep1.png", "step-0000002-sweep2.png")) {
            assertTrue(Files.isRegularFile(run.resolve("samples").resolve(grid)), grid);
        }
        Path idx = tmp.resolve("idx");
        assertEquals(0, Main.execute("sample", "--checkpoint", run.toString(), "--n", "20", "--format", "idx",
                "--out", idx.toString()), console.err());
        byte[] codes = Files.readAllBytes(idx.resolve("labels-idx1-ubyte"));
        int[] counts = new int[10];
        for (int i = 8; i < codes.length; i++) {
            counts[codes[i]]++;
        }
        assertEquals("[2, 2, 2, 2, 2, 2, 2, 2, 2, 2]", java.util.Arrays.toString(counts));
        byte[][] images = new byte[2][];
        for (int k = 0; k < 2; k++) {
            Path fixed = tmp.resolve("code" + k);
            assertEquals(0, Main.execute("sample", "--checkpoint", run.toString(), "--n", "3", "--label", String.valueOf(3 + k),
                    "--format", "idx", "--out", fixed.toString()), console.err());
            byte[] labels = Files.readAllBytes(fixed.resolve("labels-idx1-ubyte"));
            assertEquals(3 + k, labels[8] + labels[9] + labels[10] - 2 * (3 + k), "every code " + (3 + k));
            assertTrue(labels[8] == labels[9] && labels[9] == labels[10]);
            images[k] = Files.readAllBytes(fixed.resolve("images-idx3-ubyte"));
        }
        assertTrue(!java.util.Arrays.equals(images[0], images[1]), "same noise, code 3 vs 4: different samples");
    }

    /**
     * Issues 2 and 24: the pattern GAN's defaults (the book's SGD recipe, 10,000 steps) end with
     * G's output on 1010 (its final checkpoint, not an average of snapshots) and D's MSE loss
     * near 0.25, the loss of a D that cannot tell real from fake. The pattern GAN's quality
     * regression test (the other models': {@link QualityTest}).
     */
    @Test
    @Tag("quality")
    void patternGanLearns1010ByTheBook(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("P");
        assertEquals(0, Main.execute("train", "pattern", "--seed", "1", "--out", run.toString()), console.err());
        Path csv = tmp.resolve("p.csv");
        assertEquals(0, Main.execute("sample", "--checkpoint", run.toString(), "--n", "100", "--format", "csv",
                "--out", csv.toString()), console.err());
        double[] mean = new double[4];
        List<String> lines = Files.readAllLines(csv);
        assertEquals(100, lines.size());
        for (String line : lines) {
            String[] cells = line.split(",");
            for (int j = 0; j < 4; j++) {
                mean[j] += Double.parseDouble(cells[j]) / lines.size();
            }
        }
        assertTrue(mean[0] >= 0.85 && mean[2] >= 0.85 && mean[1] <= 0.15 && mean[3] <= 0.15, java.util.Arrays.toString(mean));
        assertEquals(0.25, lastLoss(run, "d_loss"), 0.05);
    }

    /** With BCE, each of D's two losses (real, fake) settles near ln 2, as the tutorial states. */
    @Test
    void patternGanWithBceSettlesAtLn2(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("P");
        assertEquals(0, Main.execute("train", "pattern", "--loss", "bce", "--seed", "1", "--out", run.toString()), console.err());
        assertEquals(Math.log(2), lastLoss(run, "d_real"), 0.1);
        assertEquals(Math.log(2), lastLoss(run, "d_fake"), 0.1);
    }

    /** A loss on the last line of a run's metrics.jsonl (the mean over its last 100 steps). */
    private static double lastLoss(Path run, String name) throws Exception {
        List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
        String last = metrics.get(metrics.size() - 1);
        assertTrue(last.contains("\"step\":10000,"), last);
        return Double.parseDouble(last.replaceAll(".*\"" + name + "\":([0-9.eE-]+).*", "$1"));
    }
}
