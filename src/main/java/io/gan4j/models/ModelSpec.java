package io.gan4j.models;

import ai.djl.ndarray.NDManager;
import io.gan4j.options.Recipe;
import io.gan4j.training.TrainConfig;

import java.util.function.BiFunction;

/**
 * A model gan4j can train: its name (as {@code train NAME} takes it) and one-line description for
 * {@code gan4j models}, whether it trains on an image data set, its recipe (the option values it
 * trains with unless told otherwise), how to build it from a resolved configuration, and the class
 * it builds (so that the Java API can choose a model by class).
 */
public record ModelSpec(
        String name,
        String description,
        boolean usesImages,
        Recipe recipe,
        BiFunction<TrainConfig, NDManager, Gan> factory,
        Class<? extends Gan> type) {}
