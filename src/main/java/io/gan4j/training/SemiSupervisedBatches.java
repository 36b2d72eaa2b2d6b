package io.gan4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.gan4j.Gan4jException;
import io.gan4j.data.LabeledImages;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Data for semi-supervised training: {@code labelled} examples, class-balanced and chosen by the
 * seed, keep their labels; every other training image is used without its label. Each batch is
 * {@code batchSize} unlabelled images followed by {@code labelledBatchSize()} labelled ones; the
 * unlabelled part's labels are -1, so no model can use them by accident. An epoch is one pass
 * over the unlabelled images.
 */
public final class SemiSupervisedBatches implements DataSource {

    private final ImageBatches unlabelled;
    private final ImageBatches labelled;
    private final int labelledBatch;

    public SemiSupervisedBatches(LabeledImages data, int labelledCount, int batchSize, long seed, NDManager manager) {
        int classes = data.numClasses();
        if (data.labels() == null || classes < 2) {
            throw new Gan4jException(data.source() + " has no class labels: semi-supervised training needs some");
        }
        if (labelledCount < classes || labelledCount >= data.count()) {
            throw new Gan4jException("--labelled must be between " + classes + " (one per class) and " + (data.count() - 1)
                    + " (" + data.source() + " has " + data.count() + " images), not " + labelledCount);
        }
        int[][] split = split(data, labelledCount, classes, seed);
        this.labelledBatch = Math.min(batchSize, labelledCount);
        this.labelled = new ImageBatches(data.subset(split[0]), labelledBatch, seed + 1, manager);
        this.unlabelled = new ImageBatches(data.subset(split[1]), batchSize, seed, manager);
    }

    /**
     * Indices of the labelled examples (the first {@code labelledCount / classes} of each class in a
     * seeded shuffle, the remainder going to the lowest classes) and of the unlabelled rest.
     */
    static int[][] split(LabeledImages data, int labelledCount, int classes, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < data.count(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int[] quota = new int[classes];
        for (int k = 0; k < classes; k++) {
            quota[k] = labelledCount / classes + (k < labelledCount % classes ? 1 : 0);
        }
        List<Integer> chosen = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        for (int i : order) {
            int k = data.label(i);
            if (quota[k] > 0) {
                quota[k]--;
                chosen.add(i);
            } else {
                rest.add(i);
            }
        }
        for (int k = 0; k < classes; k++) {
            if (quota[k] > 0) {
                throw new Gan4jException(data.source() + " has too few images of class " + k + " for --labelled " + labelledCount);
            }
        }
        return new int[][] {chosen.stream().mapToInt(Integer::intValue).toArray(), rest.stream().mapToInt(Integer::intValue).toArray()};
    }

    /** Labelled examples per batch, after the unlabelled ones. */
    public int labelledBatchSize() {
        return labelledBatch;
    }

    @Override
    public int stepsPerEpoch() {
        return unlabelled.stepsPerEpoch();
    }

    @Override
    public Batch batch(long step, NDManager manager) {
        Batch u = unlabelled.batch(step, manager);
        Batch l = labelled.batch(step, manager);
        NDArray unknown = u.labels().onesLike().neg();
        return new Batch(u.images().concat(l.images(), 0), unknown.concat(l.labels(), 0));
    }
}
