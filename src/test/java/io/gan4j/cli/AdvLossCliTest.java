package io.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.options.Options;
import io.gan4j.training.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --adv-loss}: recorded in the run, applied (the losses differ from BCE's), refused where it does not apply. */
class AdvLossCliTest {

    @RegisterExtension
    final Console console = new Console();

    private String firstMetricsLine(Path tmp, String... advLoss) throws Exception {
        Path run = tmp.resolve(advLoss.length == 0 ? "bce-default" : advLoss[1]);
        String[] base = {"train", "vanilla", "--steps", "1", "--log-every", "1", "--batch-size", "8", "--out", run.toString()};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(advLoss))
                .toArray(String[]::new);
        assertEquals(0, Main.execute(args), console.err());
        return Files.readAllLines(run.resolve("metrics.jsonl")).get(0).replaceAll(",\"time_s\".*", "");
    }

    @Test
    void eachLossTrainsAndIsRecorded(@TempDir Path tmp) throws Exception {
        String bce = firstMetricsLine(tmp);
        assertEquals(bce, firstMetricsLine(tmp, "--adv-loss", "bce"), "bce is the default");
        String lsgan = firstMetricsLine(tmp, "--adv-loss", "lsgan");
        String hinge = firstMetricsLine(tmp, "--adv-loss", "hinge");
        assertNotEquals(bce, lsgan);
        assertNotEquals(bce, hinge);
        assertEquals("hinge", Checkpoint.config(tmp.resolve("hinge")).get(Options.ADV_LOSS));
    }

    private String pix2pixLine(Path run, String option) throws Exception {
        assertEquals(0, Main.execute("train", "pix2pix", option, "lsgan", "--steps", "1", "--log-every", "1", "--batch-size", "4",
                "--base-channels", "8", "--out", run.toString()), console.err());
        return Files.readAllLines(run.resolve("metrics.jsonl")).get(0).replaceAll(",\"time_s\".*", "");
    }

    @Test
    void pix2pixsLossLsganIsADeprecatedAliasOfAdvLoss(@TempDir Path tmp) throws Exception {
        String alias = pix2pixLine(tmp.resolve("alias"), "--loss");
        assertTrue(console.err().contains("--loss is deprecated; use --adv-loss lsgan"), console.err());
        assertEquals(alias, pix2pixLine(tmp.resolve("option"), "--adv-loss"));
    }

    @Test
    void isRefusedWhereItDoesNotApplyAndForUnknownLosses(@TempDir Path tmp) {
        assertNotEquals(0, Main.execute("train", "wgan-gp", "--adv-loss", "hinge", "--out", tmp.resolve("w").toString()));
        assertTrue(console.err().contains("--adv-loss applies to vanilla, vanilla-tutorial, dcgan, cgan, acgan, pix2pix, not wgan-gp"), console.err());
        assertNotEquals(0, Main.execute("train", "dcgan", "--adv-loss", "wasserstein", "--out", tmp.resolve("d").toString()));
        assertTrue(console.err().contains("--adv-loss must be bce | lsgan | hinge"), console.err());
        assertFalse(Files.exists(tmp.resolve("w")) || Files.exists(tmp.resolve("d")), "nothing written");
    }
}
