package io.gan4j.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.UsageException;
import io.gan4j.io.Json;
import io.gan4j.models.ModelSpec;
import io.gan4j.models.Models;
import io.gan4j.training.TrainConfig;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

/** The declarations, their storage in TrainConfig, and the models' recipes. */
class OptionsTest {

    @Test
    void everyOptionHasAFieldOfItsTypeAndUniqueNames() {
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
    void getAndSetGoThroughTheJsonField() {
        TrainConfig c = new TrainConfig().set(Options.BATCH_SIZE, 32).set(Options.LR_G, 1e-3f);
        assertEquals(32, c.get(Options.BATCH_SIZE));
        assertEquals(1e-3f, c.get(Options.LR_G));
        String json = Json.GSON.toJson(c);
        assertTrue(json.contains("\"batchSize\": 32") && json.contains("\"lrGenerator\": 0.001"), json);
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
