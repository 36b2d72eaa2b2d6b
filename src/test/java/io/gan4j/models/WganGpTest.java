package io.gan4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.norm.LayerNorm;
import io.gan4j.Engines;
import io.gan4j.NativeTest;
import io.gan4j.layers.BatchNorm;
import io.gan4j.options.Options;
import io.gan4j.training.Adam;
import io.gan4j.training.Batch;
import io.gan4j.training.Network;
import io.gan4j.training.TrainConfig;
import io.gan4j.training.Trainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** WGAN-GP on 28×28 images, batch 8: the penalty changes the critic's update; the critic has no BatchNorm. */
class WganGpTest extends NativeTest {

    private WganGp create(String arch, float lambda) {
        TrainConfig c = new TrainConfig();
        c.model = "wgan-gp";
        c.set(Options.ARCH, arch);
        c.set(Options.GP_LAMBDA, lambda);
        Models.resolveForDigits(c);
        Engines.seed(5);
        return (WganGp) Models.create(c, manager);
    }

    /** The critic's weights after one critic update from the same start, batch and seed. */
    private float[][] criticAfterOneUpdate(String arch, float lambda) {
        WganGp gan = create(arch, lambda);
        Engines.seed(6);
        Batch real = new Batch(manager.randomUniform(-1f, 1f, new Shape(8, 1, 28, 28)), null);
        Map<String, Adam> optimizers = new LinkedHashMap<>();
        for (Network net : gan.networks()) {
            optimizers.put(net.name(), new Adam(net.trainableParameters(), manager, 1e-3f, 0f, 0.9f));
        }
        Map<String, Float> logged = new LinkedHashMap<>();
        Trainer.update(gan, gan.discriminatorSide(), optimizers, () -> gan.discriminatorLoss(real), "d_loss", logged, 0);
        assertEquals(logged.get("d_wasserstein") + logged.get("d_gp"), logged.get("d_loss"), 1e-4f, "total = W + GP");
        assertEquals(lambda == 0, logged.get("d_gp") == 0f, "logged penalty " + logged.get("d_gp"));
        return gan.discriminator().trainableParameters().stream().map(p -> p.getArray().toFloatArray()).toArray(float[][]::new);
    }

    /**
     * The bug of pix2pix #1201 and torchgan #21 was a penalty computed but without effect on the
     * update. Here λ = 10 and λ = 0 move the critic differently (same weights, batch and ε).
     */
    @ParameterizedTest
    @ValueSource(strings = {"conv", "resnet"})
    void thePenaltyChangesTheCriticUpdate(String arch) {
        float[][] with = criticAfterOneUpdate(arch, 10f);
        float[][] without = criticAfterOneUpdate(arch, 0f);
        assertEquals(with.length, without.length);
        boolean differ = false;
        for (int i = 0; i < with.length; i++) {
            differ |= !Arrays.equals(with[i], without[i]);
        }
        assertTrue(differ, "λ = 10 and λ = 0 gave the same critic update");
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv", "resnet"})
    void theCriticHasLayerNormAndNoBatchNormAndScoresEachImage(String arch) {
        WganGp gan = create(arch, 10f);
        assertFalse(contains(gan.discriminator().block(), BatchNorm.class)
                || contains(gan.discriminator().block(), ai.djl.nn.norm.BatchNorm.class), "BatchNorm in the critic");
        assertTrue(contains(gan.discriminator().block(), LayerNorm.class), "LayerNorm in the critic");
        assertEquals(5, gan.discriminatorStepsPerGeneratorStep());
        NDArray samples = gan.generate(gan.noise(manager, 3), null, false);
        assertEquals(new Shape(3, 1, 28, 28), samples.getShape());
        assertEquals(new Shape(3, 1), gan.discriminator().forward(samples, false).getShape());
    }

    private static boolean contains(Block block, Class<?> type) {
        return type.isInstance(block) || block.getChildren().values().stream().anyMatch(b -> contains(b, type));
    }
}
