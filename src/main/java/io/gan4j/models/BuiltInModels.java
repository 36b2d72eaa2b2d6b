package io.gan4j.models;

import ai.djl.ndarray.NDManager;
import io.gan4j.options.Recipe;
import io.gan4j.training.TrainConfig;

import java.util.List;
import java.util.function.BiFunction;

/** gan4j's own models; each one's option values are in its recipe, {@code io/gan4j/recipes/NAME.recipe}. */
public final class BuiltInModels implements ModelProvider {

    @Override
    public List<ModelSpec> models() {
        return List.of(
                spec("pattern", "the 1010-pattern GAN of 'Make Your First GAN' (tiny MLPs, SGD, --loss mse|bce)",
                        false, Pattern::new, Pattern.class),
                spec("vanilla", "Goodfellow's MLP GAN on digits, D spectrally normalised (--g-loss non-saturating|minimax)",
                        true, Vanilla::new, Vanilla.class),
                spec("vanilla-tutorial", "vanilla with the tutorial's exact recipe (made for the 60k MNIST: collapses on the embedded 8k digits)",
                        true, Vanilla::new, Vanilla.class),
                spec("dcgan", "Radford et al.'s deep convolutional GAN (28x28 digits, or 32/64/128 px colour images)",
                        true, Dcgan::new, Dcgan.class),
                spec("cgan", "Mirza & Osindero's conditional GAN (--arch mlp (paper, maxout D) | conv)",
                        true, Cgan::new, Cgan.class),
                spec("acgan", "AC-GAN, losses on logits (--d-conditioning projection | embed | none)",
                        true, Acgan::new, Acgan.class),
                spec("sgan", "semi-supervised GAN: D classifies digits from --labelled N labelled images (--d-output k+1 | k, --supervised-only)",
                        true, Sgan::new, Sgan.class),
                spec("pix2pix", "Isola et al.'s image-to-image translation: U-Net G, PatchGAN D, adversarial + 100*L1 (--task, --direction)",
                        false, Pix2Pix::new, Pix2Pix.class),
                spec("wgan-gp", "Gulrajani et al.'s WGAN with gradient penalty (--arch conv | resnet, --gp-lambda, --n-critic)",
                        true, WganGp::new, WganGp.class),
                spec("infogan", "Chen et al.'s InfoGAN: categorical + continuous codes recovered by a Q head (--code-classes, --code-continuous)",
                        true, InfoGan::new, InfoGan.class));
    }

    private static ModelSpec spec(String name, String description, boolean usesImages,
            BiFunction<TrainConfig, NDManager, Gan> factory, Class<? extends Gan> type) {
        return new ModelSpec(name, description, usesImages,
                Recipe.resource(BuiltInModels.class, Recipe.RESOURCES + name + ".recipe"), factory, type);
    }
}
