package io.jgrad.bench;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.nn.Functional;
import java.util.Random;

/**
 * {@link Functional#conv2d(Tensor, Tensor, Tensor, int, int)} alone, float32: an input of
 * {@code (64, 32, 14, 14)}, a weight of {@code (64, 32, 3, 3)}, a bias of {@code (64)}, stride 1,
 * padding 1, in ms per call. Op {@code forward}: no tensor requires a gradient, so no graph is
 * recorded (PyTorch under {@code no_grad}). Op {@code forward+backward}: the input and the weight
 * require gradients (the bias does not), and {@code out.backward(g)} runs with a fixed upstream
 * gradient {@code g} of ones of the output's shape; the two gradients are reset to {@code null}
 * before each call, so none accumulates.
 */
final class ConvBench {

    static final String SHAPE = "(64, 32, 14, 14)*(64, 32, 3, 3) pad 1";

    private ConvBench() {
    }

    static void run(Harness h, Report r, int threads) {
        Random rng = new Random(0);
        Tensor x = Tensor.randn(rng, DType.FLOAT32, 64, 32, 14, 14);
        Tensor w = Tensor.randn(rng, DType.FLOAT32, 64, 32, 3, 3).mul(0.1);
        Tensor b = Tensor.randn(rng, DType.FLOAT32, 64);
        double[] ts = h.timeit(() -> Harness.consume(Functional.conv2d(x, w, b, 1, 1).array().floats()[0]));
        record(r, "forward", threads, ts);

        Tensor xg = x.detach().requiresGrad(true);
        Tensor wg = w.detach().requiresGrad(true);
        Tensor g = Tensor.ones(DType.FLOAT32, 64, 64, 14, 14);
        ts = h.timeit(() -> {
            xg.zeroGrad(true);
            wg.zeroGrad(true);
            Functional.conv2d(xg, wg, b, 1, 1).backward(g);
            Harness.consume(xg.grad().array().floats()[0] + wg.grad().array().floats()[0]);
        });
        record(r, "forward+backward", threads, ts);
    }

    private static void record(Report r, String op, int threads, double[] ts) {
        Harness.Stats ms = Harness.Stats.of(Harness.map(ts, t -> t * 1e3));
        r.add(Json.obj().put("section", "conv").put("op", op).put("shape", SHAPE).put("dtype", "float32")
                        .put("threads", threads).put("ms", ms),
                new Report.Row("conv", "conv2d " + op, threads, "ms", ms));
    }
}
