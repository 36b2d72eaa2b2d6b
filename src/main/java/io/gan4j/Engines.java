package io.gan4j;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.NativeLibrary;

import java.nio.file.Path;

/**
 * Process-wide engine set-up. DJL reads these properties once, when the engine first loads, so
 * {@link #configure} must run before any NDArray is created.
 */
public final class Engines {

    /** The CUDA build's instructions, named by every error about a GPU this build cannot use. */
    private static final String CUDA_BUILD = "the CUDA build of gan4j is made with 'mvn -Pcuda -DskipTests package'"
            + " (docs/gpu.md)";

    /** libtorch's c10 log levels: INFO 0, WARNING 1, ERROR 2, FATAL 3. */
    private static final int C10_WARNING = 1;
    private static final int C10_FATAL = 3;

    private static volatile boolean verbose;

    private Engines() {}

    /** Lets libtorch's own log lines (its deprecation warnings) reach stderr; call before the engine loads. */
    public static void showNativeLogs(boolean show) {
        verbose = show;
    }

    /**
     * Offline libtorch from the classpath (never a download; the CUDA build downloads its libtorch once),
     * no telemetry call, fixed threads.
     *
     * @param threads intra-op threads; 0 leaves the engine's default
     */
    public static void configure(int threads) {
        // The CUDA build (docs/gpu.md) has no libtorch on the classpath: DJL downloads it on first use.
        boolean bundled = Engines.class.getClassLoader().getResource("native/lib/pytorch.properties") != null;
        System.setProperty("ai.djl.offline", Boolean.toString(bundled));
        System.setProperty("OPT_OUT_TRACKING", "true");
        if (threads > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    /** A root manager on the named device: "cpu", "gpu" or "gpu0".."gpuN". */
    public static NDManager newManager(String device) {
        Device d;
        try {
            d = Device.fromName(device);
        } catch (IllegalArgumentException e) {
            d = null;
        }
        // Device.fromName accepts any word ("tpu" becomes a device that fails deep inside the first op).
        if (d == null || !(Device.Type.CPU.equals(d.getDeviceType()) || d.isGpu())) {
            throw new Gan4jException("unknown device '" + device + "' (use cpu, gpu or gpuN)");
        }
        Engine engine = loadedEngine();
        int gpus = engine.getGpuCount();
        if (d.isGpu() && gpus == 0) {
            throw new Gan4jException("--device " + device + ": this is gan4j's CPU build; " + CUDA_BUILD);
        }
        if (d.isGpu() && Math.max(0, d.getDeviceId()) >= gpus) {
            throw new Gan4jException("--device " + device + ": libtorch sees " + gpus + " GPU(s), numbered gpu0..gpu"
                    + (gpus - 1));
        }
        return NDManager.newBaseManager(d);
    }

    /**
     * The engine, loaded, with libtorch's own log lines silenced unless
     * {@link #showNativeLogs} asked for them. libtorch prints a deprecation warning of DJL's JNI ({@code AutoNonVariableTypeMode},
     * on the first {@code NDArray.set}) to stderr. The env variable {@code TORCH_CPP_LOG_LEVEL} does not
     * help here: only Python's torch module reads it (through {@code c10::initLogging}), so the level
     * flag in libc10 is set directly, through JNA (a DJL dependency), once the library is loaded.
     */
    private static Engine loadedEngine() {
        Engine engine = Engine.getInstance();
        setNativeLogLevel();
        return engine;
    }

    private static void setNativeLogLevel() {
        try {
            NativeLibrary c10 = NativeLibrary.getInstance(
                    Path.of(LibUtils.getLibtorchPath(), System.mapLibraryName("c10")).toString());
            c10.getGlobalVariableAddress("FLAGS_caffe2_log_level").setInt(0, verbose ? C10_WARNING : C10_FATAL);
            if (verbose) {
                c10.getFunction("_ZN3c1011initLoggingEv").invokeVoid(new Object[0]); // honours TORCH_CPP_LOG_LEVEL
            }
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // Another libtorch layout: its log lines stay as they are, nothing else depends on this.
        }
    }

    /** Seeds libtorch's generator (noise, dropout, initialisation). */
    public static void seed(long seed) {
        Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }
}
