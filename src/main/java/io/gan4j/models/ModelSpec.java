package io.gan4j.models;

import ai.djl.ndarray.NDManager;
import io.gan4j.training.TrainConfig;

import java.util.function.BiFunction;

/**
 * A model of the zoo: its name and one-line description for {@code gan4j models}, whether it
 * trains on an image data set, its default configuration, how to build it, and the class it builds
 * (so that the Java API can choose a model by class).
 */
public record ModelSpec(
        String name,
        String description,
        boolean usesImages,
        TrainConfig defaults,
        BiFunction<TrainConfig, NDManager, Gan> factory,
        Class<? extends Gan> type) {}
