package io.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** train --seeds: one run per seed, each in its own process, the same as training that seed alone. */
class SeedsCliTest {

    @RegisterExtension
    final Console console = new Console();

    @Test
    void trainsOneRunPerSeedEachAsItsOwnSeedAlone(@TempDir Path tmp) throws Exception {
        Path runs = tmp.resolve("runs");
        assertEquals(0, Main.execute("train", "pattern", "--steps", "20", "--seeds", "1,2", "--threads", "1",
                "--out", runs.toString()), console.err());
        assertTrue(console.out().contains("2 runs (seeds [1, 2])"), console.out());
        Path alone = tmp.resolve("alone");
        assertEquals(0, Main.execute("train", "pattern", "--steps", "20", "--seed", "2", "--out", alone.toString()), console.err());
        byte[] seed1 = Files.readAllBytes(runs.resolve("seed-1/checkpoints/latest/generator.params"));
        byte[] seed2 = Files.readAllBytes(runs.resolve("seed-2/checkpoints/latest/generator.params"));
        assertArrayEquals(Files.readAllBytes(alone.resolve("checkpoints/latest/generator.params")), seed2);
        assertFalse(Arrays.equals(seed1, seed2), "seeds 1 and 2 train differently");
        assertTrue(Files.readString(runs.resolve("seed-1/config.json")).contains("\"seed\": 1"));
        assertTrue(Files.exists(runs.resolve("seed-1.log")));
    }

    @Test
    void rejectsBadSeedsBeforeAnyRunStarts(@TempDir Path tmp) {
        // --steps 0 fails in the command itself, before any run starts.
        console.assertOneLineError(2, "--steps must be positive", "train", "pattern", "--seeds", "1,2", "--steps", "0",
                "--out", tmp.resolve("a").toString());
        console.assertOneLineError(2, "--seeds needs distinct seeds", "train", "pattern", "--seeds", "1,1",
                "--out", tmp.resolve("b").toString());
        console.assertOneLineError(2, "does not combine with --seed", "train", "pattern", "--seeds", "1,2", "--seed", "3",
                "--out", tmp.resolve("c").toString());
        assertFalse(Files.exists(tmp.resolve("a")));
    }
}
