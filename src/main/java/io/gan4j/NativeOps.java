package io.gan4j;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * libtorch operations that DJL's op set lacks or runs slowly, run inside the same libtorch on
 * DJL's own tensors through one small TorchScript module ({@code native-ops.pt}, built by
 * {@code src/main/torchscript/native_ops.py}). Calls that must be differentiated go through
 * DJL's {@code IValueUtils.forward} in training mode, which records the autograd graph as any DJL
 * op does; the others run without it.
 */
public final class NativeOps {

    private static final Pattern PLAIN_NAME = Pattern.compile("\\w*");

    private NativeOps() {}

    /** d(sum y)/dx, itself differentiable (create_graph); nothing is accumulated into any .grad. */
    public static NDArray inputGradient(NDArray y, NDArray x) {
        return differentiable("input_gradient", y, x);
    }

    /**
     * PyTorch's Adam update ({@code torch._fused_adam_}: one pass over weight, gradient and moments)
     * of every weight of a network, then zeroes their gradients.
     *
     * @param step the update's 1-based count
     */
    public static void adamStep(PtNDArray[] weights, PtNDArray[] grads, PtNDArray[] means, PtNDArray[] variances,
            long step, double lr, double beta1, double beta2, double eps) {
        IValue[] args = {IValue.listFrom(weights), IValue.listFrom(grads), IValue.listFrom(means),
            IValue.listFrom(variances), IValue.from((double) step), IValue.from(lr), IValue.from(beta1),
            IValue.from(beta2), IValue.from(eps)};
        try {
            IValueUtils.runMethod(Module.INSTANCE, "adam_step", args).close();
        } finally {
            for (IValue arg : args) {
                arg.close();
            }
        }
    }

    /**
     * PyTorch's {@code F.conv_transpose2d(input, weight, bias, stride, padding, output_padding)},
     * differentiable in all three tensors; {@code bias} may be null. On the CPU, an output of at most
     * {@value #FEW_CHANNELS} channels (a generator's image layer) is computed by {@link #FEW_CHANNELS columns};
     * any other in bfloat16 inside a {@link #bfloat16} scope. The bias is always added here, after the
     * convolution (one way on every device): on the CPU, oneDNN's deconvolution given a bias adds it in a
     * scalar reference loop that reads every output element through a generic type conversion, slower
     * than the vectorised add.
     */
    public static NDArray convTranspose2d(NDArray input, NDArray weight, NDArray bias, int stride, int padding,
            int outputPadding) {
        NDArray geometry = Module.geometry(stride, padding, outputPadding);
        if (byColumns(input, weight.getShape().get(1))) {
            return withBias(differentiable("conv_transpose2d_columns", input, weight, geometry), bias);
        }
        if (BFLOAT16.get()) {
            return withBias(differentiable("conv_transpose2d_bf16", input, weight, geometry), bias);
        }
        return withBias(differentiable("conv_transpose2d", input, weight, geometry), bias);
    }

    /**
     * PyTorch's {@code F.conv2d(input, weight, bias, stride, padding, dilation)} with one group,
     * differentiable in all three tensors; {@code bias} may be null. On the CPU, an input of at most
     * {@value #FEW_CHANNELS} channels (a discriminator's image layer) without dilation is computed by
     * {@link #FEW_CHANNELS columns}; every other convolution is libtorch's (oneDNN or cuDNN), in
     * bfloat16 inside a {@link #bfloat16} scope.
     */
    public static NDArray conv2d(NDArray input, NDArray weight, NDArray bias, Shape stride, Shape padding,
            Shape dilation) {
        int sh = (int) stride.get(0);
        int sw = (int) stride.get(1);
        int ph = (int) padding.get(0);
        int pw = (int) padding.get(1);
        if (byColumns(input, weight.getShape().get(1)) && dilation.get(0) == 1 && dilation.get(1) == 1) {
            return withBias(differentiable("conv2d_columns", input, weight, Module.geometry(sh, sw, ph, pw)), bias);
        }
        if (BFLOAT16.get()) {
            NDArray geometry = Module.geometry(sh, sw, ph, pw, (int) dilation.get(0), (int) dilation.get(1));
            return withBias(differentiable("conv2d_bf16", input, weight, geometry), bias);
        }
        return Conv2d.conv2d(input, weight, bias, stride, padding, dilation).singletonOrThrow();
    }

