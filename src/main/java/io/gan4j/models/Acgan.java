package io.gan4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.gan4j.layers.ConvNets;
import io.gan4j.layers.ProjectionDiscriminator;
import io.gan4j.losses.AdversarialLoss;
import io.gan4j.losses.Losses;
import io.gan4j.options.Options;
import io.gan4j.training.Batch;
import io.gan4j.training.Network;
import io.gan4j.training.StepLoss;
import io.gan4j.training.TrainConfig;

/**
 * AC-GAN (Odena et al. 2017) with seed 000's networks (the reference model of MODELS.md): G takes
 * noise plus a label embedding; D has a real/fake head and a class head. Both heads return logits —
 * BCE-with-logits and softmax cross-entropy are applied to them once (seed 000 and PyTorch-GAN
 * apply softmax before a loss that applies it again). With {@code --d-conditioning none} D does
 * not see the label, as in the paper, and must infer the class itself.
 */
public final class Acgan extends Gan {

    private final boolean dSeesLabels;
    private final AdversarialLoss adversarial;

    Acgan(TrainConfig c, NDManager manager) {
        super(c,
                Network.create("generator", ConvNets.conditionalGenerator(c.numClasses, c.imageShape[0], convSize(c)), manager,
                        new Shape(1, c.get(Options.LATENT_DIM)), new Shape(1)),
                Network.create("discriminator", discriminatorBlock(c), manager, discriminatorInputs(c, seesLabels(c))),
                c.get(Options.REUSE_FAKES, false));
        this.dSeesLabels = seesLabels(c);
        this.adversarial = AdversarialLoss.named(c.get(Options.ADV_LOSS));
    }

    private static boolean seesLabels(TrainConfig c) {
        return !c.get(Options.D_CONDITIONING).equals("none");
    }

    private static Block discriminatorBlock(TrainConfig c) {
        int size = convSize(c);
        return c.get(Options.D_CONDITIONING).equals("projection")
                ? new ProjectionDiscriminator(ConvNets.discriminatorBody(size), c.numClasses)
                : ConvNets.discriminator(size, c.numClasses, seesLabels(c), 1, c.numClasses);
    }

    static Shape[] discriminatorInputs(TrainConfig c, boolean withLabels) {
        Shape image = new Shape(1, c.imageShape[0], c.imageShape[1], c.imageShape[2]);
        return withLabels ? new Shape[] {image, new Shape(1)} : new Shape[] {image};
    }

    private NDList discriminate(NDArray images, NDArray labels) {
        return discriminator.forward(dSeesLabels ? new NDList(images, labels) : new NDList(images), true);
    }

    @Override
    public StepLoss discriminatorLoss(Batch real) {
        Fakes fakes = discriminatorFakes(real);
        NDArray labels = fakes.labels();
        NDArray fake = fakes.images().stopGradient();
        NDList r = discriminate(real.images(), real.labels());
        NDList f = discriminate(fake, labels);
        return StepLoss.builder()
                .add("d_real_adv", adversarial.real(r.get(0)))
                .add("d_real_cls", Losses.crossEntropy(r.get(1), real.labels()))
                .add("d_fake_adv", adversarial.fake(f.get(0)))
                .add("d_fake_cls", Losses.crossEntropy(f.get(1), labels))
                .total(0.5f);
    }

    @Override
    public StepLoss generatorLoss(Batch real) {
        Fakes fakes = generatorFakes(real);
        NDList f = discriminate(fakes.images(), fakes.labels());
        return StepLoss.builder()
                .add("g_adv", adversarial.generator(f.get(0)))
                .add("g_cls", Losses.crossEntropy(f.get(1), fakes.labels()))
                .total(1f);
    }

    @Override
    public NDArray generate(NDArray noise, NDArray labels, boolean training) {
        return generator.forward(new NDList(noise, labels), training).singletonOrThrow();
    }

    @Override
    public int numClasses() {
        return config.numClasses;
    }
}
