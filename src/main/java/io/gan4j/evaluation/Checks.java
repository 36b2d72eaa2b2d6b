package io.gan4j.evaluation;

/** Argument checks shared by the evaluation metrics, so every metric rejects bad input the same way. */
final class Checks {

    private Checks() {}

    /**
     * Checks that {@code rows} is a non-null matrix with at least {@code minRows} rows, all of the
     * same non-zero width and all finite, and returns that width. NaN/Inf are rejected up front because
     * they would otherwise silently poison every distance or mean computed from them.
     */
    static int requireMatrix(float[][] rows, String name, int minRows) {
        if (rows == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (rows.length < minRows) {
            throw new IllegalArgumentException(
                    name + " needs at least " + minRows + " rows, got " + rows.length);
        }
        if (rows.length == 0) {
            return 0;
        }
        if (rows[0] == null || rows[0].length == 0) {
            throw new IllegalArgumentException(name + " rows must be non-empty");
        }
        int width = rows[0].length;
        for (int i = 0; i < rows.length; i++) {
            float[] row = rows[i];
            if (row == null || row.length != width) {
                throw new IllegalArgumentException(name + " row " + i + " has length "
                        + (row == null ? "null" : row.length) + ", expected " + width);
            }
            for (int j = 0; j < width; j++) {
                if (!Float.isFinite(row[j])) {
                    throw new IllegalArgumentException(
                            name + "[" + i + "][" + j + "] is not finite: " + row[j]);
                }
            }
        }
        return width;
    }
}
