package io.gan4j.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.gan4j.Gan4jException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Differentiable augmentation (Zhao et al. 2020, "Differentiable Augmentation for Data-Efficient
 * GAN Training"): every image D sees, real or fake, in D's and in G's update, is transformed by
 * the same policy, with independent random draws per image, by operations G's gradient flows
 * through. Augmenting reals alone would teach G the augmented distribution; augmenting outside the
 * graph would cut G's gradient. The policy is a subset of
 * <ul>
 *   <li>{@code color}: brightness + U(−0.5, 0.5), saturation × U(0, 2) around the pixel's channel
 *       mean, contrast × U(0.5, 1.5) around the image's mean;
 *   <li>{@code translation}: a shift by up to 1/8 of the side in each direction (integer pixels,
 *       zeros shifted in);
 *   <li>{@code cutout}: a square of half the side set to 0 at a random centre.
 * </ul>
 * Random draws come from libtorch's generator, which the trainer reseeds per step, so a resumed
 * run draws the same. The shifts and the cutout are built from comparisons of index ranges (shift
 * matrices and masks) rather than gathers, so they are plain differentiable products.
 */
public final class DiffAugment implements UnaryOperator<NDArray> {

    public static final List<String> POLICIES = List.of("color", "translation", "cutout");

    private static final float TRANSLATION_RATIO = 0.125f;
    private static final float CUTOUT_RATIO = 0.5f;

    private final Set<String> policy;

    private DiffAugment(Set<String> policy) {
        this.policy = policy;
    }

    /** The policy of {@code --diffaugment} (e.g. {@code color,translation,cutout}); null when empty or null. */
    public static DiffAugment parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return null;
        }
        Set<String> parts = new LinkedHashSet<>();
        for (String p : spec.split(",")) {
            String name = p.trim();
            if (!POLICIES.contains(name)) {
                throw new Gan4jException("--diffaugment takes a comma-separated subset of " + String.join(", ", POLICIES)
                        + ", not '" + name + "'");
            }
            parts.add(name);
        }
        // Applied in the reference's order whatever the order given.
        Set<String> ordered = new LinkedHashSet<>();
        POLICIES.stream().filter(parts::contains).forEach(ordered::add);
        return new DiffAugment(ordered);
    }

    /** Images [B, C, H, W] → augmented images, each with its own draws. */
    @Override
    public NDArray apply(NDArray x) {
        if (policy.contains("color")) {
            x = color(x);
        }
        if (policy.contains("translation")) {
            x = translation(x);
        }
        if (policy.contains("cutout")) {
            x = cutout(x);
        }
        return x;
    }

    /**
     * The policy for a discriminator's image input: [B, C, H, W] as it is, or [B, C·H·W] (an MLP
     * discriminator's flattened images) as the {@code imageShape} images it holds. Applied to the
     * flat vector itself, a shift would move positions of a 784-long row and build 784×784 shift
     * matrices per image.
     */
    public UnaryOperator<NDArray> forInput(int[] imageShape) {
        return x -> x.getShape().dimension() == 4 ? apply(x)
                : apply(x.reshape(x.getShape().get(0), imageShape[0], imageShape[1], imageShape[2])).reshape(x.getShape());
    }

    public List<String> policy() {
        return new ArrayList<>(policy);
    }

    private static NDArray color(NDArray x) {
        NDManager m = x.getManager();
        Shape perImage = new Shape(x.getShape().get(0), 1, 1, 1);
        x = x.add(m.randomUniform(-0.5f, 0.5f, perImage));
        NDArray pixelMean = x.mean(new int[] {1}, true);
        x = x.sub(pixelMean).mul(m.randomUniform(0f, 2f, perImage)).add(pixelMean);
        // The engine averages over one axis at a time: the image's mean from its flattened values.
        NDArray imageMean = x.reshape(perImage.get(0), -1).mean(new int[] {1}).reshape(perImage);
        return x.sub(imageMean).mul(m.randomUniform(0.5f, 1.5f, perImage)).add(imageMean);
    }

    /** out[b, c, i, j] = x[b, c, i + dy_b, j + dx_b], 0 outside: Sy · x · Sxᵀ with one-hot shift matrices. */
    private static NDArray translation(NDArray x) {
        NDManager m = x.getManager();
        Shape s = x.getShape();
        long sy = part(s.get(2), TRANSLATION_RATIO);
        long sx = part(s.get(3), TRANSLATION_RATIO);
        NDArray shiftRows = shift(m, s.get(2), perImage(m, s.get(0), -sy, sy + 1), x.getDataType());
        NDArray shiftCols = shift(m, s.get(3), perImage(m, s.get(0), -sx, sx + 1), x.getDataType());
        return shiftRows.matMul(x).matMul(shiftCols.transpose(0, 1, 3, 2));
    }

    /** [B, 1, n, n] with S[b, 0, i, k] = 1 where k = i + d_b. */
    private static NDArray shift(NDManager m, long n, NDArray d, DataType type) {
        NDArray i = m.arange((int) n).reshape(1, 1, n, 1);
        NDArray k = m.arange((int) n).reshape(1, 1, 1, n);
        return k.sub(i).eq(d.toType(DataType.INT32, false)).toType(type, false);
    }

    /** A square of half the side zeroed per image, its centre anywhere (clipped at the borders). */
    private static NDArray cutout(NDArray x) {
        NDManager m = x.getManager();
        Shape s = x.getShape();
        long ch = part(s.get(2), CUTOUT_RATIO);
        long cw = part(s.get(3), CUTOUT_RATIO);
        NDArray top = perImage(m, s.get(0), 0, s.get(2) + (1 - ch % 2)).sub(ch / 2);
        NDArray left = perImage(m, s.get(0), 0, s.get(3) + (1 - cw % 2)).sub(cw / 2);
        NDArray rows = inRange(m.arange((int) s.get(2)).reshape(1, 1, s.get(2), 1), top, ch);
        NDArray cols = inRange(m.arange((int) s.get(3)).reshape(1, 1, 1, s.get(3)), left, cw);
        NDArray keep = rows.logicalAnd(cols).logicalNot().toType(x.getDataType(), false);
        return x.mul(keep);
    }

    /** {@code ratio} of a side, rounded as the reference does. */
    private static long part(long side, float ratio) {
        return (long) (side * ratio + 0.5f);
    }

    /** One integer in [low, high) per image, [B, 1, 1, 1]. */
    private static NDArray perImage(NDManager m, long batch, long low, long high) {
        return m.randomInteger(low, high, new Shape(batch, 1, 1, 1), DataType.INT64);
    }

    /** index ∈ [from, from + length) per image. */
    private static NDArray inRange(NDArray index, NDArray from, long length) {
        NDArray i = index.toType(DataType.INT64, false);
        return i.gte(from).logicalAnd(i.lt(from.add(length)));
    }
}
