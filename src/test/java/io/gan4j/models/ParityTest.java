package io.gan4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.gan4j.NativeTest;
import io.gan4j.io.Safetensors;
import io.gan4j.io.Tensor;
import io.gan4j.losses.Losses;
import io.gan4j.training.Adam;
import io.gan4j.training.Network;
import io.gan4j.training.TrainConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.zip.GZIPInputStream;

/**
 * gan4j against PyTorch on the reference models of ../shared/peers/pytorch/models.py: weights
 * loaded from a PyTorch state dict (safetensors, the import path of {@code sample --weights}), then
 * one training iteration as MODELS.md has it; outputs, losses, gradients and the weights after one
 * Adam step agree to 1e-5. Fixtures: {@code src/test/python/make_parity_fixtures.py}. The acgan
 * runs in training mode (BatchNorm batch statistics, running statistics compared too); the mlp with
 * dropout off (eval mode on both sides), since random masks cannot match.
 */
class ParityTest extends NativeTest {

    private static final double TOLERANCE = 1e-5;
    private static final int SAMPLE = 4096;
    private static final double LR = 2e-4;
    /** Gradients below this are rounding residue (see {@link #compareWeights}). */
    private static final double NOISE = 1e-6;

    private Map<String, Tensor> fixture;

    @Test
    void acganMatchesPyTorch() {
        load("acgan");
        TrainConfig c = reference("acgan");
        Gan gan = Models.create(c, manager);
        Network g = loaded(c, gan.generator(), "G.");
        Network d = loaded(c, gan.discriminator(), "D.");
        Adam adamG = adam(g);
        Adam adamD = adam(d);
        BiFunction<NDArray, NDArray, NDList> discriminate = (x, y) -> d.forward(new NDList(x, y), true);

        NDArray fake = g.forward(new NDList(t("z"), t("gen_labels")), true).singletonOrThrow().stopGradient();
        assertClose("fake", fake);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList real = discriminate.apply(t("real"), t("real_labels"));
            NDList fakes = discriminate.apply(fake, t("gen_labels"));
            assertClose("d_real_rf", real.get(0));
            assertClose("d_real_cls", real.get(1));
            NDArray loss = Losses.bceWithLogits(real.get(0), 1f).add(Losses.crossEntropy(real.get(1), t("real_labels")))
                    .add(Losses.bceWithLogits(fakes.get(0), 0f)).add(Losses.crossEntropy(fakes.get(1), t("gen_labels")))
                    .mul(0.5f);
            assertClose("d_loss", loss);
            collector.backward(loss);
        }
        stepAndCompare(c, d, adamD, "D.");

