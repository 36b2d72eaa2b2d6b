package io.gan4j.layers;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.gan4j.NativeOps;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where {@link Dropout}'s keep masks come from: a counter-based hash (see {@code keep_masks}
 * in native_ops.py) of each element's position in a sequence keyed by two 32-bit keys drawn from
 * libtorch's generator. libtorch's own draws run one element at a time on the CPU (~10 ns each
 * here), over a tenth of an MLP GAN's step; the hash is a few vectorised integer passes.
 *
 * <p>Inside a {@link Step} (a training step), all masks of one rate, type and device form one
 * sequence: the first mask asked for draws the keys, and each mask takes the next elements. As a
 * mask depends on the keys and its position only, the masks can be computed before they are asked
 * for: a step computes all of them in one call from the shapes the previous step on this thread
 * asked for, and computes on its own any mask that departs from that plan. Outside a step, each mask
 * is a sequence of its own.
 */
public final class DropoutMasks {

    private static final ThreadLocal<Step> CURRENT = new ThreadLocal<>();
    /** Per kind, the shapes the last step asked for: a guess at the next step's, for speed only. */
    private static final ThreadLocal<Map<Kind, List<Shape>>> PLANS = ThreadLocal.withInitial(HashMap::new);

    private DropoutMasks() {}

    /** Opens a step on this thread: masks asked for until it closes share keys and sequences. */
    public static Step openStep() {
        Step step = new Step(CURRENT.get());
        CURRENT.set(step);
        return step;
    }

    /** A keep mask shaped like {@code x}: 1 / keep with probability keep, else 0. */
    public static NDArray keepMask(NDArray x, float keep) {
        Kind kind = new Kind(keep, x.getDataType(), x.getDevice());
        Step step = CURRENT.get();
        return step != null ? step.take(x, kind) : new Sequence(kind, x.getManager(), List.of()).take(x);
    }

    /** The masks of one training step; closing it frees the masks computed for it but not taken. */
    public static final class Step implements AutoCloseable {

        private final Step outer;
        private final Map<Kind, Sequence> sequences = new HashMap<>();

        private Step(Step outer) {
            this.outer = outer;
        }

        private NDArray take(NDArray x, Kind kind) {
            return sequences.computeIfAbsent(kind, k -> new Sequence(k, x.getManager(), PLANS.get().getOrDefault(k, List.of())))
                    .take(x);
        }

        @Override
        public void close() {
            for (Map.Entry<Kind, Sequence> e : sequences.entrySet()) {
                PLANS.get().put(e.getKey(), e.getValue().asked);
                e.getValue().dropPlanned();
            }
            CURRENT.set(outer);
        }
    }

    private record Kind(float keep, DataType type, Device device) {

        /** Kept when the signed 32-bit hash is below this: a share keep of all 2^32 values. */
        int threshold() {
            return (int) (Math.round(keep * 4294967296.0) - 2147483648L);
        }
    }

    /** One kind's masks in a step: its keys, how far it has got, and the masks computed ahead. */
    private static final class Sequence {

        private final Kind kind;
        private final int key1;
        private final int key2;
        private final List<Shape> plan;
        private final Deque<NDArray> planned = new ArrayDeque<>();
        private final List<Shape> asked = new ArrayList<>();
        private long next;

        Sequence(Kind kind, NDManager manager, List<Shape> plan) {
            this.kind = kind;
            // From libtorch's CPU generator, which the trainer reseeds every step: runs repeat exactly.
            try (NDManager cpu = manager.newSubManager(Device.cpu())) {
                int[] keys = cpu.randomInteger(Integer.MIN_VALUE, Integer.MAX_VALUE, new Shape(2), DataType.INT32).toIntArray();
                key1 = keys[0];
                key2 = keys[1];
            }
            this.plan = plan;
            if (!plan.isEmpty()) {
                planned.addAll(compute(plan));
            }
        }

        NDArray take(NDArray x) {
            Shape shape = x.getShape();
            NDArray mask;
            if (!planned.isEmpty() && plan.get(asked.size()).equals(shape)) {
                mask = planned.poll();
            } else {
                dropPlanned();
                mask = compute(List.of(shape)).get(0);
            }
            asked.add(shape);
            next += shape.size();
            mask.attach(x.getManager());
            return mask;
        }

        private NDList compute(List<Shape> shapes) {
            long size = shapes.stream().mapToLong(Shape::size).sum();
            if (next + size > Integer.MAX_VALUE) {
                throw new IllegalStateException("more than 2^31 dropout mask elements in one step");
            }
            return NativeOps.keepMasks(1 / kind.keep(), kind.type(), kind.device(), next, key1, key2, kind.threshold(), shapes);
        }

        void dropPlanned() {
            planned.forEach(NDArray::close);
            planned.clear();
        }
    }
}
