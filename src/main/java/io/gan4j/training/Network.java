package io.gan4j.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.gan4j.Gan4jException;
import io.gan4j.layers.Init;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One network of a GAN (generator, discriminator, ...): a DJL block, its initialised parameters,
 * and the subset of them an optimizer trains (BatchNorm running statistics are parameters in DJL
 * but are never trained).
 */
public final class Network {

    private final String name;
    private final Block block;
    private final List<Parameter> trainable;
    private boolean frozen;
    private UnaryOperator<NDArray> inputAugment;

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

    /**
     * Runs the network; {@code training} picks batch statistics and active dropout. While
     * frozen ({@link #setFrozen}) it reads detached aliases of its trainable weights, so
     * back-propagation computes no gradient for them (but still flows through to the inputs).
     */
    public NDList forward(NDList inputs, boolean training) {
        NDManager manager = inputs.head().getManager();
        if (training && inputAugment != null) {
            NDList augmented = new NDList(inputAugment.apply(inputs.head()));
            augmented.addAll(inputs.subNDList(1));
            inputs = augmented;
        }
        return block.forward(frozen ? new DetachedParameters(manager) : new ParameterStore(manager, false), inputs, training);
    }

    public NDArray forward(NDArray input, boolean training) {
        return forward(new NDList(input), training).singletonOrThrow();
    }

    /**
     * Transforms the first input of every training-mode forward pass (DiffAugment on D's images):
     * one place, so every model's real and fake images, in D's and G's updates alike, pass
     * through it. Inference-mode passes (evaluation) see the images as they are.
     */
    public void setInputAugment(UnaryOperator<NDArray> augment) {
        this.inputAugment = augment;
    }

    /**
     * Freezes or unfreezes the trainable weights for the forward passes that follow: PyTorch's
     * {@code net.requires_grad_(False)} without touching the weights' own requires-grad flags
     * (see {@link DetachedParameters}).
     */
    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
    }

    /**
     * Parameter values for a frozen network: each trainable weight is a detached alias (same
     * storage, so Adam's in-place updates and BatchNorm's running statistics are shared, but no
     * autograd history), owned by the forward pass's manager so that the step frees it.
     */
    private static final class DetachedParameters extends ParameterStore {

        private final NDManager manager;

        DetachedParameters(NDManager manager) {
            super(manager, false);
            this.manager = manager;
        }

        @Override
        public NDArray getValue(Parameter parameter, Device device, boolean training) {
            NDArray value = super.getValue(parameter, device, training);
            if (value == null || !parameter.requiresGradient()) {
                return value;
            }
            NDArray detached = value.stopGradient();
            detached.attach(manager);
            return detached;
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
