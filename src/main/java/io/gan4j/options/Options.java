package io.gan4j.options;

/**
 * PLACEHOLDER for branch i22-options' option declarations (issue 22): only the keys that this
 * branch's Java API, examples and README use. At the merge the real {@code Options} replaces this file.
 */
public final class Options {

    private Options() {}

    /** Total training steps. */
    public static final Option<Long> STEPS = new Option<>("steps", Long.class, c -> c.steps, (c, v) -> c.steps = v);
    /** Seed of the run. */
    public static final Option<Long> SEED = new Option<>("seed", Long.class, c -> c.seed, (c, v) -> c.seed = v);
    /** Images per batch. */
    public static final Option<Integer> BATCH_SIZE = new Option<>("batch-size", Integer.class, c -> c.batchSize,
            (c, v) -> c.batchSize = v);
    /** Generator learning rate. */
    public static final Option<Float> LR_G = new Option<>("lr-g", Float.class, c -> c.lrGenerator, (c, v) -> c.lrGenerator = v);
    /** Discriminator learning rate. */
    public static final Option<Float> LR_D = new Option<>("lr-d", Float.class, c -> c.lrDiscriminator,
            (c, v) -> c.lrDiscriminator = v);
    /** Steps per metrics.jsonl line. */
    public static final Option<Integer> LOG_EVERY = new Option<>("log-every", Integer.class, c -> c.logEvery,
            (c, v) -> c.logEvery = v);
    /** Extra sample grids every N steps. */
    public static final Option<Integer> SAMPLE_EVERY = new Option<>("sample-every", Integer.class, c -> c.sampleEvery,
            (c, v) -> c.sampleEvery = v);
    /** Compute threads (0: the engine's choice). */
    public static final Option<Integer> THREADS = new Option<>("threads", Integer.class, c -> c.threads, (c, v) -> c.threads = v);
    /** stop | rollback on a divergence. */
    public static final Option<String> ON_DIVERGENCE = new Option<>("on-divergence", String.class, c -> c.onDivergence,
            (c, v) -> c.onDivergence = v);
}
