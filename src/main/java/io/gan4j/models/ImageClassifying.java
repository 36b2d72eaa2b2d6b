package io.gan4j.models;

import ai.djl.ndarray.NDArray;

/** A model whose discriminator is also an image classifier (the semi-supervised GAN). */
public interface ImageClassifying {

    /** Predicted classes [B] (int64) of images [B, C, H, W] in the model's range, in inference mode. */
    NDArray classify(NDArray images);

    /** Number of classes it predicts. */
    int classes();
}
