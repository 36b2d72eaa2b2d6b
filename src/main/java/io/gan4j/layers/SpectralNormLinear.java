package io.gan4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A linear layer with a spectrally normalised weight (Miyato et al. 2018): y = x·(W/σ(W))ᵀ + b,
 * σ(W) W's largest singular value, estimated as PyTorch's {@code spectral_norm} does with one
 * power iteration per training forward pass on a persistent vector u (a parameter that is not
 * trained, so checkpoints keep it and resuming is exact). Bounding every layer's Lipschitz
 * constant keeps a discriminator from growing the sharp, saturating logits with which it
 * overpowers its generator. In inference mode u is not updated.
 */
public final class SpectralNormLinear extends AbstractBlock {

    private static final byte VERSION = 1;
    /** PyTorch's F.normalize epsilon. */
    private static final float EPS = 1e-12f;

    private final long units;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter u;

    @SuppressWarnings("this-escape")
    public SpectralNormLinear(long units) {
        super(VERSION);
        this.units = units;
        // Init.pytorchDefaults sets weight and bias as for a Linear layer.
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
        this.u = addParameter(Parameter.builder().setName("u").setType(Parameter.Type.OTHER)
                .optInitializer((manager, shape, dataType) -> normalize(manager.randomNormal(shape, dataType)))
                .optRequiresGrad(false).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDManager step = x.getManager();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray vector = store.getValue(u, x.getDevice(), training);
        // The power iteration is not differentiated, as in PyTorch; its arrays belong to the step.
        NDArray fixed = owned(w.stopGradient(), step);
        if (training) {
            NDArray v = normalize(fixed.transpose().matMul(owned(vector.reshape(units, 1), step)));
            normalize(fixed.matMul(v)).reshape(units).copyTo(vector);
        }
        // A copy: the next forward pass updates u in place while this one's graph still needs it.
        NDArray uNow = owned(vector.duplicate(), step).reshape(units, 1);
        NDArray v = normalize(fixed.transpose().matMul(uNow));
        // σ = uᵀ W v, differentiable in W.
        NDArray sigma = uNow.transpose().matMul(owned(w.matMul(v), step)).reshape(1);
        return Linear.linear(x, owned(w.div(sigma), step), store.getValue(bias, x.getDevice(), training));
    }

    /** {@code a}, moved to {@code manager}: results of ops on a parameter belong to its long-lived manager. */
    private static NDArray owned(NDArray a, NDManager manager) {
        a.attach(manager);
        return a;
    }

    private static NDArray normalize(NDArray a) {
        return a.div(a.norm().maximum(EPS));
    }

    @Override
    protected void prepare(Shape[] inputs) {
        weight.setShape(new Shape(units, inputs[0].get(1)));
        bias.setShape(new Shape(units));
        u.setShape(new Shape(units));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), units)};
    }
}
