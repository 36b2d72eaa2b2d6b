package io.gan4j.layers;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * PyTorch's BatchNorm1d/BatchNorm2d over axis 1 with its defaults (scale and shift, eps 1e-5,
 * running statistics), as DJL's {@code ai.djl.nn.norm.BatchNorm} builds it by default: the same
 * class name, parameters, initialisers and saved metadata, so parameter paths and checkpoints are
 * the same. DJL's passes its input through {@code swapAxes(1, axis)} before libtorch's
 * {@code batch_norm} and its output after, even for axis 1, which makes the output a view: an
 * {@link InPlaceActivation} after it would then make autograd copy the whole gradient at that
 * layer in the backward pass. (DJL skips the swaps only for axis −1, channels last, which these
 * NCHW arrays are not.) This one returns {@code batch_norm}'s own new array, with the same values
 * bit for bit. Only the class name and the parameters matter to gan4j's checkpoints, which are
 * arrays by parameter path.
 */
public final class BatchNorm extends AbstractBlock {

    /** DJL's BatchNorm's, whose metadata this writes. */
    private static final byte VERSION = 2;
    private static final float EPSILON = 1e-5f;
    /** PyTorch's momentum 0.1 exactly as DJL passes it (1 − its own 0.9, in float). */
    private static final float MOMENTUM = 1f - 0.9f;

    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private long inChannels;

    public BatchNorm() {
        super(VERSION);
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
        runningMean = addParameter(
                Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN).optRequiresGrad(false).build());
        runningVar = addParameter(
                Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR).optRequiresGrad(false).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        PtNDArray x = (PtNDArray) inputs.singletonOrThrow();
        Device device = x.getDevice();
        // libtorch's order (running mean and variance, then weight and bias), as DJL's own call passes
        // it, whatever JniUtils' parameter names say.
        return new NDList(JniUtils.batchNorm(x, (PtNDArray) store.getValue(runningMean, device, training),
                (PtNDArray) store.getValue(runningVar, device, training), (PtNDArray) store.getValue(gamma, device, training),
                (PtNDArray) store.getValue(beta, device, training), training, MOMENTUM, EPSILON));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        inChannels = inputShapes[0].get(1);
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        for (Parameter p : new Parameter[] {gamma, beta, runningMean, runningVar}) {
            p.setShape(new Shape(inChannels));
        }
    }

    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        os.writeLong(inChannels);
    }

    @Override
    public void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
        if (loadVersion == VERSION) {
            readInputShapes(is);
        } else if (loadVersion != 1) {
            throw new MalformedModelException("unsupported BatchNorm encoding version " + loadVersion);
        }
        inChannels = is.readLong();
    }
}
