package io.gan4j.models;

import java.util.List;

/**
 * A source of models, found by {@link java.util.ServiceLoader}: a jar on the classpath that lists
 * its implementation in {@code META-INF/services/io.gan4j.models.ModelProvider} adds its models
 * to {@code gan4j models}, {@code gan4j train NAME} and {@link Models#get}. gan4j's own models
 * come from {@link BuiltInModels} the same way.
 */
public interface ModelProvider {

    List<ModelSpec> models();
}
