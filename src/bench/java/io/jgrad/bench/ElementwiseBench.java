package io.jgrad.bench;

import io.jgrad.Tensor;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Element-wise ops and reductions through the {@link Tensor} API, µs per call: {@code add} and
 * {@code mul} of two tensors of the same shape, {@code exp}, {@code relu}, the full {@code sum},
 * and {@code softmax} over the last dimension, on {@code (1000000,)} and {@code (256, 1024)}. No
 * input requires grad, so these time the forward kernels and the result allocation only (as
 * {@code torch.add(x, y)} and friends do, in {@code bench/torch_extra.py}).
 */
final class ElementwiseBench {

    /** The shapes, as in {@code bench/torch_extra.py}. */
    static final int[][] SHAPES = {{1_000_000}, {256, 1024}};

    private ElementwiseBench() {
    }

    static void run(Harness h, Report r, int threads) {
        for (int[] shape : SHAPES) {
            Random g = new Random(shape.length);
            Tensor x = Tensor.randn(g, shape);
            Tensor y = Tensor.randn(g, shape);
            time(h, r, threads, "add", shape, () -> x.add(y));
            time(h, r, threads, "mul", shape, () -> x.mul(y));
            time(h, r, threads, "exp", shape, x::exp);
            time(h, r, threads, "relu", shape, x::relu);
            time(h, r, threads, "sum", shape, x::sum);
            time(h, r, threads, "softmax", shape, () -> x.softmax(-1));
        }
    }

    private static void time(Harness h, Report r, int threads, String op, int[] shape, Supplier<Tensor> fn) {
        double[] ts = h.timeit(() -> Harness.consume(fn.get().array().data()[0]));
        Harness.Stats us = Harness.Stats.of(Harness.map(ts, t -> t * 1e6));
        String shapeText = io.jgrad.Shape.of(shape).toString();
        String workload = op + " " + shapeText.replace(" ", "");
        r.add(Json.obj().put("section", "elementwise").put("op", op).put("workload", workload)
                        .raw("shape", java.util.Arrays.toString(shape)).put("dtype", "float64").put("threads", threads)
                        .put("us", us),
                new Report.Row("elementwise", workload, threads, "us/call", us));
    }
}
