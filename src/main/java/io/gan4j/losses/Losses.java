package io.gan4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Loss functions shared by every GAN. All classification losses take logits: applying a
 * softmax or sigmoid before them (a common bug in popular GAN code) would squash gradients.
 */
public final class Losses {

    private Losses() {}

    /**
     * {@code x · factor} with the factor held by libtorch. DJL's {@code mul(Number)} wraps a Java
     * buffer that it frees once the call returns, yet autograd keeps the factor for the backward
     * pass: a garbage collection in between leaves backward reading freed memory (NaN or wrong
     * gradients, at random). Any constant multiplying a tensor that needs a gradient goes through here.
     */
    public static NDArray scale(NDArray x, float factor) {
        return x.mul(x.getManager().full(new Shape(), factor, x.getDataType()));
    }

    /**
     * Binary cross-entropy on logits against a constant target, averaged over the batch:
     * softplus(x) - t·x, i.e. softplus(-x) for t = 1 and softplus(x) for t = 0. The engine's
     * softplus is the numerically stable max(x,0) + log(1 + exp(-|x|)) in one fused op.
     */
    public static NDArray bceWithLogits(NDArray logits, float target) {
        if (target == 1f) {
            return logits.neg().getNDArrayInternal().softPlus().mean();
        }
        NDArray softplus = logits.getNDArrayInternal().softPlus();
        return (target == 0f ? softplus : softplus.sub(scale(logits, target))).mean();
    }

    /** Mean squared error of probabilities sigmoid(logits) against a constant target. */
    public static NDArray mseOnProbabilities(NDArray logits, float target) {
        return logits.getNDArrayInternal().sigmoid().sub(target).square().mean();
    }

    /** Softmax cross-entropy on logits [B, K] with integer class labels [B]. */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logProbs = logits.logSoftmax(-1);
        return logProbs.gather(labels.reshape(-1, 1), 1).mean().neg();
    }

    /** log Σ exp(logits) over the last axis, computed stably (the maximum is factored out). */
    public static NDArray logSumExp(NDArray logits) {
        NDArray max = logits.max(new int[] {-1}, true).stopGradient();
        return logits.sub(max).exp().sum(new int[] {-1}).log().add(max.squeeze(-1));
    }

    /**
     * Feature matching (Salimans et al. 2016): the squared distance between the batch means of
     * D's features on real and on generated images, averaged over features.
     */
    public static NDArray featureMatching(NDArray realFeatures, NDArray fakeFeatures) {
        return realFeatures.mean(new int[] {0}).sub(fakeFeatures.mean(new int[] {0})).square().mean();
    }

    /** LSGAN's loss (Mao et al. 2017): mean squared error of the raw outputs against a constant target. */
    public static NDArray leastSquares(NDArray outputs, float target) {
        return outputs.sub(target).square().mean();
    }

    /** Mean absolute difference (pix2pix's reconstruction term). */
    public static NDArray l1(NDArray a, NDArray b) {
        return a.sub(b).abs().mean();
    }

    /**
     * The WGAN critic's loss mean(D(fake)) - mean(D(real)) on its raw scores [B, 1]: minimising it
     * maximises the critic's estimate of the Wasserstein-1 distance (Arjovsky et al. 2017).
     */
    public static NDArray wassersteinCritic(NDArray realScores, NDArray fakeScores) {
        return fakeScores.mean().sub(realScores.mean());
    }

    /** The WGAN generator's loss -mean(D(G(z))). */
    public static NDArray wassersteinGenerator(NDArray fakeScores) {
        return fakeScores.mean().neg();
    }

    /**
     * The negative log-likelihood of {@code x} [B, C] under independent Gaussians N(mean, exp(logVar)),
     * up to the constant ½log 2π, summed over C and averaged over the batch (InfoGAN's continuous codes).
     */
    public static NDArray gaussianNll(NDArray x, NDArray mean, NDArray logVar) {
        NDArray perItem = scale(logVar.add(x.sub(mean).square().mul(logVar.neg().exp())), 0.5f);
        return perItem.sum(new int[] {1}).mean();
    }

    /** Squared error summed over C, averaged over the batch. */
    public static NDArray squaredError(NDArray x, NDArray prediction) {
        return x.sub(prediction).square().sum(new int[] {1}).mean();
    }
}
