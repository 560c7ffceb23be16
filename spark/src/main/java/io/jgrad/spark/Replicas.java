package io.jgrad.spark;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.nn.Layer;
import io.jgrad.nn.SafeTensors;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The model replicas of this JVM (an executor, or the driver for {@code fitLocal}), per trainer:
 * each is built from the factory once and reused by the tasks that follow, its parameters loaded
 * from each step's broadcast. A task borrows one for its duration, so two tasks running at once in
 * one executor never share a replica: an executor builds as many as it runs tasks at once (its
 * cores), once. A replica whose task failed is dropped, not returned.
 *
 * <p>The pools of the 8 trainers used last are kept; older ones are dropped (garbage), so an
 * executor that serves many trainers does not keep every model it ever built.
 */
final class Replicas {

    private static final int TRAINERS_KEPT = 8;

    // trainer id → idle replicas, in the order the trainers were last used
    private static final Map<String, ArrayDeque<Replica>> IDLE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Replica>> eldest) {
            return size() > TRAINERS_KEPT;
        }
    };
    private static final Map<String, AtomicInteger> BUILT = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AtomicInteger> eldest) {
            return size() > TRAINERS_KEPT;
        }
    };

    private Replicas() {
    }

    /** A replica of the trainer's model for the calling task: an idle one, or a new one from the factory. */
    static Replica borrow(Settings<?> settings) {
        synchronized (IDLE) {
            ArrayDeque<Replica> idle = IDLE.get(settings.trainerId);
            Replica r = idle == null ? null : idle.poll();
            if (r != null) {
                return r;
            }
            BUILT.computeIfAbsent(settings.trainerId, k -> new AtomicInteger()).incrementAndGet();
        }
        Layer model = settings.model.create();
        if (model == null) {
            throw new IllegalStateException("DataParallel: the model factory returned null; it must return a new model");
        }
        return new Replica(model);
    }

    /** Gives a replica back after a task that succeeded. */
    static void giveBack(Settings<?> settings, Replica r) {
        synchronized (IDLE) {
            IDLE.computeIfAbsent(settings.trainerId, k -> new ArrayDeque<>()).push(r);
        }
    }

    /** @return how many replicas this JVM has built for the trainer (for tests) */
    static int built(String trainerId) {
        synchronized (IDLE) {
            AtomicInteger n = BUILT.get(trainerId);
            return n == null ? 0 : n.get();
        }
    }

    /** One model replica and what is known about its layout. */
    static final class Replica {
        final Layer model;
        final List<Tensor> params;
        /** Whether every parameter is float32, so the gradient travels as a {@code float[]}. */
        final boolean float32;
        final int numel;
        final boolean hasBuffers;
        /** The broadcast whose values the replica holds, or -1 (changed since, or none yet). */
        long loadedState = -1;

        Replica(Layer model) {
            this.model = model;
            this.params = model.parameters();
            boolean all32 = !params.isEmpty();
            long n = 0;
            for (Tensor p : params) {
                all32 &= p.dtype() == DType.FLOAT32;
                n += p.numel();
            }
            this.float32 = all32;
            this.numel = Math.toIntExact(n);
            this.hasBuffers = !model.namedBuffers().isEmpty();
        }

        /** Loads the driver's parameters and buffers from a broadcast image, unless it holds them already. */
        void load(Supplier<byte[]> state, long stateId) {
            if (loadedState == stateId) {
                return;
            }
            loadedState = -1;
            model.loadStateDict(SafeTensors.fromBytes(state.get()));
            loadedState = stateId;
        }
    }
}
