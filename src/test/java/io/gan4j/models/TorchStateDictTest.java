package io.gan4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.NativeTest;
import io.gan4j.Gan4jException;
import io.gan4j.Engines;
import io.gan4j.io.Tensor;
import io.gan4j.training.Network;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** gan4j's networks under PyTorch's state_dict names, checked against what PyTorch itself wrote. */
class TorchStateDictTest extends NativeTest {

    @BeforeEach
    void open() {
        Engines.seed(3);
    }

    /**
     * What {@code state_dict()} gives for the PyTorch reference models that {@code sample --weights}
     * imports (seed 000's AC-GAN, seed 001's MLPs; PyTorch 1.13): name, dtype and shape of each
     * entry, in order ("I64" entries are num_batches_tracked scalars).
     */
    private static final Map<String, String> REFERENCE = Map.of(
            "acgan G", "emb.weight F32 10,10; fc.weight F32 6272,110; fc.bias F32 6272; bn0.weight F32 6272;"
                    + " bn0.bias F32 6272; bn0.running_mean F32 6272; bn0.running_var F32 6272; bn0.num_batches_tracked I64 ;"
                    + " up1.weight F32 128,64,4,4; up1.bias F32 64; bn1.weight F32 64; bn1.bias F32 64; bn1.running_mean F32 64;"
                    + " bn1.running_var F32 64; bn1.num_batches_tracked I64 ; up2.weight F32 64,1,4,4; up2.bias F32 1",
            "acgan D", "emb.weight F32 10,10; c1.weight F32 64,11,4,4; c1.bias F32 64; c2.weight F32 128,64,4,4; c2.bias F32 128;"
                    + " bn2.weight F32 128; bn2.bias F32 128; bn2.running_mean F32 128; bn2.running_var F32 128;"
                    + " bn2.num_batches_tracked I64 ; rf.weight F32 1,6272; rf.bias F32 1; cls.weight F32 10,6272; cls.bias F32 10",
            "vanilla G", "0.weight F32 256,100; 0.bias F32 256; 3.weight F32 256,256; 3.bias F32 256; 6.weight F32 256,256;"
                    + " 6.bias F32 256; 9.weight F32 784,256; 9.bias F32 784",
            "vanilla D", "0.weight F32 256,784; 0.bias F32 256; 3.weight F32 256,256; 3.bias F32 256; 6.weight F32 256,256;"
                    + " 6.bias F32 256; 9.weight F32 1,256; 9.bias F32 1");

    private void assertExportMatchesPyTorch(Gan gan, Network net, String reference) {
        Map<String, Tensor> exported = TorchStateDict.export(gan.config, net, 5);
        List<String> actual = new java.util.ArrayList<>();
        exported.forEach((name, t) -> {
            StringBuilder shape = new StringBuilder();
            for (long d : t.shape()) {
                shape.append(shape.length() == 0 ? "" : ",").append(d);
            }
            actual.add(name + " " + t.dtype() + " " + shape);
        });
        assertEquals(List.of(REFERENCE.get(reference).split("; ")), actual, "names, dtypes and shapes, in state_dict order");
    }

    @Test
    void exportsTheReferenceModelsUnderPyTorchNamesAndShapes() {
        Gan acgan = ModelsTest.create("acgan", manager, "dConditioning", "embed");
        assertExportMatchesPyTorch(acgan, acgan.generator(), "acgan G");
        assertExportMatchesPyTorch(acgan, acgan.discriminator(), "acgan D");
        Gan vanilla = ModelsTest.create("vanilla-tutorial", manager);
        assertExportMatchesPyTorch(vanilla, vanilla.generator(), "vanilla G");
        assertExportMatchesPyTorch(vanilla, vanilla.discriminator(), "vanilla D");
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
