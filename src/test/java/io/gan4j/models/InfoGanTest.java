package io.gan4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.gan4j.Gan4jException;
import io.gan4j.NativeTest;
import io.gan4j.Engines;
import io.gan4j.options.Options;
import io.gan4j.training.Adam;
import io.gan4j.training.Batch;
import io.gan4j.training.Network;
import io.gan4j.training.StepLoss;
import io.gan4j.training.TrainConfig;
import io.gan4j.training.Trainer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** InfoGAN on 28×28 images, batch 8: Q is trained by both updates, the information loss reaches G, grids sweep the codes. */
class InfoGanTest extends NativeTest {

    private InfoGan create(float lambdaCat, String contLoss) {
        return create(lambdaCat, contLoss, null, null);
    }

    private InfoGan create(float lambdaCat, String contLoss, Float noiseStd, Float lambdaNoise) {
        return create(lambdaCat, contLoss, noiseStd, lambdaNoise, null);
    }

    private InfoGan create(float lambdaCat, String contLoss, Float noiseStd, Float lambdaNoise, Boolean infoAugment) {
        TrainConfig c = new TrainConfig();
        c.model = "infogan";
        c.set(Options.LAMBDA_CAT, lambdaCat);
        c.set(Options.CONT_LOSS, contLoss);
        c.set(Options.NOISE_STD, noiseStd);
        c.set(Options.LAMBDA_NOISE, lambdaNoise);
        c.set(Options.INFO_AUGMENT, infoAugment);
        Models.resolveForDigits(c);
        Engines.seed(4);
        return (InfoGan) Models.create(c, manager);
    }

    private Batch batch() {
        Engines.seed(8);
        return new Batch(manager.randomUniform(-1f, 1f, new Shape(8, 1, 28, 28)), manager.zeros(new Shape(8), DataType.INT64));
    }

    private Map<String, Float> update(InfoGan gan, List<Network> side, Supplier<StepLoss> loss) {
        Map<String, Adam> optimizers = new LinkedHashMap<>();
        for (Network net : gan.networks()) {
            optimizers.put(net.name(), new Adam(net.trainableParameters(), manager, 1e-3f, 0.5f, 0.999f));
        }
        Map<String, Float> logged = new LinkedHashMap<>();
        Trainer.update(gan, side, optimizers, loss, "loss", logged, 0);
        return logged;
    }

    private static float[][] snapshot(Network net) {
        return net.trainableParameters().stream().map(p -> p.getArray().toFloatArray()).toArray(float[][]::new);
    }

