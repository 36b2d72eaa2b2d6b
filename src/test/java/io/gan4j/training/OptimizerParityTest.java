package io.gan4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gan4j.Gan4jException;
import io.gan4j.io.NdListFile;
import io.gan4j.options.Options;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Each optimizer against torch.optim on the same weights, inputs and learning-rate schedule
 * ({@code src/test/python/make_optimizer_fixtures.py}), with its state carried through an
 * encode/decode halfway (a checkpoint's round trip into a fresh optimizer), so the resumed steps
 * must match too.
 */
class OptimizerParityTest {

    private static final float TOLERANCE = 2e-6f;
    private static final int RESUME_AFTER = 3;

    @ParameterizedTest
    @ValueSource(strings = {"adam", "sgd", "sgd-momentum", "rmsprop"})
    void matchesTorchOptimAcrossAResume(String name) throws IOException {
        JsonObject fixture = fixture().getAsJsonObject(name);
        TrainConfig config = new TrainConfig();
        config.set(Options.OPTIMIZER, name.startsWith("sgd") ? "sgd" : name);
        config.set(Options.MOMENTUM, name.equals("sgd-momentum") ? 0.9f : 0f);
        config.set(Options.BETA1, 0.5f);
        config.set(Options.BETA2, 0.999f);
        float lr = fixture.get("lr").getAsFloat();
        try (NDManager manager = NDManager.newBaseManager()) {
            Network net = Network.create("net", Linear.builder().setUnits(2).build(), manager, new Shape(1, 3));
            NDArray weight = net.trainableParameters().get(0).getArray();
            NDArray bias = net.trainableParameters().get(1).getArray();
            manager.create(floats(fixture.getAsJsonArray("weight")), new Shape(2, 3)).copyTo(weight);
            manager.create(floats(fixture.getAsJsonArray("bias"))).copyTo(bias);
            Optimizer optimizer = Optimizer.create(config, net.trainableParameters(), manager, lr);
            assertEquals(config.get(Options.OPTIMIZER), optimizer.kind());
            JsonArray factors = fixture.getAsJsonArray("factors");
            for (int t = 0; t < factors.size(); t++) {
                if (t == RESUME_AFTER) {
                    byte[] saved = optimizer.state().encode();
                    optimizer = Optimizer.create(config, net.trainableParameters(), manager, lr);
                    optimizer.loadState(NdListFile.decode(saved, "saved state", manager), RESUME_AFTER, "saved state");
                }
                optimizer.setSchedule(factors.get(t).getAsFloat());
                try (NDManager step = manager.newSubManager();
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray x = step.create(floats(fixture.getAsJsonArray("inputs").get(t).getAsJsonArray()), new Shape(4, 3));
                    NDArray r = step.create(floats(fixture.getAsJsonArray("r").get(t).getAsJsonArray()), new Shape(4, 2));
                    gc.backward(net.forward(x, true).tanh().mul(r).sum());
                }
                optimizer.step();
                assertClose(fixture.getAsJsonArray("weights").get(t).getAsJsonArray(), weight, name + " weight after step " + (t + 1));
                assertClose(fixture.getAsJsonArray("biases").get(t).getAsJsonArray(), bias, name + " bias after step " + (t + 1));
            }
            assertEquals(factors.size(), optimizer.steps());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "rmsprop"})
    void refusesAnotherOptimizersState(String name) {
        TrainConfig config = new TrainConfig();
        config.set(Options.OPTIMIZER, name);
        config.set(Options.BETA1, 0.5f);
        config.set(Options.BETA2, 0.999f);
        config.set(Options.MOMENTUM, 0f);
        try (NDManager manager = NDManager.newBaseManager()) {
            Network net = Network.create("net", Linear.builder().setUnits(2).build(), manager, new Shape(1, 3));
            Optimizer optimizer = Optimizer.create(config, net.trainableParameters(), manager, 0.1f);
            TrainConfig sgd = new TrainConfig();
            sgd.set(Options.OPTIMIZER, "sgd");
            sgd.set(Options.MOMENTUM, 0f);
            NDList other = Optimizer.create(sgd, net.trainableParameters(), manager, 0.1f).state();
            Gan4jException e = assertThrows(Gan4jException.class, () -> optimizer.loadState(other, 1, "net.sgd"));
            assertTrue(e.getMessage().startsWith("net.sgd: optimizer state has 0 arrays"), e.getMessage());
        }
    }

    private static void assertClose(JsonArray expected, NDArray actual, String what) {
        float[] want = floats(expected);
        float[] got = actual.toFloatArray();
        for (int i = 0; i < want.length; i++) {
            float allowed = TOLERANCE * Math.max(1f, Math.abs(want[i]));
            assertTrue(Math.abs(want[i] - got[i]) <= allowed, what + "[" + i + "]: PyTorch " + want[i] + ", gan4j " + got[i]);
        }
    }

    private static float[] floats(JsonArray array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsFloat();
        }
        return out;
    }

    private static JsonObject fixture() throws IOException {
        try (Reader in = new InputStreamReader(OptimizerParityTest.class.getResourceAsStream("optimizers.json"),
                StandardCharsets.UTF_8)) {
            return JsonParser.parseReader(in).getAsJsonObject();
        }
    }
}
