package io.jgrad.bench;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Kernels;
import java.util.List;
import java.util.Random;
import org.ejml.concurrency.EjmlConcurrency;

/**
 * The reference's {@code bench_mlp}: training steps of 784-256-10 at batch 1, 32, 64 and 256 and of
 * 64-128-128-10 at batch 32, in ms per step, samples per second and dense GFLOP/s, for each dtype
 * of {@code --dtypes} (float64 and float32). Each configuration is run these ways:
 * <ul>
 *   <li>{@code jgrad}: {@link MlpModel}, the library as a user calls it, gradients reset to
 *       {@code null} each step as the reference's;</li>
 *   <li>{@code jgrad-kept}: the same with {@code zeroGrad(false)}, gradient arrays kept across steps;</li>
 *   <li>{@code ejml}: {@link EjmlMlp}, the same step written by hand on EJML's kernels (float64 only);</li>
 *   <li>{@code gemm-only}: just the step's matrix products through {@link Kernels#gemm}, into reused
 *       arrays (the forward {@code A·Wᵀ} of each layer, then {@code Gᵀ·A} and {@code G·W} backward):
 *       the floor the kernels set;</li>
 *   <li>phases of the {@code jgrad} step, timed one by one (section {@code mlp_phases}): zeroGrad,
 *       forward, loss, backward, optimizer step.</li>
 * </ul>
 */
final class MlpBench {

    private MlpBench() {
    }

    static void run(Harness h, Report r, int threads, List<DType> dtypes) {
        EjmlConcurrency.setMaxThreads(threads);
        for (DType dtype : dtypes) {
            for (int c = 0; c < MlpModel.STEP_ARCHS.length; c++) {
                int[] layers = MlpModel.STEP_ARCHS[c];
                int batch = MlpModel.STEP_BATCHES[c];
                MlpModel m = new MlpModel(layers, batch, 0, false, dtype);
                double[] ts = h.timeit(() -> Harness.consume(m.step()));
                record(r, "jgrad", m, threads, ts);

                MlpModel kept = new MlpModel(layers, batch, 0, true, dtype);
                ts = h.timeit(() -> Harness.consume(kept.step()));
                record(r, "jgrad-kept", kept, threads, ts);

                if (dtype == DType.FLOAT64) {
                    EjmlMlp e = new EjmlMlp(layers, batch, 0, threads > 1);
                    ts = h.timeit(() -> Harness.consume(e.step()));
                    record(r, "ejml", m, threads, ts);
                }

                Runnable f = dtype == DType.FLOAT64 ? new GemmFloor(layers, batch) : new FloatGemmFloor(layers, batch);
                ts = h.timeit(f);
                record(r, "gemm-only", m, threads, ts);

                phases(h, r, m, threads);
            }
        }
    }

    private static void record(Report r, String impl, MlpModel m, int threads, double[] ts) {
        Harness.Stats ms = Harness.Stats.of(Harness.map(ts, t -> t * 1e3));
        Harness.Stats sps = Harness.Stats.of(Harness.map(ts, t -> m.batch / t));
        Harness.Stats gf = Harness.Stats.of(Harness.map(ts, t -> m.denseFlops() / t / 1e9));
        String w = impl + " " + m.arch() + " B=" + m.batch + " " + m.dtype.label();
        r.add(Json.obj().put("section", "mlp").put("impl", impl).put("workload", w).put("arch", m.arch())
                        .put("batch", m.batch).put("dtype", m.dtype.label()).put("threads", threads).put("ms_per_step", ms)
                        .put("samples_per_s", sps).put("dense_gflops", gf),
                new Report.Row("mlp", w, threads, "ms/step", ms));
    }

    /** Times each phase of {@link MlpModel#step()} separately, over calibrated runs of whole steps. */
    private static void phases(Harness h, Report r, MlpModel m, int threads) {
        String[] names = {"zero_grad", "forward", "loss", "backward", "step"};
        // calibrate: enough steps that one repeat lasts the harness's minimum time
        long t0 = System.nanoTime();
        m.step();
        m.step();
        double one = (System.nanoTime() - t0) * 1e-9 / 2;
        int inner = (int) Math.max(1, Math.min(1 << 16, Math.ceil(0.05 / Math.max(one, 1e-9))));
        double[][] per = new double[names.length][h.repeats()];
        for (int rep = 0; rep < h.repeats(); rep++) {
            long[] acc = new long[names.length];
            for (int i = 0; i < inner; i++) {
                long a = System.nanoTime();
                m.zeroGrad();
                long b = System.nanoTime();
                Tensor logits = m.model.forward(m.x);
                long c = System.nanoTime();
                Tensor loss = m.lossFn.forward(logits, m.y);
                long d = System.nanoTime();
                loss.backward();
                long e = System.nanoTime();
                m.opt.step();
                long f = System.nanoTime();
                acc[0] += b - a;
                acc[1] += c - b;
                acc[2] += d - c;
                acc[3] += e - d;
                acc[4] += f - e;
            }
            for (int p = 0; p < names.length; p++) {
                per[p][rep] = acc[p] * 1e-6 / inner;
            }
        }
        String w = m.arch() + " B=" + m.batch + " " + m.dtype.label();
        Json j = Json.obj().put("section", "mlp_phases").put("workload", w)
                .put("arch", m.arch()).put("batch", m.batch).put("dtype", m.dtype.label()).put("threads", threads);
        Report.Row[] rows = new Report.Row[names.length];
        for (int p = 0; p < names.length; p++) {
            Harness.Stats s = Harness.Stats.of(per[p]);
            j.put(names[p] + "_ms", s);
            rows[p] = new Report.Row("mlp_phases", w + " " + names[p], threads, "ms", s);
        }
        r.add(j, rows);
    }

