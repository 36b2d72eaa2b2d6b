package io.gan4j.training;

import ai.djl.ndarray.NDArray;

/** A batch of real examples: images [B, C, H, W] in the model's output range, labels [B] (int64) or null. */
public record Batch(NDArray images, NDArray labels) {

    public long size() {
        return images.getShape().get(0);
    }
}
