package io.gan4j.training;

import ai.djl.ndarray.NDArray;
import io.gan4j.data.LabeledImages;
import io.gan4j.losses.AdversarialLoss;
import io.gan4j.models.Gan;
import io.gan4j.options.Options;

import java.util.HashMap;
import java.util.Map;

/**
 * Says when training has failed, while it happens, with rules per loss family:
 * <ul>
 *   <li><b>D has won</b> (BCE-style losses): D's loss below {@value #D_WON_LOSS} while G's
 *       non-saturating loss is above {@value #D_WON_G_LOSS} for BCE (D rejects the fakes with
 *       probability above 98%; LSGAN and hinge have their own thresholds) for {@value #D_WON_STEPS} steps in a row. G's gradient then
 *       carries almost no signal and the samples stop improving. A warning, once per stretch.</li>
 *   <li><b>Collapse</b> (every image model): at each sample grid, the fixed-noise samples' mean
 *       pairwise distance below {@value #COLLAPSE_RATIO} of the real images' own (G draws one or
 *       a few images whatever its input). A warning at each grid where it holds, so that a
 *       resumed run warns exactly where the uninterrupted one did; not before step
 *       {@value #COLLAPSE_FROM}, since an untrained G's samples are all alike too.</li>
 *   <li><b>Blow-up</b>: d_loss or g_loss above a factor of its own running level (an
 *       exponential average of its magnitude, floored), a divergence like a NaN loss, for
 *       {@code --on-divergence} to stop or roll back. The factor and floor are the family's:
 *       a WGAN critic's loss is unbounded by nature and moves in the tens to hundreds, while
 *       a BCE loss of 13 is a G that D beats, not one that diverged; a BCE loss in the thousands
 *       means logits in the thousands, weights that no longer train.</li>
 * </ul>
 * Warnings go to the console and, as event lines, to metrics.jsonl, where the dashboard lists them.
 */
final class HealthMonitor implements TrainingListener {

    static final float D_WON_LOSS = 0.05f;
    static final float D_WON_G_LOSS = 4f;
    static final int D_WON_STEPS = 100;
    static final double COLLAPSE_RATIO = 0.2;
    static final long COLLAPSE_FROM = 250;
    /** Real images whose mean pairwise distance is the collapse rule's yardstick. */
    private static final int REAL_SAMPLE = 100;
    /** Weight of the newest step in a loss's running level. */
    private static final float LEVEL_RATE = 0.02f;

    /** The loss families, by how a healthy run's losses behave. */
    enum Family {
        /** Bounded-below classification losses (BCE, least squares, hinge) of a real/fake D. */
        CLASSIFIER(1000f, 1f, true),
        /** WGAN's critic: scores, unbounded by nature. */
        CRITIC(1000f, 100f, false),
        /** Losses with a classification, information or feature-matching part (sgan, infogan): no "D has won" rule. */
        MIXED(1000f, 1f, false),
        /** The pattern GAN's MSE on probabilities: bounded by 1, it cannot blow up. */
        BOUNDED(Float.POSITIVE_INFINITY, 1f, false);

        final float blowUpFactor;
        final float blowUpFloor;
        final boolean dCanWin;

        Family(float blowUpFactor, float blowUpFloor, boolean dCanWin) {
            this.blowUpFactor = blowUpFactor;
            this.blowUpFloor = blowUpFloor;
            this.dCanWin = dCanWin;
        }
    }

    private final MetricsLog metrics;
    private final SampleGrids grids;
    private final Map<String, Float> levels = new HashMap<>();
    private Family family;
    private boolean nonSaturating;
    private double realDistance;
    private int dWonSteps;
    private float gAtDWon;
    private float gWhenDWins;

    HealthMonitor(MetricsLog metrics, SampleGrids grids) {
        this.metrics = metrics;
        this.grids = grids;
    }

    /** The family of a configured model's losses. */
    static Family family(TrainConfig c) {
        return switch (c.model) {
            case "wgan-gp" -> Family.CRITIC;
            case "pattern" -> "mse".equals(c.get(Options.LOSS)) ? Family.BOUNDED : Family.CLASSIFIER;
            default -> AdversarialLoss.MODELS.contains(c.model) ? Family.CLASSIFIER : Family.MIXED;
        };
    }