    private static boolean moved(float[][] before, Network net) {
        float[][] after = snapshot(net);
        for (int i = 0; i < before.length; i++) {
            if (!Arrays.equals(before[i], after[i])) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theDiscriminatorUpdateTrainsDAndQAndTheGeneratorUpdateTrainsGAndQ() {
        InfoGan gan = create(1f, "mse");
        Batch real = batch();
        float[][] g = snapshot(gan.generator());
        float[][] d = snapshot(gan.discriminator());
        float[][] q = snapshot(gan.q());
        Map<String, Float> logged = update(gan, gan.discriminatorSide(), () -> gan.discriminatorLoss(real));
        assertTrue(logged.containsKey("d_info_cat") && logged.containsKey("d_info_cont"), logged.toString());
        assertFalse(moved(g, gan.generator()), "G moved in the D update");
        assertTrue(moved(d, gan.discriminator()) && moved(q, gan.q()), "D and Q train in the D update");
        d = snapshot(gan.discriminator());
        q = snapshot(gan.q());
        logged = update(gan, gan.generatorSide(), () -> gan.generatorLoss(real));
        assertTrue(logged.containsKey("g_info_cat") && logged.containsKey("g_info_cont"), logged.toString());
        assertFalse(moved(d, gan.discriminator()), "D moved in the G update");
        assertTrue(moved(g, gan.generator()) && moved(q, gan.q()), "G and Q train in the G update");
    }

    /** With the same start, batch and draws, G's update differs with and without the information loss. */
    @Test
    void theInformationLossReachesTheGenerator() {
        float[][] with = generatorAfterOneUpdate(1f);
        float[][] without = generatorAfterOneUpdate(0f);
        boolean differ = false;
        for (int i = 0; i < with.length; i++) {
            differ |= !Arrays.equals(with[i], without[i]);
        }
        assertTrue(differ, "λ_cat had no effect on G's update");
    }

    private float[][] generatorAfterOneUpdate(float lambdaCat) {
        InfoGan gan = create(lambdaCat, "mse");
        Batch real = batch();
        Engines.seed(9);
        update(gan, gan.generatorSide(), () -> gan.generatorLoss(real));
        return snapshot(gan.generator());
    }

    /**
     * --info-augment: in both updates the categorical term is Q's on warped fakes, the other terms are
     * those of the plain run (same start and draws).
     */
    @Test
    void infoAugmentReadsTheCategoricalCodeFromWarpedFakes() {
        for (String prefix : List.of("d_", "g_")) {
            Map<String, Float> plain = updateLosses(prefix, false);
            Map<String, Float> warped = updateLosses(prefix, true);
            for (String term : prefix.equals("d_") ? List.of("d_real", "d_fake", "d_info_cont") : List.of("g_adv", "g_info_cont")) {
                assertEquals(plain.get(term), warped.get(term), term);
            }
            assertNotEquals(plain.get(prefix + "info_cat"), warped.get(prefix + "info_cat"));
            assertTrue(Float.isFinite(warped.get(prefix + "info_cat")), warped.toString());
        }
    }

    private Map<String, Float> updateLosses(String prefix, boolean infoAugment) {
        InfoGan gan = create(1f, "mse", null, null, infoAugment);
        Batch real = batch();
        Engines.seed(9);
        return prefix.equals("d_") ? update(gan, gan.discriminatorSide(), () -> gan.discriminatorLoss(real))
                : update(gan, gan.generatorSide(), () -> gan.generatorLoss(real));
    }

    @Test
    void gaussianNllPredictsAMeanAndALogVariancePerContinuousCode() {
        InfoGan gan = create(1f, "nll");
        NDArray features = gan.discriminator().forward(new ai.djl.ndarray.NDList(batch().images()), false).get(1);
        assertEquals(new Shape(8, 10 + 2 * 2), gan.q().forward(features, false).getShape());
        Batch real = batch();
        Engines.seed(21);
        float nll = update(gan, gan.generatorSide(), () -> gan.generatorLoss(real)).get("g_info_cont");
        assertTrue(Float.isFinite(nll));
        // The same step with λ_cont 0.25: the logged term is λ_cont times the NLL (same start, batch and draws).
        InfoGan quarter = create(1f, "nll");
        quarter.config.set(Options.LAMBDA_CONT, 0.25f);
        Engines.seed(21);
        float scaled = update(quarter, quarter.generatorSide(), () -> quarter.generatorLoss(real)).get("g_info_cont");
        assertEquals(0.25f / gan.config.get(Options.LAMBDA_CONT) * nll, scaled, 1e-5f * Math.abs(nll) + 1e-6f);
    }

    @Test
    void theCodesChangeTheSampleAndQPredictsACodeValue() {
        InfoGan gan = create(1f, "mse");
        Engines.seed(1);
        NDArray noise = gan.noise(manager, 1).repeat(0, 2);
        NDArray samples = gan.generate(noise, manager.create(new long[] {3, 7}), false);
        assertFalse(Arrays.equals(samples.get(0).toFloatArray(), samples.get(1).toFloatArray()));
        long[] codes = gan.predictCode(samples).toLongArray();
        // The argmax of Q's ten categorical logits (not of its continuous-code outputs), in inference mode.
        NDArray features = gan.discriminator().forward(new ai.djl.ndarray.NDList(samples), false).get(1);
        float[] q = gan.q().forward(features, false).toFloatArray();
        int width = q.length / 2;
        assertEquals(12, width);
        for (int row = 0; row < 2; row++) {
            int best = 0;
            for (int k = 1; k < 10; k++) {
                best = q[row * width + k] > q[row * width + best] ? k : best;
            }
            assertEquals(best, codes[row], "row " + row);
        }
    }

    /** Grid k: row r keeps its first sample's z; continuous code k goes -2 … 2 along the columns, the others stay 0. */
    @Test
    void sweepGridsVaryOneContinuousCodeAlongTheColumns() {
        InfoGan gan = create(1f, "mse");
        int rows = 10;
        int columns = 5;
        Engines.seed(1);
        NDArray noise = gan.noise(manager, rows * columns);
        List<NDArray> grids = gan.sweepGrids(noise, columns);
        assertEquals(2, grids.size());
        for (int k = 0; k < 2; k++) {
            NDArray grid = grids.get(k);
            assertEquals(noise.getShape(), grid.getShape());
            for (int r = 0; r < rows; r++) {
                float[] z = noise.get(r * columns).get(new NDIndex(":62")).toFloatArray();
                for (int j = 0; j < columns; j++) {
                    NDArray sample = grid.get(r * columns + j);
                    assertArrayEquals(z, sample.get(new NDIndex(":62")).toFloatArray());
                    float[] u = sample.get(new NDIndex("62:")).toFloatArray();
                    assertEquals(-2f + j, u[k], 1e-6f);
                    assertEquals(0f, u[1 - k]);
                }
            }
        }
    }

    /** --noise-std scales z alone (the continuous codes stay U[-1, 1]); --lambda-noise makes Q predict z too and adds its loss. */
    @Test
    void noiseStdScalesZAndLambdaNoiseMakesQRecoverIt() {
        InfoGan gan = create(1f, "nll", 0.1f, 1f);
        Engines.seed(1);
        NDArray noise = gan.noise(manager, 2000);
        NDArray z = noise.get(new NDIndex(":, :62"));
        float std = z.sub(z.mean()).square().mean().sqrt().getFloat();
        assertEquals(0.1f, std, 0.002f);
        NDArray u = noise.get(new NDIndex(":, 62:"));
        assertTrue(u.abs().max().getFloat() <= 1f && u.abs().max().getFloat() > 0.9f, "continuous codes U[-1, 1]");
        NDArray features = gan.discriminator().forward(new ai.djl.ndarray.NDList(batch().images()), false).get(1);
        assertEquals(new Shape(8, 10 + 2 * 2 + 62), gan.q().forward(features, false).getShape());
        Batch real = batch();
        Map<String, Float> logged = update(gan, gan.generatorSide(), () -> gan.generatorLoss(real));
        assertTrue(Float.isFinite(logged.get("g_info_noise")) && logged.get("g_info_noise") > 0, logged.toString());
        assertTrue(Float.isFinite(logged.get("g_info_cont")), logged.toString());
        assertThrows(Gan4jException.class, () -> create(1f, "mse", 0f, null));
        assertThrows(Gan4jException.class, () -> create(1f, "mse", null, -1f));
    }
}
