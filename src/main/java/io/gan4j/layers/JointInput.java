package io.gan4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Mirza and Osindero's two-tower input: takes (x, labels), maps x and the one-hot labels through
 * their own layers, and concatenates the two into the joint hidden layer.
 */
public final class JointInput extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block inputPath;
    private final Block labelPath;
    private final int numClasses;

    public JointInput(Block inputPath, Block labelPath, int numClasses) {
        super(VERSION);
        this.numClasses = numClasses;
        this.inputPath = addChildBlock("input", inputPath);
        this.labelPath = addChildBlock("label", labelPath);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray a = inputPath.forward(store, new NDList(inputs.get(0)), training).singletonOrThrow();
        NDArray oneHot = inputs.get(1).oneHot(numClasses);
        NDArray b = labelPath.forward(store, new NDList(oneHot), training).singletonOrThrow();
        return new NDList(a.concat(b, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape a = inputPath.getOutputShapes(new Shape[] {inputs[0]})[0];
        Shape b = labelPath.getOutputShapes(new Shape[] {oneHotShape(inputs[1])})[0];
        return new Shape[] {new Shape(a.get(0), a.get(1) + b.get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        inputPath.initialize(manager, dataType, inputShapes[0]);
        labelPath.initialize(manager, dataType, oneHotShape(inputShapes[1]));
    }

    private Shape oneHotShape(Shape labels) {
        return new Shape(labels.get(0), numClasses);
    }
}
