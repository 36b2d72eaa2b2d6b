package io.gan4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.NativeTest;
import io.gan4j.Gan4jException;
import io.gan4j.Engines;
import io.gan4j.io.Safetensors;
import io.gan4j.io.Tensor;
import io.gan4j.training.Network;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** gan4j's networks under PyTorch's state_dict names, checked against what PyTorch itself wrote. */
class TorchStateDictTest extends NativeTest {

    @BeforeEach
    void open() {
        Engines.seed(3);
    }

    /** The state dicts PyTorch wrote into the parity fixtures (keys "G.", "D." + state_dict name). */
    private static Map<String, Tensor> pytorch(String fixture, String prefix) throws Exception {
        try (InputStream in = TorchStateDictTest.class.getResourceAsStream("/io/gan4j/parity/" + fixture + ".safetensors.gz")) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            Safetensors.parse(new GZIPInputStream(in).readAllBytes(), fixture).tensors().forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    out.put(k.substring(prefix.length()), v);
                }
            });
            return out;
        }
    }

    private void assertExportMatchesPyTorch(Gan gan, Network net, String fixture, String prefix) throws Exception {
        Map<String, Tensor> exported = TorchStateDict.export(gan.config, net, 5);
        Map<String, Tensor> torch = pytorch(fixture, prefix);
        assertEquals(List.copyOf(torch.keySet()), List.copyOf(exported.keySet()), "names, in state_dict order");
        torch.forEach((name, t) -> {
            assertEquals(t.dtype(), exported.get(name).dtype(), name);
            assertArrayEquals(t.shape(), exported.get(name).shape(), name);
        });
    }

    @Test
    void exportsTheReferenceModelsUnderPyTorchNamesAndShapes() throws Exception {
        Gan acgan = ModelsTest.create("acgan", manager, "dConditioning", "embed");
        assertExportMatchesPyTorch(acgan, acgan.generator(), "acgan", "G.");
        assertExportMatchesPyTorch(acgan, acgan.discriminator(), "acgan", "D.");
        Gan vanilla = ModelsTest.create("vanilla-tutorial", manager);
        assertExportMatchesPyTorch(vanilla, vanilla.generator(), "mlp", "G.");
        assertExportMatchesPyTorch(vanilla, vanilla.discriminator(), "mlp", "D.");
    }

    @Test
    void importIsExactAndStrict() throws Exception {
        Gan a = ModelsTest.create("acgan", manager, "dConditioning", "embed");
        Gan b = ModelsTest.create("acgan", manager, "dConditioning", "embed");
        Map<String, Tensor> state = TorchStateDict.export(a.config, a.generator(), 0);
        TorchStateDict.load(b.config, b.generator(), state, "G", manager);
        assertArrayEquals(a.generator().state().get(1).toFloatArray(), b.generator().state().get(1).toFloatArray());
        TorchStateDict.export(b.config, b.generator(), 0).forEach((k, v) -> assertArrayEquals(state.get(k).data(), v.data(), k));

        Map<String, Tensor> missing = new LinkedHashMap<>(state);
        missing.remove("fc.bias");
        Map<String, Tensor> extra = new LinkedHashMap<>(state);
        extra.put("fc2.weight", state.get("fc.bias"));
        Map<String, Tensor> reshaped = new LinkedHashMap<>(state);
        reshaped.put("up1.weight", state.get("fc.bias"));
        for (var c : List.of(Map.entry(missing, "missing tensor 'fc.bias'"), Map.entry(extra, "unexpected tensor 'fc2.weight'"),
                Map.entry(reshaped, "tensor 'up1.weight' is F32(6272)"))) {
            Gan4jException e = assertThrows(Gan4jException.class,
                    () -> TorchStateDict.load(b.config, b.generator(), c.getKey(), "G.st", manager));
            assertTrue(e.getMessage().startsWith("G.st: ") && e.getMessage().contains(c.getValue()), e.getMessage());
        }
    }

    @Test
    void refusesModelsWithoutAPyTorchReference() {
        Gan dcgan = ModelsTest.create("dcgan", manager);
        Gan4jException e = assertThrows(Gan4jException.class, () -> TorchStateDict.export(dcgan.config, dcgan.generator(), 0));
        assertTrue(e.getMessage().contains("reference models acgan and vanilla"), e.getMessage());
        Gan none = ModelsTest.create("acgan", manager, "dConditioning", "none");
        assertEquals("c1.weight", TorchStateDict.export(none.config, none.discriminator(), 0).keySet().iterator().next());
        Gan big = ModelsTest.create("acgan", 64, manager, "dConditioning", "embed");
        e = assertThrows(Gan4jException.class, () -> TorchStateDict.export(big.config, big.generator(), 0));
        assertTrue(e.getMessage().contains("does not match the PyTorch reference model") || e.getMessage().contains("layers"),
                e.getMessage());
    }
}
