package io.gan4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.gan4j.Gan4jException;
import io.gan4j.data.LabeledImages;

import java.util.Random;

/**
 * A whole image data set held in one tensor: uint8 as stored (a float copy of a colour set would
 * take 4× the memory), each batch scaled to [-1, 1] when it is taken. Each epoch it is permuted once
 * (the permutation drawn from the run's seed and the epoch number) and batches are contiguous
 * slices of the permuted copy; the last incomplete batch is dropped so every step has the same shape.
 */
public final class ImageBatches implements DataSource {

    private final NDManager manager;
    private final NDArray images;
    private final NDArray labels;
    private final int count;
    private final int batchSize;
    private final long seed;
    private long permutedEpoch = -1;
    private NDArray epochImages;
    private NDArray epochLabels;

    public ImageBatches(LabeledImages data, int batchSize, long seed, NDManager manager) {
        this(manager.create(java.nio.ByteBuffer.wrap(data.pixels()), new Shape(data.count(), data.channels(), data.rows(), data.cols()),
                DataType.UINT8), labels(data), batchSize, seed, manager, data.source());
    }

    /**
     * Batches of arbitrary images: {@code pixels} in [-1, 1] of the given [N, C, H, W] shape,
     * {@code labels} [N] (zeros when the set has none).
     */
    public ImageBatches(float[] pixels, Shape shape, long[] labels, int batchSize, long seed, NDManager manager, String source) {
        this(manager.create(pixels, shape), labels, batchSize, seed, manager, source);
    }

    private ImageBatches(NDArray images, long[] labels, int batchSize, long seed, NDManager manager, String source) {
        this.count = (int) images.getShape().get(0);
        if (batchSize <= 0 || batchSize > count) {
            throw new Gan4jException("batch size " + batchSize + " impossible for " + source
                    + " with " + count + " images");
        }
        this.manager = manager.newSubManager();
        this.batchSize = batchSize;
        this.seed = seed;
        this.images = images;
        images.attach(this.manager);
        this.labels = this.manager.create(labels);
    }

    private static long[] labels(LabeledImages data) {
        long[] y = new long[data.count()];
        for (int i = 0; i < y.length; i++) {
            y[i] = data.labels() == null ? 0 : data.label(i);
        }
        return y;
    }

    @Override
    public int stepsPerEpoch() {
        return count / batchSize;
    }

    @Override
    public Batch batch(long step, NDManager stepManager) {
        long epoch = step / stepsPerEpoch();
        if (epoch != permutedEpoch) {
            permute(epoch);
        }
        long from = (step % stepsPerEpoch()) * batchSize;
        NDIndex slice = new NDIndex("{}:{}", from, from + batchSize);
        NDArray images = epochImages.get(stepManager, slice);
        if (images.getDataType() == DataType.UINT8) {
            images = images.toType(DataType.FLOAT32, false).div(127.5f).sub(1f);
        }
        return new Batch(images, epochLabels.get(stepManager, slice));
    }

    private void permute(long epoch) {
        long[] order = new long[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Random random = new Random(seed * 1_000_003L + epoch);
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        if (epochImages != null) {
            epochImages.close();
            epochLabels.close();
        }
        try (NDArray index = manager.create(order)) {
            epochImages = images.get(index);
            epochLabels = labels.get(index);
        }
        // Made during a step but kept for the whole epoch: not the step scope's to free.
        NDScope.unregister(epochImages, epochLabels);
        permutedEpoch = epoch;
    }
}
