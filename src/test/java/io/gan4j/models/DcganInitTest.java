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
                    NDArray w = p.getArray();
                    String what = model + " " + net.name() + " " + p.getName() + " " + w.getShape();
                    double mean = w.mean().getFloat();
                    double std = Math.sqrt(w.sub(w.mean()).square().mean().getFloat());
                    if (p.getName().equals("weight") && w.getShape().dimension() >= 2) {
                        assertEquals(0.02, std, 0.004, what);
                        // the mean of n N(0, 0.02²) values has a standard deviation of 0.02/√n
                        assertEquals(0, mean, 5 * 0.02 / Math.sqrt(w.size()), what);
                        checked++;
                    } else if (p.getName().equals("bias") || p.getName().equals("beta")) {
                        assertEquals(0, w.abs().max().getFloat(), what + ": DCGAN's biases and shifts start at 0");
                    } else if (p.getName().equals("gamma") && w.getShape().dimension() == 1) { // BatchNorm (LayerNorm keeps its own)
                        assertEquals(1, mean, 5 * 0.02 / Math.sqrt(w.size()), what + ": BatchNorm scales N(1, 0.02)");
                        assertEquals(0.02, std, 0.01, what);
                    }
                }
            }
            assertTrue(checked >= 4, model + ": " + checked + " weights checked");
        }
    }
}
