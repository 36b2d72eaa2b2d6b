package io.gan4j;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * Process-wide engine set-up. DJL reads these properties once, when the engine first loads, so
 * {@link #configure} must run before any NDArray is created.
 */
public final class Engines {

    private Engines() {}

    /**
     * Offline libtorch from the classpath (never a download), no telemetry call, fixed threads.
     *
     * @param threads intra-op threads; 0 leaves the engine's default
     */
    public static void configure(int threads) {
        System.setProperty("ai.djl.offline", "true");
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
            throw new Gan4jException("unknown device '" + device + "' (use cpu or gpu[N])");
        }
        if (d.isGpu() && d.getDeviceId() >= Engine.getInstance().getGpuCount()) {
            throw new Gan4jException(
                    "device '" + device + "' requested but the engine sees "
                            + Engine.getInstance().getGpuCount()
                            + " GPU(s): a GPU needs the pytorch-native-cu* dependency in place of pytorch-native-cpu");
        }
        return NDManager.newBaseManager(d);
    }

    /** Seeds libtorch's generator (noise, dropout, initialisation). */
    public static void seed(long seed) {
        Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }
}
