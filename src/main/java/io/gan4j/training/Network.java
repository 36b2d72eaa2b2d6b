package io.gan4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.gan4j.Gan4jException;
import io.gan4j.layers.Init;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One network of a GAN (generator, discriminator, ...): a DJL block, its initialised parameters,
 * and the subset of them an optimizer trains (BatchNorm running statistics are parameters in DJL
 * but are never trained).
 */
public final class Network {

    private final String name;
    private final Block block;
    private final List<Parameter> trainable;

    private Network(String name, Block block) {
        this.name = name;
        this.block = block;
        List<Parameter> list = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                list.add(p.getValue());
            }
        }
        this.trainable = Collections.unmodifiableList(list);
    }

    /**
     * Initialises {@code block} for inputs of the given shapes with PyTorch's default
     * initialisation (or the block's own), drawing from libtorch's seeded generator.
     */
    public static Network create(String name, Block block, NDManager manager, Shape... inputShapes) {
        block.initialize(manager, DataType.FLOAT32, inputShapes);
        Init.pytorchDefaults(block);
        return new Network(name, block);
    }

    public String name() {
        return name;
    }

    public Block block() {
        return block;
    }

    public List<Parameter> trainableParameters() {
        return trainable;
    }

    public long parameterCount() {
        return trainable.stream().mapToLong(p -> p.getArray().size()).sum();
    }

    /** Runs the network; {@code training} picks batch statistics and active dropout. */
    public NDList forward(NDList inputs, boolean training) {
        NDManager manager = inputs.head().getManager();
        return block.forward(new ParameterStore(manager, false), inputs, training);
    }

    public NDArray forward(NDArray input, boolean training) {
        return forward(new NDList(input), training).singletonOrThrow();
    }

    /**
     * Zeroes the accumulated gradients of the trainable weights: an update of the other network
     * back-propagates through this one (the generator's loss goes through D) and leaves them.
     */
    public void zeroGradients() {
        for (Parameter p : trainable) {
            JniUtils.zeroGrad((PtNDArray) p.getArray());
        }
    }

    /** All parameters, running statistics included, in a fixed order, for checkpoints. */
    public NDList state() {
        NDList list = new NDList();
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray array = p.getValue().getArray();
            array.setName(p.getKey());
            list.add(array);
        }
        return list;
    }

    /** Copies saved arrays into the live parameters, checking names and shapes. */
    public void loadState(NDList saved, String source) {
        NDList live = state();
        if (saved.size() != live.size()) {
            throw new Gan4jException(source + ": holds " + saved.size() + " arrays for network '" + name
                    + "' but the model has " + live.size() + " parameters (different model or options?)");
        }
        for (int i = 0; i < live.size(); i++) {
            NDArray from = saved.get(i);
            NDArray to = live.get(i);
            if (!from.getShape().equals(to.getShape()) || !to.getName().equals(from.getName())
                    || from.getDataType() != to.getDataType()) {
                throw new Gan4jException(source + ": parameter " + from.getName() + " " + from.getDataType() + from.getShape()
                        + " does not fit " + to.getName() + " " + to.getDataType() + to.getShape() + " of network '" + name + "'");
            }
            from.copyTo(to);
        }
    }
}
