package io.jgrad.bench;

import io.jgrad.GradMode;
import io.jgrad.Tensor;
import io.jgrad.data.Batch;
import io.jgrad.data.DataLoader;
import io.jgrad.data.Idx;
import io.jgrad.data.TensorDataset;
import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.Linear;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.SGD;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * One Fashion-MNIST training epoch, in seconds: 60,000 images of 28×28 scaled to [0, 1], flattened to
 * 784, in shuffled batches of {@value #BATCH} (the last one smaller), through 784-256-10 with ReLU,
 * mean cross-entropy and SGD with {@code lr = 0.01}, the batching by {@link DataLoader} included
 * (as a user's loop does). After a warm-up of {@value #WARMUP_STEPS} steps, {@code epochs} epochs
 * are timed; the test accuracy after them is printed as a sanity check. {@code bench/torch_extra.py}
 * runs the same epoch in PyTorch. Skipped, with a message, when the IDX files are not in the data
 * directory.
 */
final class EpochBench {

    static final int BATCH = 32;
    static final int WARMUP_STEPS = 200;
    static final String[] FILES = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};

    private EpochBench() {
    }

    static void run(Harness h, Report r, int threads, Path dir, int epochs) throws IOException {
        if (epochs == 0) {
            return;
        }
        Path[] files = locate(dir);
        if (files == null) {
            r.note("epoch: skipped, Fashion-MNIST not found" + (dir == null ? "" : " in " + dir)
                    + "; pass --data DIR holding " + String.join(", ", FILES) + " (gzipped or not)");
            return;
        }
        TensorDataset train = Idx.readDataset(files[0], files[1]);
        TensorDataset test = Idx.readDataset(files[2], files[3]);
        Random rng = new Random(0);
        Sequential model = new Sequential(new Linear(784, 256, rng), new ReLU(), new Linear(256, 10, rng));
        SGD opt = new SGD(model.parameters(), 0.01);
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        DataLoader loader = new DataLoader(train, BATCH).shuffle(new Random(1));

        int warm = 0;
        for (Batch b : loader) {
            trainStep(model, opt, lossFn, b);
            if (++warm >= WARMUP_STEPS) {
                break;
            }
        }
        double[] secs = new double[epochs];
        double lastLoss = Double.NaN;
        for (int e = 0; e < epochs; e++) {
            double sum = 0;
            int steps = 0;
            long t0 = System.nanoTime();
            for (Batch b : loader) {
                sum += trainStep(model, opt, lossFn, b);
                steps++;
            }
            secs[e] = (System.nanoTime() - t0) * 1e-9;
            lastLoss = sum / steps;
        }
        double accuracy = accuracy(model, test);
        Harness.Stats s = Harness.Stats.of(secs);
        Harness.Stats sps = Harness.Stats.of(Harness.map(secs, t -> train.size() / t));
        String w = "fashion-mnist 784-256-10 B=" + BATCH;
        r.add(Json.obj().put("section", "epoch").put("workload", w).put("arch", "784-256-10").put("batch", BATCH)
                        .put("samples", train.size()).put("dtype", "float64").put("threads", threads)
                        .put("sec_per_epoch", s).put("samples_per_s", sps).put("train_loss_last_epoch", lastLoss)
                        .put("test_accuracy", accuracy),
                new Report.Row("epoch", w, threads, "s/epoch", s));
        r.note(String.format(java.util.Locale.ROOT, "epoch: mean training loss of the last epoch %.4f, test accuracy %.4f",
                lastLoss, accuracy));
    }

    private static double trainStep(Sequential model, SGD opt, CrossEntropyLoss lossFn, Batch b) {
        opt.zeroGrad();
        Tensor x = b.x().reshape(b.size(), 784);
        Tensor loss = lossFn.forward(model.forward(x), b.labels());
        loss.backward();
        opt.step();
        return loss.item();
    }

    @SuppressWarnings("try") // the scope is only opened and closed
    private static double accuracy(Sequential model, TensorDataset test) {
        int correct = 0;
        int n = test.size();
        try (GradMode.Scope s = GradMode.noGrad()) {
            for (Batch b : new DataLoader(test, 1000)) {
                double[] logits = model.forward(b.x().reshape(b.size(), 784)).array().data();
                int[] y = b.labels();
                for (int i = 0; i < y.length; i++) {
                    int best = 0;
                    for (int j = 1; j < 10; j++) {
                        if (logits[i * 10 + j] > logits[i * 10 + best]) {
                            best = j;
                        }
                    }
                    if (best == y[i]) {
                        correct++;
                    }
                }
            }
        }
        return (double) correct / n;
    }

    /** @return the four files in {@code dir} (each gzipped or not), or null when one is missing */
    static Path[] locate(Path dir) {
        if (dir == null) {
            return null;
        }
        Path[] p = new Path[FILES.length];
        for (int i = 0; i < FILES.length; i++) {
            Path gz = dir.resolve(FILES[i]);
            Path plain = dir.resolve(FILES[i].substring(0, FILES[i].length() - 3));
            p[i] = Files.isRegularFile(gz) ? gz : Files.isRegularFile(plain) ? plain : null;
            if (p[i] == null) {
                return null;
            }
        }
        return p;
    }
}
