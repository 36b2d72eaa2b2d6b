package io.gan4j.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.gan4j.UsageException;
import io.gan4j.io.Json;
import io.gan4j.models.ModelSpec;
import io.gan4j.models.Models;
import io.gan4j.training.TrainConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The declarations, their storage in TrainConfig and config.json, and the models' recipes. */
class OptionsTest {

    @Test
    void everyOptionStartsUnsetAndHasUniqueNames() {
        Set<String> names = new HashSet<>();
        Set<String> keys = new HashSet<>();
        TrainConfig c = new TrainConfig();
        for (Option<?> o : Options.ALL) {
            assertNull(c.get(o), o + " starts unset");
            assertTrue(names.add(o.name()) && keys.add(o.key()), "unique: " + o);
            o.deprecatedNames().forEach(old -> assertTrue(names.add(old), "unique: " + old));
        }
    }

    @Test
    void configJsonHoldsEachValueUnderItsKey() {
        TrainConfig c = new TrainConfig().set(Options.BATCH_SIZE, 32).set(Options.LR_G, 1e-3f);
        assertEquals(32, c.get(Options.BATCH_SIZE));
        String json = Json.GSON.toJson(c);
        assertTrue(json.contains("\"batchSize\": 32") && json.contains("\"lrGenerator\": 0.001"), json);
        assertEquals(1e-3f, Json.GSON.fromJson(json, TrainConfig.class).get(Options.LR_G));
        assertNull(c.set(Options.BATCH_SIZE, null).get(Options.BATCH_SIZE), "null unsets");
        assertEquals(64, c.get(Options.BATCH_SIZE, 64));
    }

    /** Every option's value comes back from config.json with the JSON type its former TrainConfig field had. */
    @Test
    void everyOptionRoundTripsThroughConfigJsonWithItsJsonType() {
        TrainConfig c = new TrainConfig();
        c.model = "dcgan";
        c.imageShape = new int[] {3, 8, 8};
        c.numClasses = 2;
        c.classNames = List.of("cats", "dogs");
        c.totalSteps = 9L;
        for (Option<?> o : Options.ALL) {
            setSample(c, o);
        }
        JsonObject json = JsonParser.parseString(Json.GSON.toJson(c)).getAsJsonObject();
        TrainConfig back = Json.GSON.fromJson(json, TrainConfig.class);
        for (Option<?> o : Options.ALL) {
            assertEquals(c.get(o), back.get(o), o.toString());
            JsonPrimitive v = json.getAsJsonPrimitive(o.key());
            assertTrue(o.type() == String.class ? v.isString() : o.type() == Boolean.class ? v.isBoolean() : v.isNumber(), o + ": " + v);
        }
        assertEquals(Json.GSON.toJson(c), Json.GSON.toJson(back));
        assertEquals("[3,8,8]", json.get("imageShape").toString());
        assertEquals("[\"cats\",\"dogs\"]", json.get("classNames").toString());
        assertEquals(List.of("cats", "dogs"), back.classNames);
        assertEquals(9L, back.totalSteps);
    }

    private static <T> void setSample(TrainConfig c, Option<T> o) {
        Object v = o.type() == Integer.class ? (Object) 7 : o.type() == Long.class ? (Object) 7L : o.type() == Float.class ? (Object) 0.25f
                : o.type() == Boolean.class ? (Object) true : (Object) ("value of " + o.name());
        c.set(o, o.type().cast(v));
    }

    /** config.json of runs written when every option was a TrainConfig field reads and writes back to the same JSON. */
    @Test
    void oldRunsConfigJsonReadsAndWritesBackUnchanged() throws Exception {
        for (String run : List.of("pattern-old", "pix2pix-old")) {
            Path file = Path.of(OptionsTest.class.getResource("/io/gan4j/compat/" + run + "/config.json").toURI());
            JsonElement old = JsonParser.parseString(Files.readString(file));
            TrainConfig c = Json.read(file, TrainConfig.class);
            assertEquals(old, JsonParser.parseString(Json.GSON.toJson(c)), run);
        }
        TrainConfig c = Json.GSON.fromJson("{\"model\": \"dcgan\", \"seed\": null, \"gone\": {\"a\": [1]}, \"batchSize\": 4.0}",
                TrainConfig.class);
        assertEquals("dcgan", c.model);
        assertNull(c.get(Options.SEED), "null is unset");
        assertEquals(4, c.get(Options.BATCH_SIZE), "a whole number written as 4.0 reads, as Gson read it into the field");
        assertEquals("{\"model\":\"dcgan\",\"batchSize\":4}", Json.LINE.toJson(c), "an unknown key is skipped");
    }

    @Test
    void everyModelsRecipeResolvesToAValidConfiguration() {
        for (ModelSpec spec : Models.all().values()) {
            TrainConfig c = new TrainConfig();
            c.model = spec.name();
            Models.resolve(c);
            Options.validate(c);
            assertTrue(c.get(Options.BATCH_SIZE) > 0 && c.get(Options.EPOCHS) > 0 && c.get(Options.SEED) == 1L, spec.name());
        }
        assertEquals(1f / 3, Models.get("sgan").recipe().get(Options.LR_DECAY), 1e-7);
    }

    @Test
    void choicesCanDifferByModel() {
        Options.G_LOSS.validate("vanilla", "minimax");
        Options.G_LOSS.validate("sgan", "feature-matching");
        UsageException e = assertThrows(UsageException.class, () -> Options.G_LOSS.validate("vanilla", "feature-matching"));
        assertEquals("--g-loss must be non-saturating | minimax, not 'feature-matching'", e.getMessage());
    }

    @Test
    void recipesParseCommentsFractionsAndRejectUnknownNames() {
        Recipe r = Recipe.parse("# c\n\nlr-decay = 1/4  # a quarter\nsupervised-only = true\ncheckpoint-every = 3\n", "r");
        assertEquals(0.25f, r.get(Options.LR_DECAY));
        assertEquals(true, r.get(Options.SUPERVISED_ONLY));
        assertEquals(3, r.get(Options.CHECKPOINT_EVERY_EPOCHS), "a deprecated name still reads");
        assertEquals("r line 1: unknown option 'batchSize' (the names are train's options without --)",
                assertThrows(UsageException.class, () -> Recipe.parse("batchSize = 3", "r")).getMessage());
        assertEquals("r line 2: --seed takes a whole number, not 'x'",
                assertThrows(UsageException.class, () -> Recipe.parse("\nseed = x", "r")).getMessage());
        assertEquals("r line 1: expected 'name = value', not 'seed 3'",
                assertThrows(UsageException.class, () -> Recipe.parse("seed 3", "r")).getMessage());
    }

    @Test
    void theCommandLineWinsOverTheRecipeWhichWinsOverTheGlobalDefault() {
        TrainConfig c = new TrainConfig();
        c.model = "dcgan";
        c.set(Options.BATCH_SIZE, 7);
        Recipe.parse("batch-size = 9\nlatent-dim = 12", "user").fillIn(c);
        Models.resolve(c);
        assertEquals(7, c.get(Options.BATCH_SIZE));
        assertEquals(12, c.get(Options.LATENT_DIM));
        assertEquals(25, c.get(Options.EPOCHS), "the model's recipe");
        assertEquals(2e-4f, c.get(Options.LR_G), "the global default");
    }
}
