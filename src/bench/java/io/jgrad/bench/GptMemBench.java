package io.jgrad.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.Map;

/**
 * Memory of the GPT training step of {@link GptStep}, as {@link MemoryBench} measures the MLP's:
 * <ul>
 *   <li>{@code alloc}: bytes allocated per step by all threads ({@code
 *       ThreadMXBean.getThreadAllocatedBytes}), over at least 20 steps and 2 s after the warm-up,
 *       next to the forward's activation bytes counted analytically ({@link GptStep#activationBytes()});</li>
 *   <li>{@code heap}: heap in use after a full GC at three points of {@code steps} training steps
 *       (after 10 warm-up steps that create AdamW's state, then half-way, then at the end). Flat
 *       means the last sample is within {@value #FLAT_FRACTION} of the first (relative).</li>
 * </ul>
 */
final class GptMemBench {

    /** The heap growth, relative to the first sample, that still counts as flat. */
    static final double FLAT_FRACTION = 0.05;

    private GptMemBench() {
    }

    static void run(Harness h, Report r, int threads, int steps) {
        com.sun.management.ThreadMXBean tmx = MemoryBench.threadBean();
        if (tmx == null) {
            r.note("gptmem: skipped, this JVM does not report per-thread allocation");
            return;
        }
        GptStep s = new GptStep();
        h.warmUp(s::step);
        Map<Long, Long> before = MemoryBench.allocated(tmx);
        long t0 = System.nanoTime();
        int n = 0;
        do {
            s.step();
            n++;
        } while (n < 20 || System.nanoTime() - t0 < 2_000_000_000L);
        double perStep = (double) MemoryBench.since(tmx, before) / n;
        long act = GptStep.activationBytes();
        Harness.Stats st = new Harness.Stats(perStep, perStep, perStep, 1);
        r.add(Json.obj().put("section", "gptmem").put("kind", "alloc").put("workload", "alloc " + GptStep.WORKLOAD)
                        .put("dtype", "float32").put("threads", threads).put("steps", n)
                        .put("bytes_per_step", perStep).put("activation_bytes", act)
                        .put("alloc_over_activations", perStep / act),
                new Report.Row("gptmem", "gpt alloc/step", threads, "bytes", st));
        r.note(String.format(Locale.ROOT, "gptmem: %.0f bytes allocated per step (%d steps); activations %d bytes"
                + " (analytic), ratio %.2f", perStep, n, act, perStep / act));
        heap(r, threads, steps);
    }

    private static void heap(Report r, int threads, int steps) {
        GptStep s = new GptStep();
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 10; i++) {
            s.step();
        }
        long t0 = System.nanoTime();
        long[] used = new long[3];
        used[0] = MemoryBench.usedAfterGc(mem);
        for (int i = 0; i < steps / 2; i++) {
            s.step();
        }
        used[1] = MemoryBench.usedAfterGc(mem);
        for (int i = steps / 2; i < steps; i++) {
            s.step();
        }
        used[2] = MemoryBench.usedAfterGc(mem);
        double sec = (System.nanoTime() - t0) * 1e-9;
        double[] mb = new double[3];
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < 3; i++) {
            mb[i] = used[i] / (1024.0 * 1024.0);
            list.append(i == 0 ? "" : ", ").append(Json.num(mb[i]));
        }
        list.append(']');
        boolean flat = Math.abs(used[2] - used[0]) <= FLAT_FRACTION * used[0];
        String w = "heap after GC over " + steps + " steps " + GptStep.WORKLOAD;
        Harness.Stats st = new Harness.Stats(mb[2], Math.min(mb[0], Math.min(mb[1], mb[2])),
                Math.max(mb[0], Math.max(mb[1], mb[2])), 3);
        r.add(Json.obj().put("section", "gptmem").put("kind", "heap").put("workload", w).put("dtype", "float32")
                        .put("threads", threads).put("steps", steps).raw("heap_after_gc_mb", list.toString())
                        .put("flat", flat).put("seconds", sec),
                new Report.Row("gptmem", "gpt heap after GC, last of 3", threads, "MiB", st));
        r.note(String.format(Locale.ROOT, "gptmem heap after GC (first, middle, last) %s MiB over %d steps: %s"
                + " (%.1f s)", list, steps, flat ? "flat" : "NOT flat", sec));
    }
}
