package io.gan4j.models;

import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * A model whose labels are codes it learned to use without supervision (InfoGAN's categorical
 * code): they match classes only up to a relabelling, so evaluation scores them after the best
 * one-to-one matching of code values to classes, and its other codes get sample grids of their own.
 */
public interface LearnedCodes {

    /**
     * Generator noise for extra sample grids besides the fixed-noise one, each laid out like it
     * (rows × {@code columns}, row r with label r), e.g. one continuous code swept along the columns.
     */
    List<NDArray> sweepGrids(NDArray noise, int columns);
}