    @Override
    public void onTrainingBegin(TrainingContext context) {
        family = family(context.config());
        nonSaturating = !"minimax".equals(context.config().get(Options.G_LOSS));
        TrainConfig c = context.config();
        // G's loss when D rejects its samples with confidence: -log(0.02) for BCE, (0 - 1)² for LSGAN, -(-1) for hinge.
        String advLoss = c.get(Options.ADV_LOSS) != null || !"pix2pix".equals(c.model) ? c.get(Options.ADV_LOSS) : c.get(Options.LOSS);
        gWhenDWins = switch (AdversarialLoss.named(advLoss)) {
            case LSGAN -> 0.8f;
            case HINGE -> 1f;
            default -> D_WON_G_LOSS;
        };
        LabeledImages images = context.images();
        Gan gan = context.gan();
        realDistance = images == null ? 0 : meanPairwiseDistance(realSample(images, gan), Math.min(REAL_SAMPLE, images.count()));
    }

    @Override
    public void onStep(StepEvent event) {
        checkBlowUp(event, "d_loss");
        checkBlowUp(event, "g_loss");
        if (event.divergence() != null) {
            return;
        }
        if (family.dCanWin) {
            checkDHasWon(event);
        }
        if (realDistance > 0 && event.step() >= COLLAPSE_FROM && event.context().gridDue(event)) {
            checkCollapse(event);
        }
    }

    @Override
    public void onRollback(TrainingContext context, long step) {
        levels.clear();
        dWonSteps = 0;
    }

    private void checkBlowUp(StepEvent event, String name) {
        float value = event.loss(name);
        if (Float.isNaN(value)) {
            return;
        }
        float magnitude = Math.abs(value);
        Float level = levels.get(name);
        if (level != null) {
            float limit = family.blowUpFactor * Math.max(level, family.blowUpFloor);
            if (magnitude > limit) {
                event.reportDivergence(String.format("%s blew up to %.4g at step %d (its running level: %.3g; above %.3g counts as"
                        + " diverged for %s losses)", name, value, event.step(), level, limit,
                        family.name().toLowerCase(java.util.Locale.ROOT)));
                return;
            }
        }
        levels.put(name, level == null ? magnitude : level + LEVEL_RATE * (magnitude - level));
    }

    private void checkDHasWon(StepEvent event) {
        float d = event.loss("d_loss");
        // G's adversarial part where its loss has others (acgan's class loss, pix2pix's L1).
        Map<String, Float> losses = event.losses();
        float g = losses.getOrDefault("g_adv", losses.getOrDefault("g_gan", event.loss("g_loss")));
        boolean won = d < D_WON_LOSS && (!nonSaturating || g > gWhenDWins);
        if (!won) {
            dWonSteps = 0;
            return;
        }
        if (dWonSteps == 0) {
            gAtDWon = g;
        }
        if (++dWonSteps == D_WON_STEPS) {
            warn(event, "d_has_won", String.format("D has won: for %d steps D's loss has stayed below %.2f while G's went"
                    + " from %.2f to %.2f; G gets almost no gradient and its samples stop improving (try a lower --lr-d,"
                    + " or a higher --lr-g)", D_WON_STEPS, D_WON_LOSS, gAtDWon, g));
        }
    }

    private void checkCollapse(StepEvent event) {
        TrainingContext context = event.context();
        double[] distance = new double[1];
        int[] n = new int[1];
        context.withSamplingWeights(() -> {
            NDArray samples = grids.samples();
            n[0] = (int) samples.getShape().get(0);
            distance[0] = meanPairwiseDistance(samples.toFloatArray(), n[0]);
        });
        if (distance[0] < COLLAPSE_RATIO * realDistance) {
            warn(event, "collapse", String.format("the samples have collapsed: the %d fixed-noise samples' mean pairwise"
                    + " distance is %.2f, %.0f%% of the real images' %.2f; G draws the same few images whatever its input",
                    n[0], distance[0], 100 * distance[0] / realDistance, realDistance));
        }
    }

    private void warn(StepEvent event, String kind, String message) {
        event.context().console().printf("%nwarning at step %d: %s%n", event.step(), message);
        metrics.event(event.step(), kind, message);
    }

    /** The first real images, scaled to the generator's output range like the training batches. */
    private static float[] realSample(LabeledImages images, Gan gan) {
        int n = Math.min(REAL_SAMPLE, images.count());
        int size = images.rows() * images.cols();
        float low = gan.outputLow();
        float scale = (gan.outputHigh() - low) / 255f;
        float[] values = new float[n * size];
        for (int i = 0; i < values.length; i++) {
            values[i] = low + scale * (images.pixels()[i] & 0xFF);
        }
        return values;
    }

    /** Mean Euclidean distance over all pairs of the {@code n} equal-length rows of {@code values}. */
    static double meanPairwiseDistance(float[] values, int n) {
        int size = values.length / n;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double squares = 0;
                for (int k = 0; k < size; k++) {
                    double d = values[i * size + k] - values[j * size + k];
                    squares += d * d;
                }
                sum += Math.sqrt(squares);
            }
        }
        return n < 2 ? 0 : sum / (n * (n - 1) / 2.0);
    }
}
