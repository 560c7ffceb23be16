package io.jgrad.bench;

import io.jgrad.DType;
import io.jgrad.GradMode;
import io.jgrad.Tensor;
import io.jgrad.data.Idx;
import io.jgrad.nn.SafeTensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * One Fashion-MNIST training epoch of the CNN of {@link CnnModel} in float32, then its test
 * accuracy: 60,000 images of {@code 1×28×28}, pixels divided by 255 (torchvision's
 * {@code ToTensor}, no normalisation), in consecutive batches of {@value #BATCH} of a training
 * order (the last batch smaller), Adam {@code lr = 1e-3}. The seconds cover the epoch's steps and
 * the gathering of each batch ({@code indexSelect} of the images); the accuracy, on the 10,000
 * test images, is measured afterwards, untimed.
 *
 * <p>With {@code --cnn-init FILE} the initial weights and the order come from a safetensors file
 * that the PyTorch side writes: the {@code nn.Sequential}'s state dict ({@code 0.weight} …
 * {@code 9.bias}) and an int64 tensor {@code order} of shape {@code (60000,)}; both sides then
 * train the same model on the same batches ({@code "init": "shared"}). Without it, jgrad's own
 * initialisation ({@code new Random(0)}) and a permutation shuffled by {@code new Random(1)}
 * ({@code "init": "own"}), which is not like for like. Before the timed epoch, a separate model
 * of the same shape runs {@value #WARMUP_STEPS} steps for the JIT, so the timed model starts from
 * its initial weights. Skipped, with a message, when the IDX files are not in the data directory.
 */
final class CnnEpochBench {

    static final int BATCH = 64;
    static final int WARMUP_STEPS = 50;

    private CnnEpochBench() {
    }

    static void run(Report r, int threads, Path dir, Path init) throws IOException {
        Path[] files = EpochBench.locate(dir);
        if (files == null) {
            r.note("cnnepoch: skipped, Fashion-MNIST not found" + (dir == null ? "" : " in " + dir)
                    + "; pass --data DIR holding " + String.join(", ", EpochBench.FILES) + " (gzipped or not)");
            return;
        }
        Tensor trainX = images(files[0]);
        int[] trainY = Idx.readLabels(files[1]);
        Tensor testX = images(files[2]);
        int[] testY = Idx.readLabels(files[3]);
        int n = trainY.length;

        CnnModel m = new CnnModel(new Random(0), DType.FLOAT32);
        long[] order;
        String how;
        if (init != null) {
            Map<String, Tensor> state = SafeTensors.load(init);
            Tensor o = state.remove("order");
            if (o == null || o.dtype() != DType.INT64 || o.numel() != n) {
                throw new IllegalArgumentException("cnnepoch: " + init + " must hold an int64 tensor 'order' of "
                        + n + " training indices");
            }
            m.model.loadStateDict(state);
            order = o.toLongArray();
            how = "shared";
        } else {
            order = permutation(n, new Random(1));
            how = "own";
            r.note("cnnepoch: jgrad's own initial weights and batch order (no --cnn-init): not like for like with"
                    + " PyTorch");
        }

        CnnModel warm = new CnnModel(new Random(2), DType.FLOAT32);
        for (int s = 0; s < WARMUP_STEPS; s++) {
            int from = (s * BATCH) % (n - BATCH);
            warm.step(batch(trainX, order, from, BATCH), labels(trainY, order, from, BATCH));
        }

        double lossSum = 0;
        int steps = 0;
        long t0 = System.nanoTime();
        for (int from = 0; from < n; from += BATCH) {
            int size = Math.min(BATCH, n - from);
            lossSum += m.step(batch(trainX, order, from, size), labels(trainY, order, from, size));
            steps++;
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        double accuracy = accuracy(m, testX, testY);
        r.add(Json.obj().put("section", "cnnepoch").put("dtype", "float32").put("threads", threads)
                        .put("seconds", seconds).put("test_accuracy", accuracy).put("samples_per_s", n / seconds)
                        .put("init", how),
                new Report.Row("cnnepoch", "fashion-mnist cnn B=" + BATCH + " (" + how + " init)", threads, "s",
                        new Harness.Stats(seconds, seconds, seconds, 1)));
        r.note(String.format(Locale.ROOT, "cnnepoch: %.1f s, %.0f samples/s, mean training loss %.4f, test"
                + " accuracy %.4f, init %s", seconds, n / seconds, lossSum / steps, accuracy, how));
    }

    /** @return the images of an IDX file as float32 {@code (N, 1, 28, 28)} in [0, 1] */
    private static Tensor images(Path file) throws IOException {
        Tensor raw = Idx.readImages(file);
        int count = raw.shape().get(0);
        return raw.to(DType.FLOAT32).div(255.0).reshape(count, 1, raw.shape().get(1), raw.shape().get(2));
    }

    private static Tensor batch(Tensor x, long[] order, int from, int size) {
        return x.indexSelect(0, Tensor.fromArray(Arrays.copyOfRange(order, from, from + size), size));
    }

    private static int[] labels(int[] y, long[] order, int from, int size) {
        int[] b = new int[size];
        for (int i = 0; i < size; i++) {
            b[i] = y[(int) order[from + i]];
        }
        return b;
    }

    private static long[] permutation(int n, Random rng) {
        long[] p = new long[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            long t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @SuppressWarnings("try") // the scope is only opened and closed
    private static double accuracy(CnnModel m, Tensor x, int[] y) {
        int correct = 0;
        int n = y.length;
        try (GradMode.Scope s = GradMode.noGrad()) {
            for (int from = 0; from < n; from += 1000) {
                int size = Math.min(1000, n - from);
                float[] logits = m.model.forward(x.narrow(0, from, size)).array().floats();
                for (int i = 0; i < size; i++) {
                    int best = 0;
                    for (int j = 1; j < 10; j++) {
                        if (logits[i * 10 + j] > logits[i * 10 + best]) {
                            best = j;
                        }
                    }
                    if (best == y[from + i]) {
                        correct++;
                    }
                }
            }
        }
        return (double) correct / n;
    }
}
