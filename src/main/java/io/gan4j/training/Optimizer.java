package io.gan4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import io.gan4j.Gan4jException;
import io.gan4j.options.Options;

import java.util.List;

/**
 * An optimizer of one network's trainable weights with PyTorch's update rule ({@code --optimizer
 * adam | sgd | rmsprop}), its per-weight buffers (Adam's moments, SGD's momentum, RMSprop's
 * square average) kept as arrays we own, so that a checkpoint can hold them and a resumed run
 * continues exactly. The learning rate is the configured one times the schedule's factor for
 * the step; a rollback scales the configured one.
 */
public abstract class Optimizer {

    private final List<Parameter> parameters;
    private float lr;
    /** The learning-rate schedule's factor for the coming steps (Trainer sets it per step). */
    private float schedule = 1f;
    private long steps;
    /** Per parameter, this optimizer's buffers, each shaped like the parameter and zero at first. */
    private final PtNDArray[][] buffers;

    protected Optimizer(List<Parameter> parameters, NDManager manager, float lr, int buffersPerParameter) {
        this.parameters = parameters;
        this.lr = lr;
        this.buffers = new PtNDArray[parameters.size()][buffersPerParameter];
        for (int i = 0; i < parameters.size(); i++) {
            NDArray p = parameters.get(i).getArray();
            for (int k = 0; k < buffersPerParameter; k++) {
                buffers[i][k] = (PtNDArray) manager.zeros(p.getShape(), p.getDataType(), p.getDevice());
            }
        }
    }

    /**
     * The optimizer {@code config.optimizer} names (adam when null: checkpoints written before the
     * choice existed) for {@code parameters} at learning rate {@code lr}.
     */
    public static Optimizer create(TrainConfig config, List<Parameter> parameters, NDManager manager, float lr) {
        String kind = config.get(Options.OPTIMIZER, "adam");
        return switch (kind) {
            case "adam" -> new Adam(parameters, manager, lr, config.get(Options.BETA1), config.get(Options.BETA2));
            case "sgd" -> new Sgd(parameters, manager, lr, config.get(Options.MOMENTUM, 0f));
            case "rmsprop" -> new RmsProp(parameters, manager, lr);
            default -> throw new Gan4jException("--optimizer must be adam, sgd or rmsprop, not '" + kind + "'");
        };
    }

    /** The name of the optimizer, also the extension of its state file in a checkpoint. */
    public abstract String kind();

    /**
     * Applies one update from the accumulated gradients, then zeroes them (the engine's
     * gradients accumulate across backward passes).
     */
    public final void step() {
        steps++;
        PtNDArray[] weights = new PtNDArray[parameters.size()];
        PtNDArray[] grads = new PtNDArray[weights.length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (PtNDArray) parameters.get(i).getArray();
            grads[i] = (PtNDArray) weights[i].getGradient();
        }
        try {
            update(weights, grads, buffers, (double) lr * schedule, steps);
        } finally {
            for (PtNDArray grad : grads) {
                grad.close();
            }
        }
    }

    /**
     * Updates {@code weights} in place from {@code grads} (and the buffers) at learning rate
     * {@code lr}, for the {@code step}-th time (from 1), and zeroes the gradients.
     */
    protected abstract void update(PtNDArray[] weights, PtNDArray[] grads, PtNDArray[][] buffers, double lr, long step);

    /** Sets the schedule's factor on the learning rate for the following steps. */
    public void setSchedule(float factor) {
        schedule = factor;
    }

    /** Multiplies the learning rate (a rollback after divergence halves it). */
    public void scaleLearningRate(float factor) {
        lr *= factor;
    }

    public float learningRate() {
        return lr;
    }

    public long steps() {
        return steps;
    }

    /** The buffers in parameter order, then nothing else: the step count travels in the checkpoint's JSON. */
    public NDList state() {
        NDList list = new NDList();
        for (PtNDArray[] perParameter : buffers) {
            list.addAll(List.of(perParameter));
        }
        return list;
    }

    public void loadState(NDList saved, long savedSteps, String source) {
        NDList live = state();
        int per = buffers.length == 0 ? 0 : buffers[0].length;
        if (saved.size() != live.size()) {
            throw new Gan4jException(source + ": optimizer state has " + saved.size() + " arrays, " + kind() + " keeps "
                    + live.size() + " (" + per + " for each of the model's " + buffers.length + " parameters)");
        }
        for (int i = 0; i < live.size(); i++) {
            if (!saved.get(i).getShape().equals(live.get(i).getShape()) || saved.get(i).getDataType() != live.get(i).getDataType()) {
                throw new Gan4jException(source + ": optimizer state " + i + " is " + saved.get(i).getDataType()
                        + saved.get(i).getShape() + ", the parameter's is " + live.get(i).getDataType() + live.get(i).getShape());
            }
        }
        for (int i = 0; i < live.size(); i++) {
            saved.get(i).copyTo(live.get(i));
        }
        steps = savedSteps;
    }
}
