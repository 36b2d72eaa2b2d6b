package io.gan4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.gan4j.NativeOps;

import java.util.List;

/**
 * A convolutional discriminator that sees the label as extra image channels (seed 000): takes
 * (images, labels) and computes {@code heads(body(concat(images, embedding maps)))}, where the
 * label embedding is repeated over every pixel ({@link LabelConcat}) and the body starts with a
 * {@link Conv2d}.
 *
 * <p>The concatenation is never built. A convolution is linear in its input channels, so
 * {@code conv(concat(x, e))} is {@code conv(x, W[:, :C]) + conv(e maps, W[:, C:])}, and the second
 * term depends only on the label: it is computed once per forward pass for every class (zero
 * padding at the borders included, so it is exact) and looked up per sample. The first
 * convolution then costs C input channels instead of C + dim (1 instead of 11 for MNIST),
 * and no gradient is computed for the broadcast embedding maps of every sample. The first
 * convolution's bias goes into the per-class term too: added once per class instead of to every
 * sample's output, its gradient summed over the per-class term [classes, out, H', W'] instead of
 * over the batch's output. The children
 * (and so the parameter names, checkpoints and PyTorch state-dict names) are those of
 * {@code SequentialBlock(LabelConcat, body, heads)}.
 */
public final class LabelChannels extends AbstractBlock {

    private static final byte VERSION = 1;

    private final LabelConcat labels;
    private final SequentialBlock body;
    private final Block heads;
    private final Conv2d first;

    public LabelChannels(LabelConcat labels, SequentialBlock body, Block heads) {
        super(VERSION);
        List<Block> layers = body.getChildren().values();
        if (layers.isEmpty() || !(layers.get(0) instanceof Conv2d conv) || conv.getGroups() != 1) {
            throw new IllegalArgumentException("LabelChannels needs a body that starts with an ungrouped Conv2d");
        }
        this.first = conv;
        // Named as SequentialBlock names its children, so the parameter paths are the same.
        this.labels = addChildBlock(labels.getClass().getSimpleName(), labels);
        this.body = addChildBlock(body.getClass().getSimpleName(), body);
        this.heads = addChildBlock(heads.getClass().getSimpleName(), heads);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray w = store.getValue(first.getParameters().get("weight"), x.getDevice(), training);
        NDArray b = first.isIncludeBias() ? store.getValue(first.getParameters().get("bias"), x.getDevice(), training) : null;
        long c = x.getShape().get(1);
        NDArray imagePart = NativeOps.conv2d(x, w.get(":, :{}", c), null, first.getStride(), first.getPadding(),
                first.getDilation());
        NDArray table = labels.table(store, x.getDevice(), training);
        long classes = table.getShape().get(0);
        long dim = table.getShape().get(1);
        NDArray maps = table.reshape(classes, dim, 1, 1).broadcast(classes, dim, x.getShape().get(2), x.getShape().get(3));
        NDArray perClass = NativeOps.conv2d(maps, w.get(":, {}:", c), b, first.getStride(), first.getPadding(),
                first.getDilation());
        NDArray labelPart = LabelEmbedding.lookup(inputs.get(1), perClass.reshape(classes, -1)).reshape(imagePart.getShape());
        NDList h = new NDList(imagePart.add(labelPart));
        List<Block> layers = body.getChildren().values();
        for (int i = 1; i < layers.size(); i++) {
            h = layers.get(i).forward(store, h, training);
        }
        return heads.forward(store, h, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return heads.getOutputShapes(body.getOutputShapes(labels.getOutputShapes(inputs)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        labels.initialize(manager, dataType, inputShapes);
        Shape[] joined = labels.getOutputShapes(inputShapes);
        body.initialize(manager, dataType, joined);
        heads.initialize(manager, dataType, body.getOutputShapes(joined));
    }
}
