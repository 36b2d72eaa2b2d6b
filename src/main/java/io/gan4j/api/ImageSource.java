package io.gan4j.api;

import java.awt.image.BufferedImage;

/**
 * Training images that the caller provides, e.g. from a database or generated on the fly: a
 * fixed number of same-sized images, each with an optional class label. gan4j reads each image
 * once, converted to 8-bit grayscale, before training starts.
 */
public interface ImageSource {

    /** Number of images. */
    int size();

    /** Image {@code index} (0 ≤ index &lt; size()); every image has the first one's width and height. */
    BufferedImage image(int index);

    /**
     * Class label of image {@code index}, from 0; -1 when the source has no labels (then every
     * image must return -1, and only unconditional models can train on it).
     */
    default int label(int index) {
        return -1;
    }
}
