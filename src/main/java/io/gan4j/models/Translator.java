package io.gan4j.models;

import ai.djl.ndarray.NDArray;
import io.gan4j.data.PairedImages;

/** A model that translates images of one domain into another (pix2pix), rather than sampling from noise. */
public interface Translator {

    /** Outputs [N, C, H, W] for inputs [N, C, H, W], both in the output range, in inference mode. */
    NDArray translate(NDArray inputs);

    /** The test pairs of the data the model was trained on, in its direction. */
    PairedImages testPairs();
}
