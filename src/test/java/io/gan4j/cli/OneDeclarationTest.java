package io.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.io.Json;
import io.gan4j.options.Option;
import io.gan4j.options.Options;
import io.gan4j.options.Recipe;
import io.gan4j.training.Checkpoint;
import io.gan4j.training.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Adding an option takes one declaration: an option declared here, and nowhere else, is a train
 * option with its help and check, a recipe key, a config.json entry of the run and its checkpoints,
 * and is fixed on {@code --resume}.
 */
class OneDeclarationTest {

    /** The one declaration (no default, so the other tests' runs never see it). */
    static final Option<Integer> WIDGETS = Option.of("test-widgets", "testWidgets", Integer.class)
            .help("Widgets per step, an option that only this test declares.").unit("widgets").positive().build();

    @RegisterExtension
    final Console console = new Console();

    @Test
    void theCliConfigJsonRecipesAndTheResumeCheckAllFollowFromTheDeclaration(@TempDir Path tmp) throws IOException {
        assertEquals(0, Main.execute("train", "--help"));
        String help = console.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--test-widgets=<widgets> Widgets per step, an option that only this test declares."
                + " (unit: widgets; default: none)"), help);
        console.reset();
        console.assertOneLineError(2, "--test-widgets must be positive, not 0", "train", "pattern", "--test-widgets", "0");

        Path run = tmp.resolve("P");
        assertEquals(0, Main.execute("train", "pattern", "--steps", "2", "--test-widgets", "5", "--out", run.toString()),
                console.err());
        assertTrue(Files.readString(run.resolve("config.json")).contains("\"testWidgets\": 5"));
        assertEquals(5, Checkpoint.config(Checkpoint.resolve(run)).get(WIDGETS), "the checkpoint's config");

        console.assertOneLineError(2, "--test-widgets cannot change", "train", "--resume", run.toString(), "--test-widgets", "6");
        assertEquals(0, Main.execute("train", "--resume", run.toString(), "--steps", "3"), console.err());
        assertEquals(5, Json.read(run.resolve("config.json"), TrainConfig.class).get(WIDGETS), "kept on --resume");

        assertEquals(7, Recipe.parse("test-widgets = 7", "r").get(WIDGETS));
    }

    @Test
    void trainConfigHasNoFieldForAnyOption() {
        Set<String> fields = Arrays.stream(TrainConfig.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && Modifier.isPublic(f.getModifiers()))
                .map(Field::getName).collect(Collectors.toSet());
        assertEquals(TrainConfig.FIELD_KEYS, fields, "the model's name and the values derived from the data set only");
        assertTrue(Options.ALL.contains(WIDGETS));
    }

    @Test
    void aNameOrKeyAlreadyTakenIsRejectedAtTheDeclaration() {
        int declared = Options.ALL.size();
        assertEquals("--seed takes a name or config.json key of --seed", assertThrows(IllegalStateException.class,
                () -> Option.of("seed", "seedling", Long.class).help("x").build()).getMessage());
        assertEquals("--labels-too takes a name or config.json key of --labelled", assertThrows(IllegalStateException.class,
                () -> Option.of("labels-too", "labelsToo", Integer.class).help("x").deprecatedName("labels").build()).getMessage());
        assertEquals("--my-model: config.json key 'model' is a TrainConfig field's", assertThrows(IllegalStateException.class,
                () -> Option.of("my-model", "model", String.class).help("x").build()).getMessage());
        assertEquals(declared, Options.ALL.size());
    }
}
