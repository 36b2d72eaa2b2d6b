package io.gan4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.gan4j.NativeTest;
import io.gan4j.io.Safetensors;
import io.gan4j.io.Tensor;
import io.gan4j.models.Gan;
import io.gan4j.models.Models;
import io.gan4j.options.Options;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * gan4j's training step against PyTorch, for every model: the production code ({@link Models#create},
 * the model's {@code discriminatorLoss}/{@code generatorLoss} or {@code discriminatorUpdates},
 * {@link Trainer#trainStep} with its freezing and the recipe's optimizer, {@link Adam} or for
 * pattern plain {@link Sgd}) runs one step from the initial weights both sides compute
 * ({@link #initialValues}), on the fixture's real batches, with every random draw of the step
 * replayed from the fixture through {@link Draws}. Every weight, BatchNorm running statistic and
 * Adam moment afterwards (an optimizer without moments must keep no state), and both losses, must agree with the PyTorch reference
 * ({@code src/test/python/make_parity_fixtures.py}) to 1e-5; a draw the step makes in another order
 * or shape than the reference fails too.
 */
class ParityTest extends NativeTest {

    private static final double TOLERANCE = 1e-5;
    private static final int SAMPLE = 1024;
    private static final int BATCH = 4;

    private Map<String, Tensor> fixture;

    @ParameterizedTest
    @ValueSource(strings = {"pattern", "vanilla", "dcgan", "cgan", "acgan-embed", "acgan-projection", "sgan", "infogan",
            "wgan-gp", "pix2pix"})
    void oneStepMatchesPyTorch(String name) throws Exception {
        fixture = load(name);
        TrainConfig c = config(name);
        Gan gan = Models.create(c, manager);
        for (Network net : gan.networks()) {
            initialise(net);
        }
        Map<String, Optimizer> optimizers = Trainer.optimizers(c, gan, manager);
        FixtureDraws draws = new FixtureDraws();
        Map<String, Float> losses;
        try (AutoCloseable installed = Draws.install(draws)) {
            losses = Trainer.trainStep(c, gan, optimizers, batches(), 0, manager);
        }
        assertEquals(count("draw."), draws.next, name + ": the step made fewer draws than the reference");
        compare(name + " d_loss", new float[] {losses.get("d_loss")}, "d_loss");
        compare(name + " g_loss", new float[] {losses.get("g_loss")}, "g_loss");
        for (Network net : gan.networks()) {
            String side = net.name().substring(0, 1).toUpperCase();
            List<Pair<String, Parameter>> parameters = net.block().getParameters().stream().toList();
            assertEquals(count("after." + side + "."), parameters.size(), name + " " + net.name() + " parameters");
            Optimizer optimizer = optimizers.get(net.name());
            boolean adam = optimizer instanceof Adam;
            for (int i = 0; i < parameters.size(); i++) {
                Parameter p = parameters.get(i).getValue();
                int j = net.trainableParameters().indexOf(p);
                float[] residue = j < 0 || !adam ? null : residue(tensor("v." + side + "." + j, manager).toFloatArray(), c.get(Options.BETA2));
                boolean runningMean = parameters.get(i).getKey().endsWith("runningMean");
                compare(name + " " + net.name() + " " + parameters.get(i).getKey(), p.getArray().toFloatArray(),
                        "after." + side + "." + i, k -> residue != null && residue[k] > 0 ? 2 * optimizer.learningRate()
                                : runningMean ? RUNNING_MEAN_SLACK * optimizer.learningRate() : 0);
            }
            List<NDArray> moments = optimizer.state();
            if (!adam) {
                assertTrue(moments.isEmpty(), name + " " + net.name() + ": " + optimizer.kind() + " keeps " + moments.size()
                        + " state arrays, the reference's optimizer none");
                assertEquals(0, count("m." + side + ".") + count("v." + side + "."),
                        name + " " + net.name() + ": the reference has Adam moments, gan4j's optimizer is " + optimizer.kind());
                continue;
            }
            assertEquals(count("m." + side + "."), moments.size() / 2, name + " " + net.name() + " trainable parameters");
            for (int j = 0; j < moments.size() / 2; j++) {
                compare(name + " " + net.name() + " Adam m " + j, moments.get(2 * j).toFloatArray(), "m." + side + "." + j);
                compare(name + " " + net.name() + " Adam v " + j, moments.get(2 * j + 1).toFloatArray(), "v." + side + "." + j);
            }
        }
    }

    /**
     * The model's own recipe (its defaults) on 28×28 digits, batch 4; the small settings the fixture's
     * networks have; infogan without its warped fakes. The "vanilla" fixture is the tutorial's
     * networks and recipe, model vanilla-tutorial (model vanilla's D is spectrally normalised).
     */
    private static TrainConfig config(String name) {
        TrainConfig c = new TrainConfig();
        c.model = name.startsWith("acgan") ? "acgan" : name;
        c.set(Options.BATCH_SIZE, BATCH);
        switch (name) {
            case "pattern" -> c.set(Options.BATCH_SIZE, 1);
            case "vanilla" -> c.model = "vanilla-tutorial";
            case "infogan" -> {
                c.set(Options.BATCH_SIZE, 8 * BATCH);
                // The fixture has no warp: docs/testing.md (InfoGAN).
                c.set(Options.INFO_AUGMENT, false);
            }
            case "acgan-embed" -> c.set(Options.D_CONDITIONING, "embed");
            case "acgan-projection" -> c.set(Options.D_CONDITIONING, "projection");
            case "wgan-gp" -> c.set(Options.N_CRITIC, 2);
            case "pix2pix" -> {
                c.set(Options.BASE_CHANNELS, 4);
                c.set(Options.D_LAYERS, 2);
            }
            default -> { }
        }
        Models.resolveForDigits(c);
        if (name.equals("pix2pix")) {
            c.set(Options.TASK, "edges2digits");
        }
        return c;
    }

    /** The fixture's real batch K for discriminator update K. */
    private DataSource batches() {
        return new DataSource() {
            @Override
            public int stepsPerEpoch() {
                return 1;
            }

            @Override
            public Batch batch(long k, NDManager m) {
                Tensor labels = fixture.get("labels." + k);
                return new Batch(tensor("real." + k, m), labels == null ? null : labels.toNDArray(m));
            }
        };
    }

    /**
     * The initial weights both sides compute (make_parity_fixtures.py's init_value): parameter k's
     * values from a mixing hash of the flat index, u in [-0.5, 0.5), times 2^-⌊⌊log2 fan_in⌋/2⌋
     * (fan_in = size / first dimension; 256 for vectors); scales 1 + u/4 (1 if fixed BatchNorm scale);
     * running means 0, variances 1. Every value is exact in float32.
     */
    private static void initialise(Network net) {
        int k = 0;
        for (Pair<String, Parameter> p : net.block().getParameters()) {
            NDArray a = p.getValue().getArray();
            float[] values = initialValues(k++, a.getShape(), kind(p));
            a.set(values);
        }
    }

    private static String kind(Pair<String, Parameter> p) {
        String key = p.getKey();
        if (key.endsWith("runningMean")) {
            return "mean";
        }
        if (key.endsWith("runningVar")) {
            return "var";
        }
        if (key.endsWith("gamma")) {
            return p.getValue().requiresGradient() ? "scale" : "one";
        }
        return key.endsWith("_g") ? "scale" : "weight";
    }

    static float[] initialValues(int index, Shape shape, String kind) {
        int n = (int) shape.size();
        float[] values = new float[n];
        long fanIn = shape.dimension() > 1 ? n / shape.get(0) : 256;
        float scale = 1f / (1 << ((63 - Long.numberOfLeadingZeros(fanIn)) / 2));
        for (int i = 0; i < n; i++) {
            long h = i * 0x9E3779B97F4A7C15L + index + 1;
            h ^= h >>> 31;
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 29;
            float u = ((h >>> 48) - 32768) / 65536f;
            values[i] = switch (kind) {
                case "mean" -> 0f;
                case "var", "one" -> 1f;
                case "scale" -> 1 + u / 4;
                default -> u * scale;
            };
        }
        return values;
    }

    /** Replays the fixture's draws in order, each checked for its shape (and integer type). */
    private final class FixtureDraws implements Draws {

        int next;

        private NDArray take(NDManager m, Shape shape, String what) {
            String key = String.format("draw.%03d", next++);
            Tensor t = fixture.get(key);
            assertNotNull(t, "the step made more draws than the reference (" + what + " " + shape + ")");
            NDArray a = t.toNDArray(m);
            assertEquals(shape, a.getShape(), key + " (" + what + "): the reference drew another shape");
            return a;
        }

        @Override
        public NDArray normal(NDManager m, float mean, float std, Shape shape) {
            return take(m, shape, "normal");
        }

        @Override
        public NDArray uniform(NDManager m, float low, float high, Shape shape) {
            NDArray a = take(m, shape, "uniform");
            assertTrue(a.gte(low).all().getBoolean() && a.lt(high).all().getBoolean(), "uniform draw out of range");
            return a;
        }

        @Override
        public NDArray integers(NDManager m, long low, long high, Shape shape) {
            NDArray a = take(m, shape, "integers");
            assertEquals(DataType.INT64, a.getDataType());
            return a;
        }

        @Override
        public NDArray keepMask(NDArray x, float keep) {
            return take(x.getManager(), x.getShape(), "keep mask " + keep);
        }
    }

    private NDArray tensor(String name, NDManager m) {
        Tensor t = fixture.get(name);
        assertNotNull(t, "fixture has no " + name);
        return t.toNDArray(m);
    }

    private int count(String prefix) {
        return (int) fixture.keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }

    /**
     * A BatchNorm's running mean after a pass that followed its network's update: the bias before
     * it moved by residue (see {@link #residue}), up to 2·lr apart on the two sides, and the running
     * mean takes a tenth (1 − momentum) of it; the normalised output does not depend on it.
     */
    private static final double RUNNING_MEAN_SLACK = 0.2;

    /**
     * 1 where PyTorch's gradient (from Adam's second moment after the step) was below 1e-6, else 0.
     * A bias right before BatchNorm has a zero gradient in exact arithmetic; what both sides compute
     * is rounding residue (~1e-9), below Adam's epsilon, so its first Adam step is residue over
     * epsilon, anything up to the learning rate in either direction: such values are held to twice
     * the learning rate only.
     */
    private static float[] residue(float[] secondMoment, float beta2) {
        float[] out = new float[secondMoment.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.sqrt(secondMoment[i] / (1 - beta2)) < 1e-6 ? 1 : 0;
        }
        return out;
    }

    private void compare(String what, float[] actual, String key) {
        compare(what, actual, key, i -> 0);
    }

    /**
     * Full arrays, or every k-th value (k = ceil(n / SAMPLE)) where the fixture keeps only those,
     * to 1e-5 (relative above 1) plus {@code slack} at sampled index i.
     */
    private void compare(String what, float[] actual, String key, java.util.function.IntToDoubleFunction slack) {
        float[] want = tensor(key, manager).toFloatArray();
        int stride = actual.length <= SAMPLE ? 1 : (actual.length + SAMPLE - 1) / SAMPLE;
        assertEquals(want.length, (actual.length + stride - 1) / stride, what + " size");
        for (int i = 0; i < want.length; i++) {
            double diff = Math.abs(actual[i * stride] - want[i]);
            if (diff > TOLERANCE * (1 + Math.abs(want[i])) + slack.applyAsDouble(i)) {
                throw new AssertionError(what + "[" + i * stride + "]: " + actual[i * stride] + " where PyTorch has " + want[i]);
            }
        }
    }

    private static Map<String, Tensor> load(String name) {
        try (InputStream in = ParityTest.class.getResourceAsStream("/io/gan4j/parity/" + name + ".safetensors.gz")) {
            assertNotNull(in, "missing fixture " + name);
            return Safetensors.parse(new GZIPInputStream(in).readAllBytes(), name).tensors();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
