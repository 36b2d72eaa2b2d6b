package io.gan4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import io.gan4j.Gan4jException;

import java.util.List;
import java.util.function.Supplier;

/**
 * An exponential moving average of the generator's trainable weights, which samples are drawn
 * from (Karras et al. 2018; Yazıcı et al. 2019): the trained weights keep oscillating in the
 * adversarial game, their average is smoother and gives cleaner samples at the same step. The
 * decay warms up as min(decay, (1 + t) / (10 + t)) so early, random weights are forgotten fast.
 * BatchNorm running statistics are the trained generator's own.
 */
public final class Ema {

    /** The checkpoint file that holds the averages. */
    public static final String FILE = "generator.ema";

    private final List<Parameter> parameters;
    private final NDArray[] average;
    private final float decay;

    public Ema(Network generator, float decay, NDManager manager) {
        this.parameters = generator.trainableParameters();
        this.decay = decay;
        this.average = new NDArray[parameters.size()];
        for (int i = 0; i < average.length; i++) {
            NDArray p = parameters.get(i).getArray();
            average[i] = manager.zeros(p.getShape(), p.getDataType(), p.getDevice());
            p.copyTo(average[i]);
        }
    }

    /** Moves the averages towards the weights after generator update number {@code step} (from 0). */
    public void update(long step) {
        float d = Math.min(decay, (1f + step) / (10f + step));
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < average.length; i++) {
                average[i].muli(d).addi(parameters.get(i).getArray().mul(1 - d));
            }
        }
    }

    /** Runs {@code action} with the averaged weights in the generator, then puts the trained ones back. */
    public <T> T withAverage(Supplier<T> action) {
        NDList trained = new NDList();
        try (NDManager scratch = average[0].getManager().newSubManager()) {
            for (int i = 0; i < average.length; i++) {
                NDArray live = parameters.get(i).getArray();
                NDArray saved = scratch.zeros(live.getShape(), live.getDataType(), live.getDevice());
                live.copyTo(saved);
                trained.add(saved);
                average[i].copyTo(live);
            }
            try {
                return action.get();
            } finally {
                for (int i = 0; i < average.length; i++) {
                    trained.get(i).copyTo(parameters.get(i).getArray());
                }
            }
        }
    }

    public NDList state() {
        return new NDList(average);
    }

    public void loadState(NDList saved, String source) {
        copy(saved, average, source);
    }

    /** Puts saved averages straight into a generator's weights, for sampling from a checkpoint. */
    static void applyTo(Network generator, NDList saved, String source) {
        copy(saved, generator.trainableParameters().stream().map(Parameter::getArray).toArray(NDArray[]::new), source);
    }

    private static void copy(NDList from, NDArray[] to, String source) {
        if (from.size() != to.length) {
            throw new Gan4jException(source + ": holds " + from.size() + " averaged weights, the generator has " + to.length);
        }
        for (int i = 0; i < to.length; i++) {
            if (!from.get(i).getShape().equals(to[i].getShape()) || from.get(i).getDataType() != to[i].getDataType()) {
                throw new Gan4jException(source + ": averaged weight " + i + " is " + from.get(i).getDataType()
                        + from.get(i).getShape() + ", the generator's is " + to[i].getDataType() + to[i].getShape());
            }
            from.get(i).copyTo(to[i]);
        }
    }
}