        d.setFrozen(true); // the G step, as the trainer runs it: no weight gradients for D
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray fake2 = g.forward(new NDList(t("z"), t("gen_labels2")), true).singletonOrThrow();
            NDList out = discriminate.apply(fake2, t("gen_labels2"));
            NDArray loss = Losses.bceWithLogits(out.get(0), 1f).add(Losses.crossEntropy(out.get(1), t("gen_labels2")));
            assertClose("g_loss", loss);
            collector.backward(loss);
        }
        d.setFrozen(false);
        stepAndCompare(c, g, adamG, "G.");
        compareWeights(c, d, "D.", true); // the G step left D's weights alone
    }

    @Test
    void mlpMatchesPyTorch() {
        load("mlp");
        TrainConfig c = reference("vanilla-tutorial");
        Gan gan = Models.create(c, manager);
        Network g = loaded(c, gan.generator(), "G.");
        Network d = loaded(c, gan.discriminator(), "D.");
        Adam adamG = adam(g);
        Adam adamD = adam(d);

        NDArray fake = g.forward(t("z"), false).stopGradient();
        assertClose("fake", fake);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray real = d.forward(t("real"), false);
            assertClose("d_real", real);
            NDArray loss = Losses.bceWithLogits(real, 1f).add(Losses.bceWithLogits(d.forward(fake, false), 0f));
            assertClose("d_loss", loss);
            collector.backward(loss);
        }
        stepAndCompare(c, d, adamD, "D.");

        d.setFrozen(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = Losses.bceWithLogits(d.forward(g.forward(t("z2"), false), false), 1f);
            assertClose("g_loss", loss);
            collector.backward(loss);
        }
        d.setFrozen(false);
        stepAndCompare(c, g, adamG, "G.");
        compareWeights(c, d, "D.", true); // the G step left D's weights alone
    }

    private void load(String name) {
        try (InputStream in = getClass().getResourceAsStream("/io/gan4j/parity/" + name + ".safetensors.gz")) {
            assertTrue(in != null, "missing fixture " + name);
            fixture = Safetensors.parse(new GZIPInputStream(in).readAllBytes(), name).tensors();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static TrainConfig reference(String model) {
        TrainConfig c = new TrainConfig();
        c.model = model;
        c.dConditioning = "embed";
        return Models.resolveForDigits(c);
    }

    private Network loaded(TrainConfig c, Network net, String prefix) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        fixture.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                state.put(k.substring(prefix.length()), v);
            }
        });
        TorchStateDict.load(c, net, state, prefix, manager);
        return net;
    }

    private Adam adam(Network net) {
        return new Adam(net.trainableParameters(), manager, 2e-4f, 0.5f, 0.999f);
    }

    private NDArray t(String name) {
        return fixture.get(name).toNDArray(manager);
    }

    /** Compares the gradients PyTorch got, then steps Adam and compares the weights. */
    private void stepAndCompare(TrainConfig c, Network net, Adam adam, String prefix) {
        int compared = 0;
        for (Map.Entry<String, Parameter> p : TorchStateDict.names(c, net).entrySet()) {
            if (p.getValue().requiresGradient()) {
                compare("grad." + prefix + p.getKey(), p.getValue().getArray().getGradient().toFloatArray());
                compared++;
            }
        }
        assertEquals(net.trainableParameters().size(), compared);
        adam.step();
        compareWeights(c, net, prefix, false);
    }

    /**
     * A bias right before BatchNorm (fc, up1, c2 in the acgan) has a zero gradient in exact
     * arithmetic; what both sides compute is rounding residue (~1e-9), below Adam's epsilon, so its
     * first Adam step is residue over epsilon, anything up to the learning rate in either direction. Values
     * whose PyTorch gradient is below {@link #NOISE} are therefore held to twice the learning rate only.
     */
    private void compareWeights(TrainConfig c, Network net, String prefix, boolean trainedOnly) {
        for (Map.Entry<String, Parameter> p : TorchStateDict.names(c, net).entrySet()) {
            if (trainedOnly && !p.getValue().requiresGradient()) {
                continue; // running statistics: the fixture has them as of D's own step
            }
            Tensor grad = fixture.get("grad." + prefix + p.getKey());
            float[] gradient = grad == null ? null : grad.toNDArray(manager).toFloatArray();
            compare("after." + prefix + p.getKey(), p.getValue().getArray().toFloatArray(),
                    i -> gradient != null && Math.abs(gradient[i]) < NOISE ? 2 * LR : TOLERANCE);
        }
    }

    private void assertClose(String name, NDArray actual) {
        compare(name, actual.toFloatArray());
    }

    private void compare(String name, float[] actual) {
        compare(name, actual, i -> TOLERANCE);
    }

    /** Full arrays, or every k-th value (k = ceil(n / 4096)) where the fixture keeps only those. */
    private void compare(String name, float[] actual, java.util.function.IntToDoubleFunction tolerance) {
        Tensor expected = fixture.get(name);
        assertTrue(expected != null, "fixture has no " + name);
        float[] want = expected.toNDArray(manager).toFloatArray();
        int stride = actual.length <= SAMPLE || want.length == actual.length ? 1 : (actual.length + SAMPLE - 1) / SAMPLE;
        assertEquals(want.length, (actual.length + stride - 1) / stride, name + " size");
        for (int i = 0; i < want.length; i++) {
            double diff = Math.abs(actual[i * stride] - want[i]);
            double allowed = tolerance.applyAsDouble(i);
            if (diff > allowed + TOLERANCE * Math.abs(want[i])) {
                throw new AssertionError(name + "[" + i * stride + "]: " + actual[i * stride] + " where PyTorch has "
                        + want[i] + " (tolerance " + allowed + ")");
            }
        }
    }
}
