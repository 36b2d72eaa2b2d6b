package io.gan4j.layers;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * pix2pix's PatchGAN discriminator (the reference's {@code NLayerDiscriminator}): {@code layers}
 * Conv(4, s2, p1) blocks, one Conv(4, s1, p1) block, and a Conv(4, s1, p1) to one logit per
 * patch, so it judges overlapping patches rather than the whole image. With 3 layers (the
 * default) each logit sees a 70×70 patch and a 256×256 input gives a 30×30 grid. Feature maps
 * base·min(2^i, 8), LeakyReLU(0.2), a norm on every block but the first.
 */
public final class PatchGan {

    private static final int MAX_MULTIPLIER = 8;

    private PatchGan() {}

    /** Input [B, C, H, W] (for pix2pix the condition and the image side by side) → logits [B, 1, h, w]. */
    public static SequentialBlock discriminator(int layers, int base, boolean instance) {
        SequentialBlock net = new SequentialBlock().add(conv(base, 2, true)).add(Activation.leakyReluBlock(0.2f));
        for (int i = 1; i <= layers; i++) {
            int filters = base * Math.min(1 << i, MAX_MULTIPLIER);
            net.add(conv(filters, i < layers ? 2 : 1, instance))
                    .add(Layers.norm(instance))
                    .add(InPlaceActivation.leakyRelu(0.2f));
        }
        return net.add(conv(1, 1, true));
    }

    /** Side of the logit grid for a {@code size}-pixel input (below 1: too many layers for the image). */
    public static int outputSize(int size, int layers) {
        int s = size;
        for (int i = 0; i < layers; i++) {
            s = (s + 2 - 4) / 2 + 1;
        }
        return s - 2;
    }

    /** Side of the input patch one logit sees: 70 for 3 layers, 34 for 2, 16 for 1. */
    public static int receptiveField(int layers) {
        int field = 7; // the last two 4×4 stride-1 convolutions; then back through the strided ones
        for (int i = 0; i < layers; i++) {
            field = (field - 1) * 2 + 4;
        }
        return field;
    }

    private static Block conv(int filters, int stride, boolean bias) {
        return Conv2d.square(filters, 4, stride, 1, bias);
    }
}