    /** The matrix products of one training step, through {@link Kernels#gemm}, into reused arrays. */
    static final class GemmFloor implements Runnable {
        private final int[] layers;
        private final int batch;
        private final double[] x;
        private final double[][] w;
        private final double[][] dw;
        private final double[][] z;
        private final double[][] g;

        GemmFloor(int[] layers, int batch) {
            this.layers = layers;
            this.batch = batch;
            Random rng = new Random(1);
            int nl = layers.length - 1;
            x = fill(rng, new double[batch * layers[0]]);
            w = new double[nl][];
            dw = new double[nl][];
            z = new double[nl][];
            g = new double[nl][];
            for (int l = 0; l < nl; l++) {
                w[l] = fill(rng, new double[layers[l + 1] * layers[l]]);
                dw[l] = new double[layers[l + 1] * layers[l]];
                z[l] = fill(rng, new double[batch * layers[l + 1]]);
                g[l] = fill(rng, new double[batch * layers[l + 1]]);
            }
        }

        private static double[] fill(Random rng, double[] d) {
            for (int i = 0; i < d.length; i++) {
                d[i] = rng.nextGaussian() * 0.1;
            }
            return d;
        }

        @Override
        public void run() {
            int nl = layers.length - 1;
            for (int l = 0; l < nl; l++) {
                double[] in = l == 0 ? x : z[l - 1];
                // Z = A·Wᵀ: (B, out) = (B, in)·(out, in)ᵀ
                Kernels.gemm(false, true, batch, layers[l + 1], layers[l], in, 0, w[l], 0, z[l], 0);
            }
            for (int l = nl - 1; l >= 0; l--) {
                double[] in = l == 0 ? x : z[l - 1];
                // ∂W = Gᵀ·A: (out, in) = (B, out)ᵀ·(B, in)
                Kernels.gemm(true, false, layers[l + 1], layers[l], batch, g[l], 0, in, 0, dw[l], 0);
                if (l > 0) {
                    // ∂A = G·W: (B, in) = (B, out)·(out, in)
                    Kernels.gemm(false, false, batch, layers[l], layers[l + 1], g[l], 0, w[l], 0, g[l - 1], 0);
                }
            }
            Harness.consume(dw[0][0]);
        }
    }

    /** {@link GemmFloor} in float32, through the float overload of {@link Kernels#gemm}. */
    static final class FloatGemmFloor implements Runnable {
        private final int[] layers;
        private final int batch;
        private final float[] x;
        private final float[][] w;
        private final float[][] dw;
        private final float[][] z;
        private final float[][] g;

        FloatGemmFloor(int[] layers, int batch) {
            this.layers = layers;
            this.batch = batch;
            Random rng = new Random(1);
            int nl = layers.length - 1;
            x = fill(rng, new float[batch * layers[0]]);
            w = new float[nl][];
            dw = new float[nl][];
            z = new float[nl][];
            g = new float[nl][];
            for (int l = 0; l < nl; l++) {
                w[l] = fill(rng, new float[layers[l + 1] * layers[l]]);
                dw[l] = new float[layers[l + 1] * layers[l]];
                z[l] = fill(rng, new float[batch * layers[l + 1]]);
                g[l] = fill(rng, new float[batch * layers[l + 1]]);
            }
        }

        private static float[] fill(Random rng, float[] d) {
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) (rng.nextGaussian() * 0.1);
            }
            return d;
        }

        @Override
        public void run() {
            int nl = layers.length - 1;
            for (int l = 0; l < nl; l++) {
                float[] in = l == 0 ? x : z[l - 1];
                Kernels.gemm(false, true, batch, layers[l + 1], layers[l], in, 0, w[l], 0, z[l], 0);
            }
            for (int l = nl - 1; l >= 0; l--) {
                float[] in = l == 0 ? x : z[l - 1];
                Kernels.gemm(true, false, layers[l + 1], layers[l], batch, g[l], 0, in, 0, dw[l], 0);
                if (l > 0) {
                    Kernels.gemm(false, false, batch, layers[l], layers[l + 1], g[l], 0, w[l], 0, g[l - 1], 0);
                }
            }
            Harness.consume(dw[0][0]);
        }
    }
}
