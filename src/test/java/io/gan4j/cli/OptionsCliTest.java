package io.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.io.Json;
import io.gan4j.options.Options;
import io.gan4j.training.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The CLI rules derived from the option declarations: help, validation, aliases, exit codes, recipes, old runs. */
class OptionsCliTest {

    @RegisterExtension
    final Console console = new Console();

    /**
     * Every visible option that is not required (nor an on/off flag) says what happens when it is
     * not given: its default, or when another option makes it required.
     */
    @Test
    void everyCommandsHelpShowsEveryOptionalOptionsDefault() {
        List<String> missing = new ArrayList<>();
        CommandLine cli = Main.commandLine();
        List<CommandLine> commands = new ArrayList<>(cli.getSubcommands().values());
        commands.add(cli);
        for (CommandLine command : commands) {
            for (OptionSpec o : command.getCommandSpec().options()) {
                if (o.hidden() || o.required() || o.usageHelp() || o.versionHelp() || o.arity().max() == 0) {
                    continue;
                }
                String help = String.join(" ", o.description());
                if (!help.toLowerCase().contains("default") && !help.contains("required")) {
                    missing.add(command.getCommandName() + " " + o.longestName());
                }
            }
            console.reset();
            assertEquals(0, Main.execute(command == cli ? new String[] {"--help"} : new String[] {command.getCommandName(), "--help"}));
            assertTrue(console.out().contains("Exit status: 0 done; 1 a runtime failure"), command.getCommandName());
        }
        assertEquals(List.of(), missing, "options whose help gives no default");
    }

