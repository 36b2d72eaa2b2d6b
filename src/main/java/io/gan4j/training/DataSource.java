package io.gan4j.training;

import ai.djl.ndarray.NDManager;

/**
 * Real examples for training. A batch depends only on the run's seed and the step, so that a
 * resumed run sees exactly the batches the uninterrupted run would have seen.
 */
public interface DataSource {

    int stepsPerEpoch();

    Batch batch(long step, NDManager manager);
}
