package io.gan4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.gan4j.training.Network;
import io.gan4j.training.TrainConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Models whose networks start from DCGAN's N(0, 0.02) weights (for wgan-gp's conv networks: from
 * PyTorch's default start, G's tanh saturated on a lattice of pixels; README).
 */
class DcganInitTest {

    @ParameterizedTest
    @ValueSource(strings = {"wgan-gp", "dcgan"})
    void everyWeightStartsFromNormal002(String model) {
        TrainConfig c = new TrainConfig();
        c.model = model;
        Models.resolveForDigits(c);
        try (NDManager manager = NDManager.newBaseManager()) {
            Gan gan = Models.create(c, manager);
            int checked = 0;
            for (Network net : gan.networks()) {
                for (Parameter p : net.trainableParameters()) {
                    if (p.getName().equals("weight") && p.getArray().getShape().dimension() >= 2) {
                        NDArray w = p.getArray();
                        double std = Math.sqrt(w.sub(w.mean()).square().mean().getFloat());
                        assertEquals(0.02, std, 0.004, model + " " + net.name() + " weight " + w.getShape());
                        checked++;
                    }
                }
            }
            assertTrue(checked >= 4, model + ": " + checked + " weights checked");
        }
    }
}
