package io.gan4j.models;

import ai.djl.ndarray.NDManager;
import io.gan4j.Gan4jException;
import io.gan4j.UsageException;
import io.gan4j.augment.DiffAugment;
import io.gan4j.options.Options;
import io.gan4j.training.TrainConfig;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The model zoo: every GAN gan4j can train, by name. Models come from every {@link ModelProvider}
 * on the classpath (gan4j's own first) and from {@link #register}.
 */
public final class Models {

    private static final Map<String, ModelSpec> SPECS = new LinkedHashMap<>();
    public static final int DIGIT_SIZE = 28;
    public static final int DIGIT_CLASSES = 10;

    static {
        new BuiltInModels().models().forEach(Models::register);
        for (ModelProvider provider : ServiceLoader.load(ModelProvider.class)) {
            if (!(provider instanceof BuiltInModels)) {
                provider.models().forEach(Models::register);
            }
        }
    }

    private Models() {}

    /** Adds a model (e.g. one defined outside gan4j); its name must be new. */
    public static synchronized void register(ModelSpec spec) {
        if (SPECS.putIfAbsent(spec.name(), spec) != null) {
            throw new Gan4jException("a model named '" + spec.name() + "' is already registered");
        }
    }

    /** The name a model class is registered under. */
    public static String nameOf(Class<? extends Gan> type) {
        return SPECS.values().stream().filter(s -> s.type() == type).map(ModelSpec::name).findFirst()
                .orElseThrow(() -> new Gan4jException(type.getName() + " is not a registered model (known: "
                        + String.join(", ", SPECS.keySet()) + ")"));
    }

    public static Map<String, ModelSpec> all() {
        return Collections.unmodifiableMap(SPECS);
    }

    public static ModelSpec get(String name) {
        ModelSpec spec = SPECS.get(name);
        if (spec == null) {
            throw new UsageException("unknown model '" + name + "' (known: " + String.join(", ", SPECS.keySet()) + ")");
        }
        return spec;
    }

    /** The configuration with every unset option filled from the model's recipe, then from the global defaults. */
    public static TrainConfig resolve(TrainConfig config) {
        return get(config.model).recipe().fillIn(config).withGlobalDefaults();
    }

    /**
     * The configuration resolved for MNIST-shaped images (1×28×28, 10 classes) without loading a
     * data set: the shape of the PyTorch reference models, of benchmarks and of tests.
     */
    public static TrainConfig resolveForDigits(TrainConfig config) {
        resolve(config);
        config.imageShape = new int[] {1, DIGIT_SIZE, DIGIT_SIZE};
        config.numClasses = DIGIT_CLASSES;
        return config;
    }

    /**
     * Builds the model of a resolved configuration, after checking its options against their
     * declarations; with {@code --diffaugment}, its discriminator augments every image it sees.
     */
    public static Gan create(TrainConfig config, NDManager manager) {
        ModelSpec spec = get(config.model);
        Options.validate(config);
        Gan gan = spec.factory().apply(config, manager);
        DiffAugment augment = DiffAugment.parse(config.get(Options.DIFFAUGMENT));
        gan.discriminator().setInputAugment(augment == null ? null : augment.forInput(config.imageShape));
        return gan;
    }
}
