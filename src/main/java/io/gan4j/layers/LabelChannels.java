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
 * padding at the borders included, so it is exact; see {@link #perClass}) and added per sample in
 * place ({@link NativeOps#addRowsInPlace}). The first
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
        // [B, C, H, W] → [B, out, H', W']
        NDArray imagePart = NativeOps.conv2d(x, w.get(":, :{}", c), null, first.getStride(), first.getPadding(),
                first.getDilation());
        NDArray perClass = perClass(x.getManager(), labels.table(store, x.getDevice(), training), w.get(":, {}:", c), b,
                x.getShape());
        NDList h = new NDList(NativeOps.addRowsInPlace(imagePart, LabelEmbedding.indices(inputs.get(1)), perClass));
        List<Block> layers = body.getChildren().values();
        for (int i = 1; i < layers.size(); i++) {
            h = layers.get(i).forward(store, h, training);
        }
        return heads.forward(store, h, training);
    }

    /**
     * The label channels' convolution for every class, [classes, out, H', W'], bias included: the
     * convolution of maps that are {@code table[k, d]} at every pixel of channel d. Such a map is
     * {@code table[k, d]} times a map of ones, so the term is {@code table} times the convolution of
     * ones with each of the label weight's input channels on its own ({@code taps}: [dim, out, H', W'],
     * each output the sum of the taps that fall inside the image). That convolution has one input
     * channel (on the CPU, {@link NativeOps#conv2d} computes it by columns, in float32 also under
     * {@code --precision bf16}) and does not depend on the table, where convolving the maps themselves
     * would run dim input channels for every class, in both passes.
     */
    private NDArray perClass(NDManager manager, NDArray table, NDArray labelWeight, NDArray bias, Shape image) {
        long classes = table.getShape().get(0);
        long dim = table.getShape().get(1);
        Shape k = labelWeight.getShape(); // [out, dim, kh, kw]
        // [out, dim, kh, kw] → [dim·out, 1, kh, kw]: each input channel's taps as a filter of its own
        NDArray filters = labelWeight.transpose(1, 0, 2, 3).reshape(dim * k.get(0), 1, k.get(2), k.get(3));
        NDArray ones = manager.ones(new Shape(1, 1, image.get(2), image.get(3)), table.getDataType(), table.getDevice());
        // [1, 1, H, W] → [1, dim·out, H', W']
        NDArray taps = NativeOps.conv2d(ones, filters, null, first.getStride(), first.getPadding(), first.getDilation());
        Shape out = new Shape(classes, k.get(0), taps.getShape().get(2), taps.getShape().get(3));
        // [classes, dim] × [dim, out·H'·W'] → [classes, out, H', W']
        NDArray term = table.matMul(taps.reshape(dim, -1)).reshape(out);
        return bias == null ? term : term.add(bias.reshape(1, -1, 1, 1));
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
