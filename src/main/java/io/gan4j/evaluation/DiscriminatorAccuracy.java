package io.gan4j.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.gan4j.Gan4jException;
import io.gan4j.data.LabeledImages;
import io.gan4j.models.ImageClassifying;

/** A semi-supervised GAN's discriminator used as the classifier it was trained to be. */
public final class DiscriminatorAccuracy {

    private static final int BATCH = 500;

    private DiscriminatorAccuracy() {}

    /** Predicted class of every image; {@code shape} is the [C, H, W] the model was trained on. */
    public static int[] predict(ImageClassifying model, LabeledImages images, int[] shape, NDManager manager) {
        if (shape[0] != images.channels() || images.rows() != shape[1] || images.cols() != shape[2]) {
            throw new Gan4jException(images.source() + " holds " + images.channels() + "x" + images.rows() + "x" + images.cols()
                    + " images; the model was trained on " + shape[0] + "x" + shape[1] + "x" + shape[2]);
        }
        int[] predicted = new int[images.count()];
        int size = images.channels() * images.rows() * images.cols();
        float[] all = Classifier.scaled(images.pixels());
        for (int from = 0; from < images.count(); from += BATCH) {
            int n = Math.min(BATCH, images.count() - from);
            float[] chunk = new float[n * size];
            System.arraycopy(all, from * size, chunk, 0, chunk.length);
            try (NDManager scope = manager.newSubManager(); NDScope arrays = new NDScope()) {
                NDArray x = scope.create(chunk, new Shape(n, images.channels(), images.rows(), images.cols()));
                long[] p = model.classify(x).toLongArray();
                for (int i = 0; i < n; i++) {
                    predicted[from + i] = (int) p[i];
                }
            }
        }
        return predicted;
    }

    /** Share of {@code predicted} equal to the images' labels. */
    public static double accuracy(int[] predicted, LabeledImages images) {
        if (images.labels() == null) {
            throw new Gan4jException(images.source() + " has no labels to score predictions against");
        }
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == images.label(i) ? 1 : 0;
        }
        return (double) right / predicted.length;
    }
}
