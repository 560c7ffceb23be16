package io.jgrad.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Memory of the MLP training step:
 * <ul>
 *   <li>{@code alloc}: bytes allocated per step (all threads, {@code ThreadMXBean.getThreadAllocatedBytes}),
 *       for each configuration of {@link MlpModel}, with gradients reset to {@code null} and kept
 *       ({@code zeroGrad(false)}), next to the step's activation bytes (each layer's output and each
 *       ReLU's, float64) and parameter bytes (what one set of fresh gradients costs);</li>
 *   <li>{@code heap}: heap in use after a full GC, sampled eleven times over {@code steps} training
 *       steps of 784-256-10 at batch 32: a leak shows as a rising line. Flat means the last sample is
 *       within 1 MiB of the first taken after the first tenth of the steps.</li>
 * </ul>
 */
final class MemoryBench {

    /** Heap growth over the run, from the second sample to the last, that still counts as flat. */
    static final long FLAT_TOLERANCE = 1L << 20;

    private MemoryBench() {
    }

    static void run(Harness h, Report r, int threads, int steps) {
        com.sun.management.ThreadMXBean tmx = threadBean();
        if (tmx == null) {
            r.note("memory: skipped, this JVM does not report per-thread allocation");
            return;
        }
        for (int c = 0; c < 2 * MlpModel.ARCHS.length; c++) {
            int a = c / 2;
            MlpModel m = new MlpModel(MlpModel.ARCHS[a], MlpModel.BATCHES[a], 0, c % 2 == 1);
            h.warmUp(m::step);
            long t0 = System.nanoTime();
            int n = 0;
            Map<Long, Long> before = allocated(tmx);
            do {
                m.step();
                n++;
            } while (n < 20 || System.nanoTime() - t0 < 500_000_000L);
            double perStep = (double) since(tmx, before) / n;
            double ratio = perStep / m.activationBytes();
            String w = m.arch() + " B=" + m.batch + (m.keepGrads ? " zeroGrad(false)" : "");
            Harness.Stats s = new Harness.Stats(perStep, perStep, perStep, 1);
            Harness.Stats rs = new Harness.Stats(ratio, ratio, ratio, 1);
            r.add(Json.obj().put("section", "memory").put("kind", "alloc").put("workload", "alloc " + w)
                            .put("arch", m.arch()).put("batch", m.batch).put("zero_grad", m.zeroGradMode())
                            .put("threads", threads).put("steps", n)
                            .put("alloc_bytes_per_step", perStep).put("activation_bytes", m.activationBytes())
                            .put("parameter_bytes", m.parameterBytes()).put("alloc_over_activations", ratio)
                            .put("alloc_over_activations_plus_grads",
                                    perStep / (m.activationBytes() + m.parameterBytes())),
                    new Report.Row("memory", "alloc/step " + w, threads, "bytes", s),
                    new Report.Row("memory", "alloc/step ÷ activations " + w, threads, "ratio", rs));
            r.note(String.format(Locale.ROOT, "memory %s: %.0f bytes allocated per step; activations %d bytes,"
                    + " parameters %d bytes", w, perStep, m.activationBytes(), m.parameterBytes()));
        }
        heap(r, threads, steps);
    }

    private static void heap(Report r, int threads, int steps) {
        MlpModel m = new MlpModel(new int[] {784, 256, 10}, 32, 0);
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        int samples = 11;
        long[] used = new long[samples];
        int every = steps / (samples - 1);
        long t0 = System.nanoTime();
        for (int s = 0; s < samples; s++) {
            if (s > 0) {
                for (int i = 0; i < every; i++) {
                    m.step();
                }
            }
            used[s] = usedAfterGc(mem);
        }
        double sec = (System.nanoTime() - t0) * 1e-9;
        long drift = used[samples - 1] - used[1];
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        StringBuilder list = new StringBuilder("[");
        for (int s = 0; s < samples; s++) {
            min = Math.min(min, used[s]);
            max = Math.max(max, used[s]);
            list.append(s == 0 ? "" : ", ").append(used[s]);
        }
        list.append(']');
        boolean flat = Math.abs(drift) <= FLAT_TOLERANCE;
        String w = "heap after GC over " + (every * (samples - 1)) + " steps 784-256-10 B=32";
        Harness.Stats st = new Harness.Stats(used[samples - 1], min, max, samples);
        Harness.Stats ds = new Harness.Stats(drift, drift, drift, 1);
        r.add(Json.obj().put("section", "memory").put("kind", "heap").put("workload", w).put("arch", "784-256-10")
                        .put("batch", 32).put("threads", threads).put("steps", every * (samples - 1))
                        .put("seconds", sec).raw("heap_used_after_gc_bytes", list.toString())
                        .put("drift_bytes", drift).put("flat", flat),
                new Report.Row("memory", w, threads, "bytes", st),
                new Report.Row("memory", "heap drift (last − 2nd sample)", threads, "bytes", ds));
        r.note(String.format(Locale.ROOT, "memory heap after GC, every %d steps: %s; drift %d bytes: %s (%.1f s)",
                every, list, drift, flat ? "flat" : "NOT flat", sec));
    }

    /** @return heap bytes in use after two full collections */
    static long usedAfterGc(MemoryMXBean mem) {
        // two collections: the first may only promote what the second then frees
        System.gc();
        System.gc();
        return mem.getHeapMemoryUsage().getUsed();
    }

    /** @return the thread bean with allocation counting on, or null where the JVM has none */
    static com.sun.management.ThreadMXBean threadBean() {
        java.lang.management.ThreadMXBean b = ManagementFactory.getThreadMXBean();
        if (b instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported()) {
            t.setThreadAllocatedMemoryEnabled(true);
            return t;
        }
        return null;
    }

    /** @return bytes allocated by all threads since {@code before} was taken with {@link #allocated} */
    static long since(com.sun.management.ThreadMXBean tmx, Map<Long, Long> before) {
        long total = 0;
        for (Map.Entry<Long, Long> e : allocated(tmx).entrySet()) {
            total += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return total;
    }

    /** @return bytes allocated so far by each live thread, by thread id */
    static Map<Long, Long> allocated(com.sun.management.ThreadMXBean tmx) {
        long[] ids = tmx.getAllThreadIds();
        long[] bytes = tmx.getThreadAllocatedBytes(ids);
        Map<Long, Long> m = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                m.put(ids[i], bytes[i]);
            }
        }
        return m;
    }
}
