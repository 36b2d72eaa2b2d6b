package io.gan4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Where a training step's random draws come from: noise, fake labels, codes, dropout keep masks,
 * Gaussian layer noise, the gradient penalty's interpolation factors and InfoGAN's warp
 * parameters. Models and layers ask {@link #current()} rather than the manager, so that a test
 * can hand them fixed tensors (the parity test feeds PyTorch's) while a run draws from libtorch's
 * generator, which the trainer reseeds per step ({@link #LIBTORCH}: the manager's own random calls,
 * so seeded runs repeat).
 */
public interface Draws {

    /** N(mean, std²) float32 values of {@code shape}. */
    NDArray normal(NDManager manager, float mean, float std, Shape shape);

    /** U[low, high) float32 values of {@code shape}. */
    NDArray uniform(NDManager manager, float low, float high, Shape shape);

    /** Integers in [low, high) of {@code shape}, int64. */
    NDArray integers(NDManager manager, long low, long high, Shape shape);

    /** Dropout's keep mask shaped like {@code x}: 1 / keep with probability keep, else 0. */
    NDArray keepMask(NDArray x, float keep);

    /** libtorch's generator; dropout masks from {@code DropoutMasks}' per-step hash. */
    Draws LIBTORCH = new Draws() {
        @Override
        public NDArray normal(NDManager manager, float mean, float std, Shape shape) {
            return manager.randomNormal(mean, std, shape, DataType.FLOAT32);
        }

        @Override
        public NDArray uniform(NDManager manager, float low, float high, Shape shape) {
            return manager.randomUniform(low, high, shape);
        }

        @Override
        public NDArray integers(NDManager manager, long low, long high, Shape shape) {
            return manager.randomInteger(low, high, shape, DataType.INT64);
        }

        @Override
        public NDArray keepMask(NDArray x, float keep) {
            return io.gan4j.layers.DropoutMasks.keepMask(x, keep);
        }
    };

    /** The draws of this thread: {@link #LIBTORCH} unless a test has installed others. */
    static Draws current() {
        return Installed.CURRENT.get();
    }

    /** Makes {@code draws} this thread's until the returned handle closes (tests). */
    static AutoCloseable install(Draws draws) {
        Draws before = Installed.CURRENT.get();
        Installed.CURRENT.set(draws);
        return () -> Installed.CURRENT.set(before);
    }

    /** Holder of the thread's draws (an interface cannot have a private static field). */
    final class Installed {
        private static final ThreadLocal<Draws> CURRENT = ThreadLocal.withInitial(() -> LIBTORCH);

        private Installed() {}
    }
}
