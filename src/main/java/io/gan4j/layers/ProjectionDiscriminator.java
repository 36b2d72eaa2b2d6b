package io.gan4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A class-conditional discriminator (images, labels) → (real/fake logit, class logits) whose
 * class head cannot see the label. The label enters only the real/fake logit, by projection
 * (Miyato &amp; Koyama 2018): {@code adv = w·φ(x) + b + e_y·φ(x)}. When the label is concatenated to
 * the input instead (seed 000), the class head can read the answer off the label, its loss drops to
 * ~0 and the generator gets no classification signal from it.
 */
public final class ProjectionDiscriminator extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block body;
    private final Block adversarial;
    private final Block classes;
    private final Parameter embedding;
    private final int numClasses;

    /** {@code body} maps images to features [B, F]. */
    @SuppressWarnings("this-escape")
    public ProjectionDiscriminator(Block body, int numClasses) {
        super(VERSION);
        this.numClasses = numClasses;
        this.body = addChildBlock("body", body);
        this.adversarial = addChildBlock("adversarial", Linear.builder().setUnits(1).build());
        this.classes = addChildBlock("classes", Linear.builder().setUnits(numClasses).build());
        // Like a linear layer's weight (uniform ±1/√F), so e_y·φ starts at the scale of w·φ.
        this.embedding = addParameter(Parameter.builder().setName("embedding").setType(Parameter.Type.WEIGHT)
                .optInitializer((manager, shape, dataType) -> {
                    float bound = (float) (1 / Math.sqrt(shape.get(1)));
                    return manager.randomUniform(-bound, bound, shape, dataType);
                }).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray features = body.forward(store, new NDList(inputs.get(0)), training).singletonOrThrow();
        NDArray table = store.getValue(embedding, features.getDevice(), training);
        NDArray e = LabelEmbedding.lookup(inputs.get(1), table);
        NDArray projection = e.mul(features).sum(new int[] {1}, true);
        NDArray adv = adversarial.forward(store, new NDList(features), training).singletonOrThrow().add(projection);
        NDArray cls = classes.forward(store, new NDList(features), training).singletonOrThrow();
        return new NDList(adv, cls);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes[0]);
        Shape features = body.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        adversarial.initialize(manager, dataType, features);
        classes.initialize(manager, dataType, features);
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape features = body.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        embedding.setShape(new Shape(numClasses, features.get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        return new Shape[] {new Shape(batch, 1), new Shape(batch, numClasses)};
    }
}
