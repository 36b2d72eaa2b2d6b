package io.gan4j.training;

import io.gan4j.Gan4jException;
import io.gan4j.options.Option;
import io.gan4j.options.Options;

import java.util.Arrays;

/**
 * The sizes of a config.json that become allocations (latent size, image shape, class and code
 * counts, layer widths), checked against sane bounds when a checkpoint's config is read: a
 * corrupt or hostile value would otherwise reach libtorch as a request for terabytes and end in a
 * native exception's many-line trace.
 */
final class ConfigBounds {

    /** Largest image side (IDX data sets are 28², image folders at most 128²). */
    static final int MAX_SIDE = 4096;

    private ConfigBounds() {}

    /** Throws a one-line error naming {@code source} and the first value out of bounds. */
    static void check(TrainConfig c, String source) {
        within(source, c, Options.LATENT_DIM, 1, 65536);
        within(source, c, Options.BATCH_SIZE, 1, 1 << 20);
        within(source, c, Options.IMAGE_SIZE, 1, MAX_SIDE);
        within(source, "numClasses", c.numClasses, 1, 100_000);
        within(source, c, Options.BASE_CHANNELS, 1, 4096);
        within(source, c, Options.D_LAYERS, 1, 16);
        within(source, c, Options.N_CRITIC, 1, 1000);
        within(source, c, Options.CODE_CLASSES, 1, 100_000);
        within(source, c, Options.CODE_CONTINUOUS, 0, 1024);
        if (c.imageShape != null) {
            int[] s = c.imageShape;
            if (s.length != 3 || s[0] < 1 || s[0] > 4 || s[1] < 1 || s[1] > MAX_SIDE || s[2] < 1 || s[2] > MAX_SIDE) {
                throw new Gan4jException(source + ": imageShape " + Arrays.toString(s) + " is not [channels 1 to 4, height, width"
                        + " 1 to " + MAX_SIDE + "]");
            }
        }
    }

    private static void within(String source, TrainConfig c, Option<Integer> option, int min, int max) {
        within(source, option.key(), c.get(option), min, max);
    }

    private static void within(String source, String name, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw new Gan4jException(source + ": " + name + " " + value + " is out of range (" + min + " to " + max + ")");
        }
    }
}