    @Test
    void trainHelpGivesUnitsAndPerModelDefaults() {
        assertEquals(0, Main.execute("train", "--help"));
        String help = console.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("(unit: images; default: pattern 1, vanilla 100, vanilla-tutorial 100, dcgan 64"), help);
        assertTrue(help.contains("--checkpoint-every-steps=<steps>"), help);
        assertTrue(help.contains("formerly --checkpoint-every)"), help);
    }

    @Test
    void badValuesAreUsageErrorsBeforeAnythingIsWritten(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        String[][] cases = {
            {"--threads must be 0 (the engine's choice) or positive, not -2", "--threads", "-2"},
            {"--batch-size must be positive, not 0", "--batch-size", "0"},
            {"--steps takes a whole number, not 'ten'", "--steps", "ten"},
            {"--lr-decay must be in [0, 1], not 2", "--lr-decay", "2"},
            {"--on-divergence must be stop | rollback, not 'retry'", "--on-divergence", "retry"},
            {"--g-loss of sgan must be feature-matching | non-saturating, not 'minimax'", "--g-loss", "minimax"},
            {"--device must be cpu or gpu[N], not tpu", "--device", "tpu"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("train", "sgan", "--out", out.toString()));
            args.addAll(List.of(c).subList(1, c.length));
            console.assertOneLineError(2, c[0], args.toArray(String[]::new));
        }
        console.assertOneLineError(2, "--threads must be 0", "sample", "--checkpoint", tmp.toString(), "--format", "png",
                "--out", out.toString(), "--threads", "-2");
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void exitCodesTellUsageFromRuntimeErrors(@TempDir Path tmp) {
        console.assertOneLineError(2, "unknown command 'trian' (commands: models, train, sample,", "trian", "vanilla");
        console.assertOneLineError(2, "unknown model 'nope'", "train", "nope");
        console.assertOneLineError(2, "Unknown option: '--bogus'", "train", "vanilla", "--bogus");
        console.assertOneLineError(1, "no checkpoint at", "train", "--resume", tmp.resolve("none").toString());
    }

    @Test
    void deprecatedNamesWarnAndStillWork(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("P");
        assertEquals(0, Main.execute("train", "pattern", "--steps", "2", "--checkpoint-every", "3", "--out", run.toString()),
                console.err());
        assertTrue(console.err().contains("--checkpoint-every is deprecated; use --checkpoint-every-epochs"), console.err());
        assertEquals(3, config(run).get(Options.CHECKPOINT_EVERY_EPOCHS));
        console.reset();
        assertEquals(2, Main.execute("train", "sgan", "--labels", "20", "--labelled", "30"));
        assertTrue(console.err().contains("--labels is deprecated; use --labelled")
                && console.err().endsWith("give --labelled or its old name --labels, not both"), console.err());
    }

    @Test
    void numberedCheckpointsEveryNSteps(@TempDir Path tmp) {
        Path run = tmp.resolve("P");
        assertEquals(0, Main.execute("train", "pattern", "--steps", "5", "--checkpoint-every-steps", "2", "--out", run.toString()),
                console.err());
        assertTrue(Files.isDirectory(run.resolve("checkpoints/step-0000002")) && Files.isDirectory(run.resolve("checkpoints/step-0000004")));
        assertFalse(Files.exists(run.resolve("checkpoints/step-0000005")));
    }

    @Test
    void aRecipeFileReplacesTheModelsValuesAndTheCommandLineOverridesIt(@TempDir Path tmp) throws IOException {
        Path recipe = tmp.resolve("my.recipe");
        Files.writeString(recipe, "# mine\nbatch-size = 3\nlatent-dim = 5   # overridden below\nlr-g = 1/50\n");
        Path run = tmp.resolve("P");
        assertEquals(0, Main.execute("train", "pattern", "--recipe", recipe.toString(), "--latent-dim", "2", "--steps", "1",
                "--out", run.toString()), console.err());
        TrainConfig c = config(run);
        assertEquals(3, c.get(Options.BATCH_SIZE));
        assertEquals(2, c.get(Options.LATENT_DIM));
        assertEquals(0.02f, c.get(Options.LR_G), 1e-7);
        assertEquals(0.01f, c.get(Options.LR_D), 1e-7, "the model's recipe still fills the rest");
        Files.writeString(recipe, "batch-size = 3\nbatch-sise = 4\n");
        console.assertOneLineError(2, recipe + " line 2: unknown option 'batch-sise'", "train", "pattern", "--recipe", recipe.toString());
        Files.writeString(recipe, "batch-size = -3\n");
        console.assertOneLineError(2, recipe + " line 1: --batch-size must be positive", "train", "pattern", "--recipe", recipe.toString());
    }

    @Test
    void modelsPrintsARecipeThatTrainReadsBack(@TempDir Path tmp) throws IOException {
        assertEquals(0, Main.execute("models", "wgan-gp"));
        assertTrue(console.out().contains("Gulrajani") && console.out().contains("n-critic = 5"), console.out());
        Path recipe = tmp.resolve("w.recipe");
        Files.writeString(recipe, console.out().replace("n-critic = 5", "n-critic = 2"));
        Path run = tmp.resolve("W");
        assertEquals(0, Main.execute("train", "pattern", "--recipe", recipe.toString(), "--steps", "1", "--out", run.toString()),
                console.err());
        TrainConfig c = config(run);
        assertEquals(2, c.get(Options.N_CRITIC));
        assertEquals(0f, c.get(Options.BETA1), "wgan-gp's value replaces the global default");
        assertEquals(1e-4f, c.get(Options.LR_G), 1e-9, "the user's recipe wins over the model's own");
    }

    @Test
    void resumeRejectsOptionsThatAreNotResumable(@TempDir Path tmp) throws Exception {
        Path run = oldRun(tmp, "pattern-old");
        console.assertOneLineError(2, "--seed, --batch-size cannot change; only --steps, --epochs,", "train", "--resume", run.toString(),
                "--seed", "2", "--batch-size", "3");
    }

    /** Runs written by gan4j before the option declarations (checked in) still sample and resume. */
    @Test
    void runsWrittenBeforeTheDeclarationsStillSampleAndResume(@TempDir Path tmp) throws Exception {
        Path pattern = oldRun(tmp, "pattern-old");
        Path csv = tmp.resolve("p.csv");
        assertEquals(0, Main.execute("sample", "--checkpoint", pattern.toString(), "--n", "5", "--format", "csv",
                "--out", csv.toString()), console.err());
        assertEquals(5, Files.readAllLines(csv).size());
        assertEquals(0, Main.execute("train", "--resume", pattern.toString(), "--steps", "24"), console.err());
        assertTrue(Files.readString(pattern.resolve("checkpoints/latest/state.json")).contains("\"step\": 24"));
        assertEquals(0, config(pattern).get(Options.CHECKPOINT_EVERY_STEPS), "an option the old run lacks takes its global default");

        Path pix2pix = oldRun(tmp, "pix2pix-old");
        Path png = tmp.resolve("x.png");
        assertEquals(0, Main.execute("sample", "--checkpoint", pix2pix.toString(), "--n", "2", "--format", "png",
                "--out", png.toString()), console.err());
        assertTrue(Files.size(png) > 0);
        assertEquals(0, Main.execute("train", "--resume", pix2pix.toString(), "--steps", "3"), console.err());
        assertTrue(Files.readString(pix2pix.resolve("checkpoints/latest/state.json")).contains("\"step\": 3"));
    }

    @Test
    void aModelDefinedOutsideGan4jTrainsAndSamplesFromTheCli(@TempDir Path tmp) throws IOException {
        assertEquals(0, Main.execute("models"));
        assertTrue(console.out().contains("tiny-lsgan"), console.out());
        Path run = tmp.resolve("T");
        assertEquals(0, Main.execute("train", "tiny-lsgan", "--steps", "2", "--out", run.toString()), console.err());
        assertEquals(8, config(run).get(Options.BATCH_SIZE), "its own recipe");
        Path png = tmp.resolve("t.png");
        assertEquals(0, Main.execute("sample", "--checkpoint", run.toString(), "--n", "4", "--format", "png",
                "--out", png.toString()), console.err());
        assertTrue(Files.size(png) > 0);
    }

    private static TrainConfig config(Path run) throws IOException {
        return Json.GSON.fromJson(Files.readString(run.resolve("config.json")), TrainConfig.class);
    }

    /** A copy of a checked-in run (tests must not change the originals). */
    private static Path oldRun(Path tmp, String name) throws IOException, URISyntaxException {
        Path source = Path.of(OptionsCliTest.class.getResource("/io/gan4j/compat/" + name).toURI());
        Path copy = tmp.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = copy.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return copy;
    }
}
