package io.gan4j.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gan4j.NativeOps;
import io.gan4j.training.Draws;

import java.util.function.UnaryOperator;

/**
 * A small random affine warp of each image [B, C, H, W], its own draw per image: a rotation about
 * the centre by U(−d°, d°), a scale by U(1 − s, 1 + s) and a shift by U(−t, t) of the side in each
 * direction, sampled bilinearly; pixels from outside the image are −1, the images' black.
 * <p>
 * DJL has no bilinear sampling, and writing it from DJL's ops means a gather of four neighbours
 * per pixel (whose gradient is a scatter) or dense interpolation matrices, whose size grows with the
 * cube of the side (hundreds of MB a batch at 64 px). libtorch's own {@code grid_sample}, through
 * {@link NativeOps#affineWarp}, reads the four neighbours directly and passes the gradient back to
 * the images. The parameters are the step's draws ({@link Draws}: libtorch's generator, reseeded
 * per step), in the order degrees, scale, shift x, shift y.
 *
 * @param maxDegrees the largest rotation, either way
 * @param maxScale   the scale's largest departure from 1
 * @param maxShift   the largest shift, as a share of the side
 */
public record RandomAffine(float maxDegrees, float maxScale, float maxShift) implements UnaryOperator<NDArray> {

    /** Images [B, C, H, W] → warped images, each with its own draws. */
    @Override
    public NDArray apply(NDArray x) {
        NDManager m = x.getManager();
        Shape perImage = new Shape(x.getShape().get(0));
        Draws draws = Draws.current();
        NDArray degrees = draws.uniform(m, -maxDegrees, maxDegrees, perImage);
        NDArray zoom = draws.uniform(m, 1f - maxScale, 1f + maxScale, perImage);
        NDArray shiftX = draws.uniform(m, -maxShift, maxShift, perImage);
        NDArray shiftY = draws.uniform(m, -maxShift, maxShift, perImage);
        return warp(x, degrees, zoom, shiftX, shiftY);
    }

    /**
     * Image b turned by {@code degrees[b]} about its centre, scaled by {@code zoom[b]} and moved by
     * ({@code shiftX[b]}, {@code shiftY[b]}) sides: the output pixel at offset o from the centre reads
     * the source at R(−angle)·(o − shift) / zoom. In normalised coordinates (the offset over half the
     * side between the corner pixels' centres, a and b for x and y) that is theta's two rows.
     */
    public static NDArray warp(NDArray x, NDArray degrees, NDArray zoom, NDArray shiftX, NDArray shiftY) {
        Shape s = x.getShape();
        float a = (s.get(3) - 1) / 2f;
        float b = (s.get(2) - 1) / 2f;
        NDArray angle = degrees.mul((float) Math.PI / 180f);
        NDArray cos = angle.cos().div(zoom);
        NDArray sin = angle.sin().div(zoom);
        NDArray tx = shiftX.mul(s.get(3));
        NDArray ty = shiftY.mul(s.get(2));
        NDArray rowX = NDArrays.stack(new NDList(cos, sin.mul(b / a), cos.mul(tx).add(sin.mul(ty)).div(-a)), 1);
        NDArray rowY = NDArrays.stack(new NDList(sin.mul(-a / b), cos, cos.mul(ty).sub(sin.mul(tx)).div(-b)), 1);
        return NativeOps.affineWarp(x, NDArrays.stack(new NDList(rowX, rowY), 1).toType(x.getDataType(), false));
    }
}
