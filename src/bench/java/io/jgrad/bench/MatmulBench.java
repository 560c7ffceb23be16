package io.jgrad.bench;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Gemm;
import io.jgrad.ndarray.Kernels;
import java.util.List;
import java.util.Random;

/**
 * Square matrix products, {@code n × n} by {@code n × n}, in GFLOP/s ({@code 2n³} per product), as the
 * reference's {@code bench_matmul}, for each dtype of {@code --dtypes}. Three forms: {@code tensor},
 * {@link Tensor#matmul} (a new result array each call, as user code sees it), {@code gemm},
 * {@link Kernels#gemm} into a reused array (the reference's {@code torch.mm(a, b, out=c)}; the
 * float32 overload for float32), and, in float64 only, {@code ejml}, EJML's
 * {@code CommonOps_DDRM.mult} into a reused array (single-threaded), the baseline (EJML's float
 * module is not a dependency).
 */
final class MatmulBench {

    private MatmulBench() {
    }

    static void run(Harness h, Report r, int threads, int[] sizes, List<DType> dtypes) {
        for (DType dtype : dtypes) {
            for (int n : sizes) {
                if (dtype == DType.FLOAT32) {
                    runFloat(h, r, threads, n);
                } else {
                    runDouble(h, r, threads, n);
                }
            }
        }
    }

    private static void runDouble(Harness h, Report r, int threads, int n) {
        Random g = new Random(n);
        Tensor a = Tensor.randn(g, n, n);
        Tensor b = Tensor.randn(g, n, n);
        double flops = 2.0 * n * n * n;

        double[] ts = h.timeit(() -> Harness.consume(a.matmul(b).array().data()[0]));
        record(r, "tensor", n, DType.FLOAT64, threads, flops, ts);

        double[] ad = a.array().data();
        double[] bd = b.array().data();
        double[] c = new double[n * n];
        ts = h.timeit(() -> {
            Kernels.gemm(false, false, n, n, n, ad, 0, bd, 0, c, 0);
            Harness.consume(c[0]);
        });
        record(r, "gemm", n, DType.FLOAT64, threads, flops, ts);

        // EJML's CommonOps_DDRM.mult through the same interface: the baseline the kernels replace
        Gemm ejml = Kernels.newGemm("ejml", 1);
        ts = h.timeit(() -> {
            ejml.gemm(false, false, n, n, n, ad, 0, bd, 0, c, 0);
            Harness.consume(c[0]);
        });
        record(r, "ejml", n, DType.FLOAT64, threads, flops, ts);
    }

    private static void runFloat(Harness h, Report r, int threads, int n) {
        Random g = new Random(n);
        Tensor a = Tensor.randn(g, DType.FLOAT32, n, n);
        Tensor b = Tensor.randn(g, DType.FLOAT32, n, n);
        double flops = 2.0 * n * n * n;

        double[] ts = h.timeit(() -> Harness.consume(a.matmul(b).array().floats()[0]));
        record(r, "tensor", n, DType.FLOAT32, threads, flops, ts);

        float[] ad = a.array().floats();
        float[] bd = b.array().floats();
        float[] c = new float[n * n];
        ts = h.timeit(() -> {
            Kernels.gemm(false, false, n, n, n, ad, 0, bd, 0, c, 0);
            Harness.consume(c[0]);
        });
        record(r, "gemm", n, DType.FLOAT32, threads, flops, ts);
    }

    private static void record(Report r, String impl, int n, DType dtype, int threads, double flops, double[] ts) {
        Harness.Stats gf = Harness.Stats.of(Harness.map(ts, t -> flops / t / 1e9));
        Harness.Stats sec = Harness.Stats.of(ts);
        String w = impl + " n=" + n + " " + dtype.label();
        r.add(Json.obj().put("section", "matmul").put("impl", impl).put("workload", w).put("n", n)
                        .put("dtype", dtype.label()).put("threads", threads).put("gflops", gf).put("sec", sec),
                new Report.Row("matmul", w, threads, "GFLOP/s", gf));
    }
}
