package io.gan4j.training;

import ai.djl.ndarray.NDManager;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;
import io.gan4j.Gan4jException;
import io.gan4j.Engines;
import io.gan4j.models.Gan;
import io.gan4j.models.Models;
import io.gan4j.options.Options;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Any content of one checkpoint file (the input's first byte picks which; the rest is the file)
 * ends in a loaded checkpoint or a {@link Gan4jException}, never another exception, a crash in
 * native code or an allocation the file's size does not justify. Replays
 * {@code CheckpointFuzzTestInputs/load} under {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
@Tag("fuzz") // own JVM: see the surefire executions in pom.xml
class CheckpointFuzzTest {

    private static final List<String> FILES = List.of("state.json", "generator.params", "generator.adam",
            "discriminator.params", "discriminator.adam", "generator.ema");

    private static Path checkpoint;
    private static NDManager manager;
    private static TrainConfig config;

    @BeforeAll
    static void saveOne() throws IOException {
        Path run = Files.createTempDirectory("gan4j-fuzz");
        config = TrainerTest.config("pattern", 3);
        config.set(Options.OPTIMIZER, "adam"); // the optimizer with the most state (pattern's default is SGD)
        config.set(Options.EMA, 0.9f);
        new Trainer(config, run, new PrintStream(new ByteArrayOutputStream())).run(false);
        checkpoint = Checkpoint.resolve(run);
        manager = Engines.newManager("cpu");
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @FuzzTest(maxDuration = "10m")
    void load(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        Path file = checkpoint.resolve(FILES.get(Byte.toUnsignedInt(input[0]) % FILES.size()));
        byte[] original = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOfRange(input, 1, input.length));
        try (NDManager scratch = manager.newSubManager()) {
            Gan gan = Models.create(config, scratch);
            Map<String, Adam> optimizers = Map.of(
                    "generator", new Adam(gan.generator().trainableParameters(), scratch, 1e-3f, 0.5f, 0.999f),
                    "discriminator", new Adam(gan.discriminator().trainableParameters(), scratch, 1e-3f, 0.5f, 0.999f));
            Ema ema = new Ema(gan.generator(), 0.9f, scratch);
            Checkpoint.loadForResume(checkpoint, gan, optimizers, ema, scratch);
            Checkpoint.loadForSampling(checkpoint, gan, scratch);
        } catch (Gan4jException expected) {
            // A clear one-line error is a correct answer to a corrupt checkpoint.
        } finally {
            Files.write(file, original);
        }
    }
}
