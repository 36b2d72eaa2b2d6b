package io.gan4j.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.function.UnaryOperator;

/**
 * A small random affine warp of each image [B, C, H, W], its own draw per image: a rotation about
 * the centre by U(−d°, d°), a scale by U(1 − s, 1 + s) and a shift by U(−t, t) of the side in each
 * direction, sampled bilinearly; pixels from outside the image are −1, the images' black.
 * <p>
 * Bilinear sampling is usually a gather of four neighbours per output pixel, whose gradient needs a
 * scatter. Here the interpolation weights are separable, max(0, 1 − |source − k|) along each axis,
 * so a warp is two per-image weight matrices, [H·W, W] and [H·W, H], built from the drawn
 * parameters: one batched product with the rows, then a weighted sum over them. Both are plain
 * differentiable products, so a generator's gradient passes through the warp. Random draws come
 * from libtorch's generator, which the trainer reseeds per step.
 */
public final class RandomAffine implements UnaryOperator<NDArray> {

    private final float maxDegrees;
    private final float maxScale;
    private final float maxShift;

    /** Warps by up to {@code maxDegrees} of rotation, a scale of 1 ± {@code maxScale}, a shift of ± {@code maxShift} of the side. */
    public RandomAffine(float maxDegrees, float maxScale, float maxShift) {
        this.maxDegrees = maxDegrees;
        this.maxScale = maxScale;
        this.maxShift = maxShift;
    }

    /** Images [B, C, H, W] → warped images, each with its own draws. */
    @Override
    public NDArray apply(NDArray x) {
        NDManager m = x.getManager();
        Shape s = x.getShape();
        long b = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        Shape perImage = new Shape(b, 1);
        NDArray angle = m.randomUniform(-maxDegrees, maxDegrees, perImage).mul((float) Math.PI / 180f);
        NDArray zoom = m.randomUniform(1f - maxScale, 1f + maxScale, perImage);
        NDArray cos = angle.cos().div(zoom);
        NDArray sin = angle.sin().div(zoom);
        // Each output pixel p's offset from the centre, minus the image's shift: [B, H·W].
        NDArray u = m.arange((int) (h * w)).toType(x.getDataType(), false).mod(w).sub((w - 1) / 2f).reshape(1, h * w)
                .sub(m.randomUniform(-maxShift, maxShift, perImage).mul(w));
        NDArray v = m.arange((int) (h * w)).toType(x.getDataType(), false).div(w).floor().sub((h - 1) / 2f).reshape(1, h * w)
                .sub(m.randomUniform(-maxShift, maxShift, perImage).mul(h));
        // Where p reads from: the inverse rotation and scale of its offset, back to pixel coordinates.
        NDArray sourceX = cos.mul(u).add(sin.mul(v)).add((w - 1) / 2f);
        NDArray sourceY = cos.mul(v).sub(sin.mul(u)).add((h - 1) / 2f);
        NDArray weightsX = tent(sourceX, w);                                             // [B, H·W, W]
        NDArray weightsY = tent(sourceY, h);                                             // [B, H·W, H]
        NDArray rows = x.add(1f).reshape(b, c * h, w).matMul(weightsX.transpose(0, 2, 1)); // [B, C·H, H·W]
        NDArray warped = rows.reshape(b, c, h, h * w).mul(weightsY.transpose(0, 2, 1).reshape(b, 1, h, h * w))
                .sum(new int[] {2});                                                     // [B, C, H·W]
        return warped.reshape(s).sub(1f);
    }

    /** [B, P, n]: max(0, 1 − |source[b, p] − k|) for k = 0 … n − 1, the linear interpolation weights. */
    private static NDArray tent(NDArray source, long n) {
        NDArray k = source.getManager().arange((int) n).toType(source.getDataType(), false).reshape(1, 1, n);
        return k.sub(source.expandDims(2)).abs().neg().add(1f).maximum(0f);
    }
}
