package io.gan4j.evaluation;

import java.util.Arrays;

/**
 * Optimal assignment (Kuhn–Munkres with potentials, the O(n²·m) shortest-augmenting-path form)
 * and the "matched accuracy" built on it, which scores an unsupervised clustering — e.g. InfoGAN's
 * categorical code — as a classifier under the best one-to-one relabelling of clusters.
 */
public final class Hungarian {

    private Hungarian() {}

    /**
     * Assigns each row to a distinct column so that the total score is maximal.
     *
     * @param score n×m matrix of finite values with n ≤ m
     * @return {@code assignment[row] = column}, all columns distinct
     */
    public static int[] maximumMatching(double[][] score) {
        if (score == null) {
            throw new IllegalArgumentException("score must not be null");
        }
        int n = score.length;
        if (n == 0) {
            return new int[0];
        }
        if (score[0] == null || score[0].length == 0) {
            throw new IllegalArgumentException("score rows must be non-empty");
        }
        int m = score[0].length;
        if (n > m) {
            throw new IllegalArgumentException(
                    "score must have at most as many rows as columns, got " + n + "x" + m
                            + " (pass the transpose)");
        }
        for (int i = 0; i < n; i++) {
            if (score[i] == null || score[i].length != m) {
                throw new IllegalArgumentException("score row " + i + " must have length " + m);
            }
            for (int j = 0; j < m; j++) {
                if (!Double.isFinite(score[i][j])) {
                    throw new IllegalArgumentException(
                            "score[" + i + "][" + j + "] is not finite: " + score[i][j]);
                }
            }
        }

        // Minimise cost = −score. 1-based arrays; index 0 is the virtual row/column of the method.
        double[] u = new double[n + 1]; // row potentials
        double[] v = new double[m + 1]; // column potentials
        int[] rowOfColumn = new int[m + 1]; // 0 = column unassigned
        int[] way = new int[m + 1]; // previous column on the augmenting path
        double[] minSlack = new double[m + 1];
        boolean[] used = new boolean[m + 1];
        for (int i = 1; i <= n; i++) {
            // Add row i: grow a shortest-path tree from it until a free column is reached.
            rowOfColumn[0] = i;
            int column = 0;
            Arrays.fill(minSlack, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[column] = true;
                int row = rowOfColumn[column];
                double delta = Double.POSITIVE_INFINITY;
                int next = 0;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double slack = -score[row - 1][j - 1] - u[row] - v[j];
                        if (slack < minSlack[j]) {
                            minSlack[j] = slack;
                            way[j] = column;
                        }
                        if (minSlack[j] < delta) {
                            delta = minSlack[j];
                            next = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minSlack[j] -= delta;
                    }
                }
                column = next;
            } while (rowOfColumn[column] != 0);
            // Flip the augmenting path back to the virtual column.
            do {
                int previous = way[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            } while (column != 0);
        }

        int[] assignment = new int[n];
        for (int j = 1; j <= m; j++) {
            if (rowOfColumn[j] != 0) {
                assignment[rowOfColumn[j] - 1] = j - 1;
            }
        }
        return assignment;
    }

    /**
     * Accuracy of {@code predicted} cluster ids against {@code truth} classes under the best
     * one-to-one mapping of clusters to classes (found by {@link #maximumMatching} on the k×k
     * contingency table). Invariant to any relabelling of the clusters, so it measures how well
     * an unsupervised code separates the classes.
     *
     * @param predicted cluster id per sample, each in [0, k)
     * @param truth     class per sample, each in [0, k), same length as predicted (≥ 1)
     * @param k         number of clusters and classes
     * @return accuracy in [0, 1]
     */
    public static double matchedAccuracy(int[] predicted, int[] truth, int k) {
        if (predicted == null || truth == null) {
            throw new IllegalArgumentException("predicted and truth must not be null");
        }
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException("predicted and truth lengths differ: "
                    + predicted.length + " vs " + truth.length);
        }
        if (predicted.length == 0) {
            throw new IllegalArgumentException("need at least one sample");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        double[][] counts = new double[k][k]; // counts[cluster][class]
        for (int i = 0; i < predicted.length; i++) {
            int p = predicted[i];
            int t = truth[i];
            if (p < 0 || p >= k || t < 0 || t >= k) {
                throw new IllegalArgumentException("sample " + i + " has cluster " + p
                        + " / class " + t + ", both must be in [0, " + k + ")");
            }
            counts[p][t]++;
        }
        int[] classOfCluster = maximumMatching(counts);
        double correct = 0;
        for (int c = 0; c < k; c++) {
            correct += counts[c][classOfCluster[c]];
        }
        return correct / predicted.length;
    }
}
