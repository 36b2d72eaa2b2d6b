package io.gan4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import io.gan4j.NativeTest;
import io.gan4j.data.LabeledImages;
import io.gan4j.Gan4jException;
import io.gan4j.Engines;
import io.gan4j.options.Option;
import io.gan4j.options.Options;
import io.gan4j.training.Adam;
import io.gan4j.training.Batch;
import io.gan4j.training.Network;
import io.gan4j.training.StepLoss;
import io.gan4j.training.TrainConfig;
import io.gan4j.training.Trainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/** Every model of the zoo, on 28×28 single-channel images with 10 classes and a batch of 8. */
class ModelsTest extends NativeTest {

    private static final int B = 8;

    @BeforeEach
    void open() {
        Engines.seed(11);
    }

    static Gan create(String model, NDManager manager, String... options) {
        return create(model, 28, manager, options);
    }

    static Gan create(String model, int size, NDManager manager, String... options) {
        TrainConfig c = new TrainConfig();
        c.model = model;
        for (int i = 0; i < options.length; i += 2) {
            parseInto(c, Objects.requireNonNull(Options.byKey(options[i]), options[i]), options[i + 1]);
        }
        Models.resolve(c);
        c.imageShape = new int[] {1, size, size};
        c.numClasses = 10;
        return Models.create(c, manager);
    }

    private static <T> void parseInto(TrainConfig c, Option<T> option, String text) {
        c.set(option, option.parse(text));
    }

