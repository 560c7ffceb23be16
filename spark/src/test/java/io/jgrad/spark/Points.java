package io.jgrad.spark;

import io.jgrad.Tensor;
import io.jgrad.data.Batch;
import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.Dropout;
import io.jgrad.nn.Linear;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.Adam;
import io.jgrad.optim.SGD;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A small classification problem and the trainers the tests build on it. */
final class Points {

    static final int FEATURES = 5;
    static final int CLASSES = 3;

    /** One row: five features and a class, serializable as Spark needs. */
    record Point(int id, double[] x, int label) implements Serializable {
    }

    private Points() {
    }

    /** {@code n} points of three Gaussian blobs, seeded. */
    static List<Point> make(int n, long seed) {
        Random rng = new Random(seed);
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = rng.nextInt(CLASSES);
            double[] x = new double[FEATURES];
            for (int j = 0; j < FEATURES; j++) {
                x[j] = rng.nextGaussian() + (j % CLASSES == label ? 1.5 : 0);
            }
            out.add(new Point(i, x, label));
        }
        return out;
    }

    static Batch batch(List<Point> rows) {
        double[] x = new double[rows.size() * FEATURES];
        long[] y = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i).x(), 0, x, i * FEATURES, FEATURES);
            y[i] = rows.get(i).label();
        }
        return new Batch(Tensor.fromArray(x, rows.size(), FEATURES), Tensor.fromArray(y, rows.size()));
    }

    static Tensor crossEntropy(Tensor logits, Tensor y) {
        return new CrossEntropyLoss().forward(logits, new Batch(logits, y).labels());
    }

    /** An MLP with dropout, the same initial weights at every call. */
    static Sequential mlp() {
        return new Sequential(new Linear(FEATURES, 16, new Random(1)), new ReLU(), new Dropout(0.25),
                new Linear(16, CLASSES, new Random(2)));
    }

    /** Shards, batch size, seed given; SGD with momentum and weight decay; dropout; shuffling. */
    static DataParallel.Builder<Point> sgd(int shards, int batchSize, long seed) {
        return DataParallel.<Point>builder()
                .model(Points::mlp)
                .loss(Points::crossEntropy)
                .batches(Points::batch)
                .optimizer(p -> new SGD(p, 0.1).momentum(0.9).weightDecay(1e-3))
                .shards(shards).batchSize(batchSize).seed(seed);
    }

    /** As {@link #sgd} with Adam, whose state (moments, step counts) a checkpoint must carry. */
    static DataParallel.Builder<Point> adam(int shards, int batchSize, long seed) {
        return sgd(shards, batchSize, seed).optimizer(p -> new Adam(p, 0.01));
    }

    /** Every parameter's values, concatenated in parameter order. */
    static double[] parameters(DataParallel<?> trainer) {
        List<Double> all = new ArrayList<>();
        for (Tensor p : trainer.model().parameters()) {
            for (double v : p.toArray()) {
                all.add(v);
            }
        }
        double[] out = new double[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }
}