    /**
     * y plus a per-channel bias (none if null), added in place: y is every path's new output (never
     * a view, which would make autograd copy y's gradient), and no backward pass reads it. The bias's
     * view is closed at once (autograd keeps what it needs); it would otherwise stay in the
     * parameters' manager until the step's end.
     */
    private static NDArray withBias(NDArray y, NDArray bias) {
        if (bias == null) {
            return y;
        }
        try (NDArray perChannel = bias.reshape(1, -1, 1, 1)) {
            return y.addi(perChannel);
        }
    }

    private static final ThreadLocal<Boolean> BFLOAT16 = ThreadLocal.withInitial(() -> false);

    /**
     * Until closed, this thread's {@link #conv2d} and {@link #convTranspose2d} calls compute in
     * bfloat16 ({@code on}) or in float32 (not {@code on}); closing restores the setting before.
     * The input and weight are cast down as {@code torch.autocast} casts a convolution's, and the
     * output is cast back to float32 at once (autocast would keep it bfloat16, but no bfloat16
     * tensor may reach DJL, which cannot hold one). The casts' backward casts the gradients the same
     * way, so both backward convolutions run in bfloat16 too, while weights, their gradients, Adam,
     * normalisation and losses stay float32 (a bias is added in float32). oneDNN's bfloat16 kernels
     * gain only on a CPU with bfloat16 instructions (AVX512_BF16, AMX); other CPUs take slower
     * paths. The image layers computed by {@link #FEW_CHANNELS columns} stay float32.
     */
    public static Scope bfloat16(boolean on) {
        boolean before = BFLOAT16.get();
        BFLOAT16.set(on);
        return () -> BFLOAT16.set(before);
    }

    /** A setting of the current thread, restored when closed. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Image channels at or below which a convolution on the CPU runs as im2col/col2im and one batched
     * matrix product ({@code *_columns} in native_ops.py). libtorch's oneDNN kernels vectorise over
     * channels, so a convolution from, or a transposed convolution to, 1–4 image channels runs far
     * below the speed of the same multiply-adds as a matrix product; the columns cost one buffer of
     * {@code channels × kernel area} rows per pixel, small for so few channels. The product is one
     * {@code bmm} against the weight expanded over the batch: a 2-D weight times the 3-D images
     * ({@code matmul}) would copy the images transposed. Rounding differs from oneDNN's in the last
     * bits. A GPU keeps cuDNN's kernels. Measured in docs/performance.md.
     */
    public static final int FEW_CHANNELS = 4;

    /** Whether a convolution with this many image channels on {@code input}'s device goes by columns. */
    static boolean byColumns(NDArray input, long imageChannels) {
        return imageChannels <= FEW_CHANNELS && !input.getDevice().isGpu();
    }

    /**
     * Dropout keep masks ({@code scale} where kept, else 0) of the given shapes, in {@code type} on
     * {@code device}: the elements {@code start, start + 1, ...} of the sequence keyed by
     * {@code key1, key2}, each kept when its hash is below {@code threshold} (a signed 32-bit
     * integer; see {@code keep_masks} in native_ops.py). The masks share one buffer and belong to
     * the module's manager: the caller attaches them where they are used. (Run as a training call:
     * masks made in inference mode could not be saved for a backward pass; none of the inputs has a
     * gradient, so no graph is recorded.)
     */
    public static NDList keepMasks(float scale, DataType type, Device device, long start, int key1, int key2, int threshold,
            List<Shape> shapes) {
        long[] spec = new long[4 + shapes.stream().mapToInt(s -> 1 + s.dimension()).sum()];
        spec[0] = start;
        spec[1] = key1;
        spec[2] = key2;
        spec[3] = threshold;
        int i = 4;
        for (Shape shape : shapes) {
            spec[i++] = shape.dimension();
            for (long d : shape.getShape()) {
                spec[i++] = d;
            }
        }
        try (NDArray specArray = Module.MANAGER.create(spec)) {
            return IValueUtils.forward(Module.INSTANCE,
                    new NDList(Module.scalar(scale, type, device), specArray, Module.selector("keep_masks")), true);
        }
    }

    /** ReLU of {@code x} in place ({@code torch.relu_}), returned as a new handle on x's storage. */
    public static NDArray reluInPlace(NDArray x) {
        return differentiable("relu_", x);
    }

    /**
     * LeakyReLU of {@code x} with negative slope {@code slope} (> 0) in place
     * ({@code F.leaky_relu_}), returned as a new handle on x's storage.
     */
    public static NDArray leakyReluInPlace(NDArray x, float slope) {
        return differentiable("leaky_relu_", x, Module.scalar(slope, DataType.FLOAT32, Device.cpu()));
    }

