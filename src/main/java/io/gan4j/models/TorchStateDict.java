package io.gan4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.gan4j.Gan4jException;
import io.gan4j.io.Tensor;
import io.gan4j.options.Options;
import io.gan4j.training.Network;
import io.gan4j.training.TrainConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * gan4j's networks under the names PyTorch's {@code state_dict()} gives the reference models of
 * {@code ../shared/peers/pytorch/models.py}: {@code acgan} ({@code ACGenerator}, and
 * {@code ACDiscriminator} for {@code --d-conditioning embed}) and {@code vanilla} (the
 * {@code _mlp} Sequentials). Layouts already agree (Linear {@code [out, in]}, Conv2d
 * {@code [out, in, kH, kW]}, ConvTranspose2d {@code [in, out, kH, kW]}, Embedding
 * {@code [classes, dim]}), so only names change: a DJL parameter path's block prefix becomes the
 * PyTorch module (in order), BatchNorm's gamma/beta/runningMean/runningVar become
 * weight/bias/running_mean/running_var, and {@code num_batches_tracked} is added on export
 * (ignored on import: it matters to PyTorch only with {@code momentum=None}).
 */
public final class TorchStateDict {

    private static final Map<String, String> PARAMETERS = Map.of("weight", "weight", "bias", "bias",
            "gamma", "weight", "beta", "bias", "runningMean", "running_mean", "runningVar", "running_var");
    private static final String BATCHES = "num_batches_tracked";

    private TorchStateDict() {}

    /** The network's arrays under PyTorch's names; {@code batchesTracked} fills BatchNorm's counter. */
    public static Map<String, Tensor> export(TrainConfig config, Network net, long batchesTracked) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        names(config, net).forEach((torchName, parameter) -> {
            out.put(torchName, Tensor.of(parameter.getArray()));
            if (torchName.endsWith(".running_var")) {
                String module = torchName.substring(0, torchName.length() - ".running_var".length());
                out.put(module + "." + BATCHES, Tensor.scalarI64(batchesTracked));
            }
        });
        return out;
    }

    /**
     * Copies a PyTorch state dict into the network, as {@code load_state_dict(strict=True)}: every
     * parameter must be there with its shape as float32, and nothing else may be.
     */
    public static void load(TrainConfig config, Network net, Map<String, Tensor> tensors, String source, NDManager manager) {
        Map<String, Parameter> names = names(config, net);
        Set<String> expected = new LinkedHashSet<>(names.keySet());
        for (String name : names.keySet()) {
            if (name.endsWith(".running_var")) {
                expected.add(name.substring(0, name.length() - "running_var".length()) + BATCHES);
            }
        }
        for (String name : tensors.keySet()) {
            if (!expected.contains(name)) {
                throw new Gan4jException(source + ": unexpected tensor '" + name + "' for the " + config.model + " "
                        + net.name() + " (expected " + String.join(", ", names.keySet()) + ")");
            }
        }
        try (NDManager scratch = manager.newSubManager()) {
            names.forEach((name, parameter) -> {
                Tensor t = tensors.get(name);
                NDArray live = parameter.getArray();
                if (t == null) {
                    throw new Gan4jException(source + ": missing tensor '" + name + "' of the " + config.model + " " + net.name());
                }
                if (t.dtype() != Tensor.Dtype.F32 || !java.util.Arrays.equals(t.shape(), live.getShape().getShape())) {
                    throw new Gan4jException(source + ": tensor '" + name + "' is " + t.dtype() + t.shapeText()
                            + ", the " + config.model + " " + net.name() + " needs F32" + live.getShape());
                }
                t.toNDArray(scratch).copyTo(live);
            });
        }
    }

    /** PyTorch name → the DJL parameter, in the network's parameter order. */
    public static Map<String, Parameter> names(TrainConfig config, Network net) {
        List<String> modules = modules(config, net.name());
        List<String> prefixes = new ArrayList<>();
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : net.block().getParameters()) {
            String path = p.getKey();
            int cut = path.lastIndexOf('_');
            String prefix = path.substring(0, Math.max(cut, 0));
            if (!prefixes.contains(prefix)) {
                prefixes.add(prefix);
            }
            String parameter = PARAMETERS.get(path.substring(cut + 1));
            int module = prefixes.size() - 1;
            if (parameter == null || module >= modules.size()) {
                throw new Gan4jException("the " + config.model + " " + net.name() + " of this configuration does not"
                        + " match the PyTorch reference model (" + modules.size() + " modules: " + modules + ")");
            }
            out.put(modules.get(module) + "." + parameter, p.getValue());
        }
        if (prefixes.size() != modules.size()) {
            throw new Gan4jException("the " + config.model + " " + net.name() + " of this configuration has "
                    + prefixes.size() + " layers with weights, the PyTorch reference model " + modules.size());
        }
        return out;
    }

    /** The reference model's module names, in parameter order. */
    private static List<String> modules(TrainConfig c, String network) {
        boolean generator = network.equals("generator");
        switch (c.model) {
            case "vanilla":
            case "vanilla-tutorial":
                return List.of("0", "3", "6", "9");
            case "acgan":
                if (generator) {
                    return List.of("emb", "fc", "bn0", "up1", "bn1", "up2");
                }
                if ("embed".equals(c.get(Options.D_CONDITIONING))) {
                    return List.of("emb", "c1", "c2", "bn2", "rf", "cls");
                }
                if ("none".equals(c.get(Options.D_CONDITIONING))) {
                    return List.of("c1", "c2", "bn2", "rf", "cls");
                }
                throw new Gan4jException("the acgan discriminator has PyTorch names only for --d-conditioning embed"
                        + " (the reference model) or none, not '" + c.get(Options.D_CONDITIONING) + "'; export the generator instead");
            default:
                throw new Gan4jException("PyTorch names are defined for the reference models acgan and vanilla"
                        + " (bench/pytorch/models.py), not " + c.model);
        }
    }
}
