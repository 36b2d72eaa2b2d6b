package io.gan4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * pix2pix's random jitter: images stored larger than the model's size (286 for 256) are cropped
 * to {@code size} at a random place and mirrored left-right half of the time, each image of a
 * batch on its own. Draws come from libtorch's generator, which the trainer seeds per step, so
 * a resumed run sees the same crops. All channels of an image get the same crop, so an (input,
 * target) pair stacked along the channels stays aligned.
 */
public final class CropFlipBatches implements DataSource {

    private final DataSource source;
    private final int size;

    public CropFlipBatches(DataSource source, int size) {
        this.source = source;
        this.size = size;
    }

    @Override
    public int stepsPerEpoch() {
        return source.stepsPerEpoch();
    }

    @Override
    public Batch batch(long step, NDManager manager) {
        Batch batch = source.batch(step, manager);
        NDArray images = batch.images();
        Shape s = images.getShape();
        int n = (int) s.get(0);
        long[] offsets = manager.randomInteger(0, s.get(2) - size + 1, new Shape(n, 2), DataType.INT64).toLongArray();
        float[] flips = manager.randomUniform(0f, 1f, new Shape(n)).toFloatArray();
        NDList crops = new NDList(n);
        for (int i = 0; i < n; i++) {
            long top = offsets[2 * i];
            long left = offsets[2 * i + 1];
            NDArray crop = images.get(new NDIndex("{}:{}, :, {}:{}, {}:{}", i, i + 1, top, top + size, left, left + size));
            crops.add(flips[i] < 0.5f ? crop.flip(3) : crop);
        }
        return new Batch(NDArrays.concat(crops), batch.labels());
    }
}
