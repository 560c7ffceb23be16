package io.jgrad.bench;

import io.jgrad.Tensor;

/**
 * The reference's {@code bench_chain}: 10,000 ops on 0-d tensors that require grad, alternating
 * {@code y + b} and {@code y * a} ({@code a = 1.0001}, {@code b = 0.001}, {@code x = 1.0}), then
 * {@code backward}; µs per op for the forward and the backward pass, each repeat one chain. The
 * reference takes two warm-up chains; here warm-up chains run for the harness's warm-up time (at
 * least two), so that the JIT has compiled the graph code before the timed chains.
 * {@code grad_check} is {@code x.grad} after the last pass: it must equal the reference's.
 */
final class ChainBench {

    static final int N_OPS = 10_000;

    private ChainBench() {
    }

    static void run(Harness h, Report r, int threads) {
        Tensor a = Tensor.scalar(1.0001).requiresGrad(true);
        Tensor b = Tensor.scalar(0.001).requiresGrad(true);
        long warmEnd = System.nanoTime() + (long) (h.warmup() * 1e9);
        for (int w = 0; w < 2 || System.nanoTime() < warmEnd; w++) {
            chain(a, b);
        }
        double[] fw = new double[h.repeats()];
        double[] bw = new double[h.repeats()];
        double[] both = new double[h.repeats()];
        double gradCheck = Double.NaN;
        for (int rep = 0; rep < h.repeats(); rep++) {
            long[] t = new long[3];
            Tensor x = Tensor.scalar(1.0).requiresGrad(true);
            a.zeroGrad();
            b.zeroGrad();
            t[0] = System.nanoTime();
            Tensor y = x;
            for (int i = 0; i < N_OPS; i++) {
                y = (i & 1) == 0 ? y.add(b) : y.mul(a);
            }
            t[1] = System.nanoTime();
            y.backward();
            t[2] = System.nanoTime();
            fw[rep] = (t[1] - t[0]) * 1e-3 / N_OPS;
            bw[rep] = (t[2] - t[1]) * 1e-3 / N_OPS;
            both[rep] = fw[rep] + bw[rep];
            gradCheck = x.grad().item();
        }
        Harness.Stats f = Harness.Stats.of(fw);
        Harness.Stats bk = Harness.Stats.of(bw);
        Harness.Stats fb = Harness.Stats.of(both);
        String w = N_OPS + " ops";
        r.add(Json.obj().put("section", "chain").put("workload", w).put("n_ops", N_OPS).put("dtype", "float64")
                        .put("threads", threads).put("fwd_us_per_op", f).put("bwd_us_per_op", bk)
                        .put("fwdbwd_us_per_op", fb).put("grad_check", gradCheck),
                new Report.Row("chain", w + " fwd", threads, "us/op", f),
                new Report.Row("chain", w + " bwd", threads, "us/op", bk),
                new Report.Row("chain", w + " fwd+bwd", threads, "us/op", fb));
        r.note("chain grad_check x.grad = " + gradCheck);
    }

    private static void chain(Tensor a, Tensor b) {
        Tensor x = Tensor.scalar(1.0).requiresGrad(true);
        a.zeroGrad();
        b.zeroGrad();
        Tensor y = x;
        for (int i = 0; i < N_OPS; i++) {
            y = (i & 1) == 0 ? y.add(b) : y.mul(a);
        }
        y.backward();
    }
}
