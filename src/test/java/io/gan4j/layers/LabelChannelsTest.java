package io.gan4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class LabelChannelsTest {

    /** The discriminator with the label channels actually concatenated: the definition LabelChannels must equal. */
    private static Block concatenated(int size, int classes) {
        return new SequentialBlock().add(new LabelConcat(classes, classes)).add(ConvNets.discriminatorBody(size))
                .add(ConvNets.heads(1, classes));
    }

    @Test
    void equalsTheConvolutionOfTheConcatenationWithItsGradients() {
        // 2 image channels (by columns), at 28 and 64 px (stride 2, padding 1), with 4 and 10 classes
        for (int[] sizeAndClasses : new int[][] {{28, 4}, {64, 4}, {28, 10}}) {
            int size = sizeAndClasses[0];
            int classes = sizeAndClasses[1];
            try (NDManager manager = NDManager.newBaseManager()) {
                Engine.getInstance().setRandomSeed(11);
                Shape image = new Shape(5, 2, size, size);
                Block split = ConvNets.discriminator(size, classes, true, 1, classes);
                Block plain = concatenated(size, classes);
                split.initialize(manager, DataType.FLOAT32, image, new Shape(5));
                plain.initialize(manager, DataType.FLOAT32, image, new Shape(5));
                Init.pytorchDefaults(split);
                ParameterList a = split.getParameters();
                ParameterList b = plain.getParameters();
                assertEquals(names(b), names(a), "same parameter paths as SequentialBlock(LabelConcat, body, heads)");
                for (int i = 0; i < a.size(); i++) {
                    a.get(i).getValue().getArray().copyTo(b.get(i).getValue().getArray());
                }
                NDArray x = manager.randomNormal(image);
                // Repeated labels and a class no sample has: the lookup's gradient must add up and leave zeros.
                NDArray labels = manager.create(new int[] {2, 0, 2, 1, 2});
                NDList rs = new NDList(manager.randomNormal(new Shape(5, 1)), manager.randomNormal(new Shape(5, classes)));
                NDList fromSplit = run(split, x, labels, rs);
                NDList fromPlain = run(plain, x, labels, rs);
                // Two float32 summation orders over whole feature maps: on AVX2 oneDNN kernels the head
                // weights' gradients at 64 px differ by 1.2e-5 (2.8e-4 relative); a wrong label term
                // would differ by orders of magnitude more.
                for (int i = 0; i < fromPlain.size(); i++) {
                    NDArray expected = fromPlain.get(i);
                    LayerFixture.assertClose(size + " px, " + classes + " classes: " + expected.getName(), expected.getShape(),
                            expected.toFloatArray(), fromSplit.get(i), 1e-4);
                }
            }
        }
    }

    private static List<String> names(ParameterList parameters) {
        List<String> out = new ArrayList<>();
        parameters.forEach(p -> out.add(p.getKey()));
        return out;
    }

    /** Both heads' outputs, the image gradient and every parameter's gradient of Σ heads·r (training mode). */
    private static NDList run(Block block, NDArray image, NDArray labels, NDList rs) {
        NDArray x = image.duplicate();
        x.setRequiresGradient(true);
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
        NDList out = new NDList();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList y = block.forward(new ParameterStore(x.getManager(), false), new NDList(x, labels), true);
            collector.backward(y.get(0).mul(rs.get(0)).sum().add(y.get(1).mul(rs.get(1)).sum()));
            named(out, "realFake", y.get(0).stopGradient());
            named(out, "classes", y.get(1).stopGradient());
        }
        named(out, "imageGrad", x.getGradient());
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray v = p.getValue().getArray();
            named(out, p.getKey() + (v.hasGradient() ? " grad" : " value"), v.hasGradient() ? v.getGradient() : v);
        }
        return out;
    }

    private static void named(NDList list, String name, NDArray array) {
        NDArray copy = array.duplicate();
        copy.setName(name);
        list.add(copy);
    }
}
