package io.gan4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import io.gan4j.losses.Losses;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loss one update minimises, and its named parts for logging (e.g. d_real, d_fake). The
 * parts are logged as they are; only {@code total} is differentiated.
 */
public record StepLoss(NDArray total, Map<String, NDArray> parts) {

    public static StepLoss of(NDArray total) {
        return new StepLoss(total, Map.of());
    }

    /** The total, then the parts in order, copied to the host at once (one copy per update, not one per value). */
    public float[] values() {
        if (parts.isEmpty()) {
            return new float[] {total.getFloat()};
        }
        NDList all = new NDList(parts.size() + 1);
        all.add(total.reshape(1));
        parts.values().forEach(part -> all.add(part.reshape(1)));
        return NDArrays.concat(all).toFloatArray();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects named parts; the total is their sum times a scale. */
    public static final class Builder {

        private final Map<String, NDArray> parts = new LinkedHashMap<>();

        public Builder add(String name, NDArray part) {
            parts.put(name, part);
            return this;
        }

        /**
         * {@code scale} × the sum of the parts: 0.5 for a discriminator loss made of a real and a
         * fake half, so that it reads ln 2 (BCE) or 0.25 (MSE) when D cannot tell them apart.
         */
        public StepLoss total(float scale) {
            NDArray sum = null;
            for (NDArray part : parts.values()) {
                sum = sum == null ? part : sum.add(part);
            }
            return new StepLoss(scale == 1f ? sum : Losses.scale(sum, scale), parts);
        }
    }
}