    private Batch realBatch(Gan gan) {
        Shape s = new Shape(B).addAll(gan.sampleShape());
        NDArray images = manager.randomUniform(gan.outputLow(), gan.outputHigh(), s);
        return new Batch(images, manager.randomInteger(0, 10, new Shape(B), DataType.INT64));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pattern", "vanilla", "dcgan", "cgan", "acgan", "sgan"})
    void generatorMakesSamplesOfTheDeclaredShapeAndRange(String model) {
        Gan gan = create(model, manager);
        NDArray labels = manager.create(new long[] {0, 1, 2, 3, 4, 5, 6, 7});
        NDArray samples = gan.generate(gan.noise(manager, B), labels, false);
        assertEquals(new Shape(B).addAll(gan.sampleShape()), samples.getShape());
        assertTrue(samples.min().getFloat() >= gan.outputLow() && samples.max().getFloat() <= gan.outputHigh());
    }

    @Test
    void convNetworksHaveTheDcganShapes() {
        Gan acgan = create("acgan", manager);
        NDArray images = manager.zeros(new Shape(B, 1, 28, 28));
        NDArray labels = manager.zeros(new Shape(B), DataType.INT64);
        NDList heads = acgan.discriminator().forward(new NDList(images, labels), false);
        assertEquals(new Shape(B, 1), heads.get(0).getShape(), "real/fake logit");
        assertEquals(new Shape(B, 10), heads.get(1).getShape(), "class logits");
        Gan seed000 = create("acgan", manager, "dConditioning", "embed");
        assertEquals(new Shape(B, 10), seed000.discriminator().forward(new NDList(images, labels), false).get(1).getShape());
        Gan paper = create("acgan", manager, "dConditioning", "none");
        assertEquals(new Shape(B, 10), paper.discriminator().forward(new NDList(images), false).get(1).getShape());
        Gan dcgan = create("dcgan", manager);
        assertEquals(new Shape(B, 1), dcgan.discriminator().forward(new NDList(images), false).singletonOrThrow().getShape());
        Gan cgan = create("cgan", manager, "arch", "mlp");
        assertEquals(new Shape(B, 1), cgan.discriminator().forward(new NDList(images.reshape(B, 784), labels), false)
                .singletonOrThrow().getShape());
        Gan cganConv = create("cgan", manager, "arch", "conv");
        assertEquals(new Shape(B, 1), cganConv.discriminator().forward(new NDList(images, labels), false)
                .singletonOrThrow().getShape());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dcgan", "acgan"})
    void classic64x64NetworksDoubleFrom4x4To64x64(String model) {
        Gan gan = create(model, 64, manager);
        NDArray samples = gan.generate(gan.noise(manager, 2), manager.create(new long[] {1, 2}), false);
        assertEquals(new Shape(2, 1, 64, 64), samples.getShape());
        NDList inputs = gan.numClasses() > 0 ? new NDList(samples, manager.create(new long[] {1, 2})) : new NDList(samples);
        assertEquals(new Shape(2, 1), gan.discriminator().forward(inputs, false).get(0).getShape());
    }

    @Test
    void convModelsRejectSizesTheirNetworksCannotTake() {
        Gan4jException e = assertThrows(Gan4jException.class, () -> create("dcgan", 48, manager));
        assertTrue(e.getMessage().contains("48x48"), e.getMessage());
    }

    /** The class head returns raw logits: softmax is applied once, inside the cross-entropy. */
    @Test
    void acganClassHeadReturnsLogitsNotProbabilities() {
        Gan acgan = create("acgan", manager);
        NDArray images = manager.randomUniform(-1f, 1f, new Shape(B, 1, 28, 28));
        NDArray logits = acgan.discriminator().forward(new NDList(images, manager.zeros(new Shape(B),
                DataType.INT64)), false).get(1);
        float[] rowSums = logits.sum(new int[] {1}).toFloatArray();
        assertFalse(Arrays.stream(toDoubles(rowSums)).allMatch(s -> Math.abs(s - 1) < 1e-3), "rows sum to 1: softmaxed");
        assertTrue(logits.min().getFloat() < 0, "probabilities are never negative; logits are");
    }

    /**
     * With projection conditioning the label moves only the real/fake logit: the class head must
     * find the class in the image (with the label in D's input it can read it off the label).
     */
    @Test
    void projectionDiscriminatorHidesTheLabelFromTheClassHead() {
        Gan acgan = create("acgan", manager);
        NDArray images = manager.randomUniform(-1f, 1f, new Shape(2, 1, 28, 28)).repeat(0, 1);
        NDList three = acgan.discriminator().forward(new NDList(images, manager.create(new long[] {3, 3})), false);
        NDList seven = acgan.discriminator().forward(new NDList(images, manager.create(new long[] {7, 7})), false);
        assertArrayEquals(three.get(1).toFloatArray(), seven.get(1).toFloatArray(), 0f, "class logits saw the label");
        assertFalse(Arrays.equals(three.get(0).toFloatArray(), seven.get(0).toFloatArray()), "real/fake logit ignores the label");
        Gan seed000 = create("acgan", manager, "dConditioning", "embed");
        NDList a = seed000.discriminator().forward(new NDList(images, manager.create(new long[] {3, 3})), false);
        NDList b = seed000.discriminator().forward(new NDList(images, manager.create(new long[] {7, 7})), false);
        assertFalse(Arrays.equals(a.get(1).toFloatArray(), b.get(1).toFloatArray()), "seed 000's class head sees the label");
    }

    /** SGAN's D: K+1 logits (Odena) or K (Salimans), plus the features G matches; the class is an argmax of K. */
    @Test
    void sganDiscriminatorClassifiesIntoKClasses() {
        NDArray images = manager.randomUniform(-1f, 1f, new Shape(B, 1, 28, 28));
        for (String output : new String[] {"k+1", "k"}) {
            Sgan sgan = (Sgan) create("sgan", manager, "dOutput", output);
            NDList out = sgan.discriminator().forward(new NDList(images), false);
            assertEquals(new Shape(B, output.equals("k") ? 10 : 11), out.get(0).getShape());
            assertEquals(2, out.get(1).getShape().dimension(), "features");
            long[] classes = sgan.classify(images).toLongArray();
            assertEquals(B, classes.length);
            assertTrue(Arrays.stream(classes).allMatch(k -> k >= 0 && k < 10));
        }
    }

    /**
     * The default (mlp) SGAN follows Salimans et al.: every D layer weight-normalised, only the
     * output layer's gain trained, and the gains set from the first batch when the data is bound.
     */
    @Test
    void sganMlpDiscriminatorIsWeightNormalisedAndInitialisedFromData() {
        Gan gan = create("sgan", manager, "batchSize", "8", "labels", "20");
        List<Parameter> gains = gan.discriminator().block().getParameters().stream()
                .filter(p -> p.getKey().endsWith("_g")).map(Pair::getValue).toList();
        assertEquals(6, gains.size(), "five hidden layers and the output layer");
        assertEquals(1, gains.stream().filter(p -> gan.discriminator().trainableParameters().contains(p)).count());
        float[] before = gains.get(0).getArray().toFloatArray();
        assertTrue(IntStream.range(0, before.length).allMatch(i -> before[i] == 1f));
        byte[] pixels = new byte[40 * 28 * 28];
        new Random(5).nextBytes(pixels);
        byte[] labels = new byte[40];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (i % 10);
        }
        gan.realData(new LabeledImages(40, 28, 28, pixels, labels, "random"), manager);
        for (Parameter g : gains) {
            float[] after = g.getArray().toFloatArray();
            assertTrue(IntStream.range(0, after.length).allMatch(i -> after[i] != 1f && Float.isFinite(after[i])), g.getName());
        }
    }

    /** The supervised baseline trains D on the labelled rows only and never touches G. */
    @Test
    void sganSupervisedBaselineUsesOnlyTheLabels() {
        Gan gan = create("sgan", manager, "supervisedOnly", "true", "batchSize", "4");
        assertTrue(gan.generatorSide().isEmpty());
        StepLoss loss = gan.discriminatorLoss(realBatch(gan));
        assertEquals(List.of("d_sup"), List.copyOf(loss.parts().keySet()));
        Gan semi = create("sgan", manager, "batchSize", "4");
        assertEquals(List.of("d_sup", "d_real", "d_fake"), List.copyOf(semi.discriminatorLoss(realBatch(semi)).parts().keySet()));
        assertEquals(List.of("g_fm"), List.copyOf(semi.generatorLoss(realBatch(semi)).parts().keySet()));
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cgan", "acgan"})
    void theLabelChangesTheSample(String model) {
        Gan gan = create(model, manager);
        NDArray noise = gan.noise(manager, 1).repeat(0, 2);
        NDArray samples = gan.generate(noise, manager.create(new long[] {3, 7}), false);
        assertFalse(Arrays.equals(samples.get(0).toFloatArray(), samples.get(1).toFloatArray()));
    }

    /** Inference mode uses BatchNorm's running statistics: a sample must not depend on its batch-mates. */
    @ParameterizedTest
    @ValueSource(strings = {"dcgan", "cgan", "acgan"})
    void aSampleDoesNotDependOnTheRestOfItsBatch(String model) {
        Gan gan = create(model, manager);
        NDArray noise = gan.noise(manager, 10);
        NDArray sorted = gan.generate(noise, manager.create(new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 3}), false);
        NDArray mixed = gan.generate(noise, manager.create(new long[] {9, 1, 2, 5, 4, 8, 6, 7, 1, 3}), false);
        assertArrayEquals(sorted.get(9).toFloatArray(), mixed.get(9).toFloatArray(), 1e-5f);
        NDArray alone = gan.generate(noise.get("9:10"), manager.create(new long[] {3}), false);
        assertArrayEquals(alone.get(0).toFloatArray(), mixed.get(9).toFloatArray(), 1e-5f);
    }

    /** --reuse-fakes takes effect in the models that make their fakes through Gan (dcgan's recipe sets it), nowhere else. */
    @Test
    void onlyTheModelsThatMakeTheirFakesThroughGanReuseThem() {
        assertTrue(create("dcgan", manager).reusesFakes(), "dcgan's recipe");
        assertFalse(create("acgan", manager).reusesFakes(), "acgan's recipe");
        assertTrue(create("acgan", manager, "reuseFakes", "true").reusesFakes(), "acgan --reuse-fakes true");
        for (String model : List.of("sgan", "wgan-gp", "infogan")) {
            assertFalse(create(model, manager, "reuseFakes", "true").reusesFakes(), model);
        }
    }

    /** With reused fakes G is not frozen in the D update, yet gets no gradient there: D's loss reads the fakes detached. */
    @ParameterizedTest
    @ValueSource(strings = {"pattern", "vanilla", "dcgan", "cgan", "acgan"})
    void theDiscriminatorUpdateGivesTheGeneratorNoGradientWhenFakesAreReused(String model) {
        Gan gan = create(model, manager, "batchSize", "4", "reuseFakes", "true");
        assertTrue(gan.reusesFakes(), model);
        Batch real = realBatch(gan);
        for (Function<Batch, StepLoss> loss : gan.discriminatorUpdates()) {
            update(gan, gan.discriminatorSide(), () -> loss.apply(real));
        }
        for (Parameter p : gan.generator().trainableParameters()) {
            assertNull(JniUtils.getGradient((PtNDArray) p.getArray()), model + " " + p.getName());
        }
    }

    /** One discriminator update moves only D's weights; one generator update only G's. */
    @ParameterizedTest
    @ValueSource(strings = {"pattern", "vanilla", "dcgan", "cgan", "acgan", "sgan"})
    void eachUpdateMovesOnlyItsOwnNetwork(String model) {
        // sgan's batch: 4 unlabelled rows, then 4 labelled ones.
        Gan gan = create(model, manager, "batchSize", "4");
        Batch real = realBatch(gan);
        float[][] g0 = snapshot(gan.generator());
        float[][] d0 = snapshot(gan.discriminator());
        update(gan, gan.discriminatorSide(), () -> gan.discriminatorLoss(real));
        assertSame(g0, snapshot(gan.generator()), true);
        assertSame(d0, snapshot(gan.discriminator()), false);
        float[][] d1 = snapshot(gan.discriminator());
        update(gan, gan.generatorSide(), () -> gan.generatorLoss(real));
        assertSame(d1, snapshot(gan.discriminator()), true);
        assertSame(g0, snapshot(gan.generator()), false);
    }

    private void update(Gan gan, List<Network> side, Supplier<StepLoss> loss) {
        Map<String, Adam> optimizers = new LinkedHashMap<>();
        for (Network net : gan.networks()) {
            optimizers.put(net.name(), new Adam(net.trainableParameters(), manager, 1e-2f, 0.5f, 0.999f));
        }
        Trainer.update(gan, side, optimizers, loss, "loss", new LinkedHashMap<>(), 0);
    }

    private static float[][] snapshot(Network net) {
        return net.trainableParameters().stream().map(p -> p.getArray().toFloatArray()).toArray(float[][]::new);
    }

    /** Unchanged: every trainable array identical; changed: at least one array moved. */
    private static void assertSame(float[][] before, float[][] after, boolean unchanged) {
        boolean anyMoved = false;
        for (int i = 0; i < before.length; i++) {
            anyMoved |= !Arrays.equals(before[i], after[i]);
        }
        assertEquals(unchanged, !anyMoved, unchanged ? "a frozen network moved" : "the trained network did not move");
    }
}
