package io.jgrad.bench;

import io.jgrad.DType;
import io.jgrad.Tensor;
import java.util.List;
import java.util.Random;

/**
 * The CNN training step of {@link CnnModel} on a fixed batch of {@value #BATCH} random
 * {@code 1×28×28} images and random labels, for each dtype of {@code --dtypes} (float64 and
 * float32): ms per step and samples per second.
 */
final class CnnBench {

    static final int BATCH = 64;

    private CnnBench() {
    }

    static void run(Harness h, Report r, int threads, List<DType> dtypes) {
        for (DType dtype : dtypes) {
            Random rng = new Random(0);
            CnnModel m = new CnnModel(rng, dtype);
            Tensor x = Tensor.rand(rng, dtype, BATCH, 1, 28, 28); // uniform in [0, 1), as pixels and as PyTorch's side
            int[] y = new int[BATCH];
            for (int i = 0; i < BATCH; i++) {
                y[i] = rng.nextInt(10);
            }
            double[] ts = h.timeit(() -> Harness.consume(m.step(x, y)));
            Harness.Stats ms = Harness.Stats.of(Harness.map(ts, t -> t * 1e3));
            Harness.Stats sps = Harness.Stats.of(Harness.map(ts, t -> BATCH / t));
            String w = "cnn step B=" + BATCH;
            r.add(Json.obj().put("section", "cnn").put("workload", w).put("batch", BATCH).put("dtype", dtype.label())
                            .put("threads", threads).put("ms_per_step", ms).put("samples_per_s", sps),
                    new Report.Row("cnn", w + " " + dtype.label(), threads, "ms/step", ms));
        }
    }
}