    /**
     * {@code y[i] += rows[index[i]]} for every sample i, in place, returned as a new handle on y's
     * storage: one matrix product of the one-hot {@code index} (int64 [B]) and {@code rows}
     * ([classes, ...], each row the size of a sample of y), added into y, instead of a lookup and
     * an add that write the looked-up rows and read them again. Only for a y that the layer before
     * made anew and that no backward pass reads (a convolution's output); y's handle must not be used
     * afterwards. Unlike {@link #reluInPlace}, a misuse goes undetected: y is written through an alias
     * that autograd does not track as a view (so that it copies no gradient), and y's version counter
     * does not move, so a backward pass that had saved y would silently read the new values.
     */
    public static NDArray addRowsInPlace(NDArray y, NDArray index, NDArray rows) {
        return differentiable("add_rows_", y, index, rows);
    }

    /**
     * Images [B, C, H, W] resampled bilinearly where {@code theta} [B, 2, 3] maps each output pixel's
     * normalised coordinates (−1 and 1 at the corner pixels' centres) to the source's
     * ({@code F.affine_grid} and {@code F.grid_sample} with {@code align_corners=True}); pixels read
     * from outside the image are −1. Differentiable in the images.
     */
    public static NDArray affineWarp(NDArray images, NDArray theta) {
        return differentiable("affine_warp", images, theta);
    }

    /** Runs {@code method} on {@code inputs} with autograd on; the result joins the first input's manager. */
    private static NDArray differentiable(String method, NDArray... inputs) {
        NDList list = new NDList(inputs.length + 1);
        for (NDArray input : inputs) {
            // DJL's IValueUtils reads some array names as list, tuple or dict markers.
            if (input.getName() != null && !PLAIN_NAME.matcher(input.getName()).matches()) {
                throw new IllegalArgumentException("array name '" + input.getName() + "' would change the call");
            }
            list.add(input);
        }
        list.add(Module.selector(method));
        return IValueUtils.forward(Module.INSTANCE, list, true).singletonOrThrow();
    }

    /** The module and its constant arrays, which live as long as the process (a few bytes each). */
    private static final class Module {

        private static final String RESOURCE = "native-ops.pt";
        private static final NDManager MANAGER = NDManager.newBaseManager();
        static final PtSymbolBlock INSTANCE = load();
        private static final Map<String, NDArray> SELECTORS = new ConcurrentHashMap<>();
        private static final Map<List<Integer>, NDArray> GEOMETRIES = new ConcurrentHashMap<>();
        private static final Map<List<Object>, NDArray> SCALARS = new ConcurrentHashMap<>();

        private static PtSymbolBlock load() {
            try (InputStream in = NativeOps.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new Gan4jException("the gan4j jar lacks " + RESOURCE + " (rebuild gan4j)");
                }
                PtSymbolBlock module = JniUtils.loadModule((PtNDManager) MANAGER, in, true, false);
                // The plain interpreter: the profiling executor would re-plan one-op methods for nothing.
                JniUtils.setGraphExecutorOptimize(false);
                return module;
            } catch (IOException e) {
                throw new Gan4jException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
            }
        }

        /** An array named so that IValueUtils calls {@code method} instead of forward (it is not passed). */
        static NDArray selector(String method) {
            return SELECTORS.computeIfAbsent(method, m -> {
                NDArray a = MANAGER.create(0);
                a.setName("module_method:" + m);
                return permanent(a);
            });
        }

        /** A convolution's geometry as the module reads it: int64 on the CPU, made once per geometry. */
        static NDArray geometry(int... values) {
            return GEOMETRIES.computeIfAbsent(Arrays.stream(values).boxed().toList(),
                    g -> permanent(MANAGER.create(Arrays.stream(values).asLongStream().toArray())));
        }

        /** A 0-d array of {@code value} in {@code type} on {@code device}: made once per triple. */
        static NDArray scalar(float value, DataType type, Device device) {
            return SCALARS.computeIfAbsent(List.of(value, type, device), k -> {
                NDArray cpu = MANAGER.create(value);
                NDArray typed = cpu.toType(type, false);
                if (typed != cpu) {
                    cpu.close();
                }
                NDArray placed = typed.toDevice(device, false);
                if (placed != typed) {
                    typed.close();
                }
                return permanent(placed);
            });
        }

        /** Out of any enclosing {@link NDScope} (a training step's), which would free it at its end. */
        private static NDArray permanent(NDArray array) {
            NDScope.unregister(array);
            return array;
        }
    }
}
