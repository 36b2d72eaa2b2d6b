package io.gan4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * A weight-normalised linear layer (Salimans &amp; Kingma 2016): y = x·Wᵀ + b with each output
 * unit's weight row W_i = g_i · v_i / ‖v_i‖. The weight is computed from v and g with NDArray ops
 * on every forward pass, so autograd differentiates through the normalisation.
 *
 * <p>v starts N(0, 0.1²), g at 1 and b at 0, as in Salimans et al.'s MNIST code. With {@code trainScale}
 * false, g is not trained (their MNIST discriminator's hidden layers) but still set by
 * {@link #initialiseFromData}; then only the row directions and the biases learn, and the unit's
 * gain stays what the data-dependent initialisation chose.
 */
public final class WeightNormLinear extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final float INIT_STD = 0.1f;
    /** Keeps 1/‖v‖ finite for an all-zero row (Salimans et al.'s 1e-6 under the square root). */
    private static final float EPS = 1e-6f;

    private final long units;
    private final Parameter v;
    private final Parameter g;
    private final Parameter bias;

    @SuppressWarnings("this-escape")
    public WeightNormLinear(long units, boolean trainScale) {
        super(VERSION);
        this.units = units;
        this.v = addParameter(Parameter.builder().setName("v").setType(Parameter.Type.WEIGHT)
                .optInitializer((manager, shape, dataType) -> manager.randomNormal(0f, INIT_STD, shape, dataType)).build());
        this.g = addParameter(Parameter.builder().setName("g").setType(Parameter.Type.GAMMA)
                .optInitializer(new ConstantInitializer(1f)).optRequiresGrad(trainScale).build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optInitializer(new ConstantInitializer(0f)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray weight = weight(store.getValue(v, x.getDevice(), training), store.getValue(g, x.getDevice(), training),
                x.getManager());
        return Linear.linear(x, weight, store.getValue(bias, x.getDevice(), training));
    }

    /**
     * g · v / ‖v‖ row by row, [units, in]. Its arrays belong to {@code manager} (the step's), not
     * to the parameters' long-lived manager, which would otherwise collect them every step.
     */
    static NDArray weight(NDArray v, NDArray g, NDManager manager) {
        NDArray squares = v.square();
        squares.attach(manager);
        NDArray gains = g.reshape(-1, 1);
        gains.attach(manager);
        return gains.div(squares.sum(new int[] {1}, true).add(EPS).sqrt()).mul(v);
    }

    /**
     * Salimans et al.'s data-dependent initialisation: on {@code x}, each unit's pre-activation
     * gets mean 0 and standard deviation 1 (g ← g/σ, b ← −μ/σ), so every layer starts with
     * activations of the same scale whatever its depth; the discriminator's Gaussian noise
     * (σ 0.5 per hidden layer) is sized for that scale.
     */
    private void initialise(NDArray x) {
        try (NDManager scope = x.getManager().newSubManager()) {
            NDArray pre = Linear.linear(x, weight(v.getArray(), g.getArray(), scope)).singletonOrThrow();
            pre.attach(scope);
            NDArray mean = pre.mean(new int[] {0});
            NDArray std = pre.sub(mean).square().mean(new int[] {0}).add(EPS).sqrt();
            g.getArray().divi(std);
            mean.div(std).neg().copyTo(bias.getArray());
        }
    }

    /**
     * Runs {@code block} on {@code batch} in training mode (Salimans et al. initialise with their
     * noise layers active, so a unit's σ includes the noise below it), initialising every
     * WeightNormLinear on the way from its actual input, in order (a layer sees the already
     * initialised layers before it). Walks SequentialBlocks in order and every branch of a
     * ParallelBlock; other blocks are run as they are (BatchNorm would update its running statistics).
     */
    public static NDList initialiseFromData(Block block, NDList batch) {
        ParameterStore store = new ParameterStore(batch.head().getManager(), false);
        if (block instanceof WeightNormLinear layer) {
            layer.initialise(batch.singletonOrThrow());
        } else if (block instanceof SequentialBlock sequence) {
            NDList x = batch;
            for (Block child : sequence.getChildren().values()) {
                x = initialiseFromData(child, x);
            }
            return x;
        } else if (block instanceof ParallelBlock) {
            for (Block branch : block.getChildren().values()) {
                initialiseFromData(branch, batch);
            }
        }
        return block.forward(store, batch, true);
    }

    @Override
    protected void prepare(Shape[] inputs) {
        v.setShape(new Shape(units, inputs[0].get(1)));
        g.setShape(new Shape(units));
        bias.setShape(new Shape(units));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), units)};
    }
}
