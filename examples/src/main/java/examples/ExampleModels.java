package examples;

import io.gan4j.models.ModelProvider;
import io.gan4j.models.ModelSpec;
import io.gan4j.options.Recipe;

import java.util.List;

/**
 * Registers the example GANs with gan4j through {@link java.util.ServiceLoader}
 * (META-INF/services/io.gan4j.models.ModelProvider): with this jar on the classpath, the CLI and the
 * Java API train them by name, exactly like gan4j's own models.
 */
public final class ExampleModels implements ModelProvider {

    @Override
    public List<ModelSpec> models() {
        Recipe recipe = Recipe.parse("batch-size = 64\nepochs = 10\n", "examples");
        return List.of(
                new ModelSpec("ragan", "relativistic average GAN (example outside gan4j)", true, recipe, RaGan::new, RaGan.class),
                new ModelSpec("lsgan-example", "least-squares GAN (example outside gan4j)", true, recipe, Lsgan::new, Lsgan.class));
    }
}
