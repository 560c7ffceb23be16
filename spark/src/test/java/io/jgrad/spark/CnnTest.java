package io.jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.DType;
import io.jgrad.GradMode;
import io.jgrad.Tensor;
import io.jgrad.data.Batch;
import io.jgrad.nn.BatchNorm2d;
import io.jgrad.nn.Conv2d;
import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.Linear;
import io.jgrad.nn.MaxPool2d;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.Adam;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small float32 CNN with batch norm on generated 8×8 images: fit equals fitLocal bit for bit in
 * the parameters, the buffers (running statistics, batch counts) and the losses; the running
 * statistics are the row-weighted mean of the shards'; a checkpoint carries them.
 */
class CnnTest {

    @TempDir
    Path dir;

    static final int SIDE = 8;
    static final int CLASSES = 3;

    /** One image: {@code SIDE × SIDE} pixels, row-major, and its class. */
    record Picture(float[] pixels, int label) implements Serializable {
    }

    /** {@code n} images whose class shows as a bright band of rows, with noise; seeded. */
    static List<Picture> make(int n, long seed) {
        Random rng = new Random(seed);
        List<Picture> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int label = rng.nextInt(CLASSES);
            float[] p = new float[SIDE * SIDE];
            for (int j = 0; j < p.length; j++) {
                p[j] = (float) (rng.nextGaussian() * 0.5 + ((j / SIDE) / 3 == label ? 1.5 : 0));
            }
            out.add(new Picture(p, label));
        }
        return out;
    }

    /** Images as {@code (n, 1, SIDE, SIDE)} float32, labels {@code (n,)} int64. */
    static Batch batch(List<Picture> rows) {
        int n = rows.size();
        float[] x = new float[n * SIDE * SIDE];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows.get(i).pixels(), 0, x, i * SIDE * SIDE, SIDE * SIDE);
            y[i] = rows.get(i).label();
        }
        return new Batch(Tensor.fromArray(x, n, 1, SIDE, SIDE), Tensor.fromArray(y, n));
    }

    /** conv 3×3 (4 channels), batch norm, ReLU, 2×2 max pooling, linear 64-3; float32; the same weights every call. */
    static Sequential cnn() {
        Random rng = new Random(1);
        Sequential m = new Sequential(new Conv2d(1, 4, 3, 1, 1, rng), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(4 * (SIDE / 2) * (SIDE / 2), CLASSES, rng));
        m.to(DType.FLOAT32);
        return m;
    }

    static DataParallel.Builder<Picture> trainer(int shards, int batchSize, long seed) {
        return DataParallel.<Picture>builder()
                .model(CnnTest::cnn)
                .loss((logits, y) -> new CrossEntropyLoss().forward(logits, new Batch(logits, y).labels()))
                .batches(CnnTest::batch)
                .optimizer(p -> new Adam(p, 0.01))
                .shards(shards).batchSize(batchSize).seed(seed);
    }

    // every entry of the two state dicts (parameters and buffers) has the same bits
    private static void assertSameState(DataParallel<Picture> a, DataParallel<Picture> b) {
        Map<String, Tensor> x = a.model().stateDict();
        Map<String, Tensor> y = b.model().stateDict();
        assertThat(x.keySet()).containsExactlyElementsOf(y.keySet());
        for (String k : x.keySet()) {
            assertThat(x.get(k).dtype()).as(k).isEqualTo(y.get(k).dtype());
            if (x.get(k).dtype() == DType.INT64) {
                assertThat(x.get(k).toLongArray()).as(k).containsExactly(y.get(k).toLongArray());
            } else {
                assertThat(x.get(k).toFloatArray()).as(k).containsExactly(y.get(k).toFloatArray());
            }
        }
    }

    @Test
    void fitEqualsFitLocalBitForBitInParametersBuffersAndLosses() {
        List<Picture> rows = make(21, 2); // K = 2: shards of 11 and 10, b = 4: three steps an epoch, the last 3 + 2 rows
        DataParallel<Picture> local = trainer(2, 8, 3).build();
        DataParallel.History reference = local.fitLocal(rows, 2);
        assertThat(reference.steps()).isEqualTo(6);

        JavaSparkContext sc = LocalSpark.context("local[2]");
        DataParallel<Picture> spark = trainer(2, 8, 3).build();
        DataParallel.History h = spark.fit(sc.parallelize(rows, 3), 2); // 3 input partitions for 2 shards
        assertThat(h.losses()).containsExactly(reference.losses());
        assertThat(h.rows()).containsExactly(reference.rows());
        assertSameState(spark, local);

        Map<String, Tensor> buffers = spark.model().namedBuffers();
        assertThat(buffers.keySet()).containsExactly("1.running_mean", "1.running_var", "1.num_batches_tracked");
        assertThat(buffers.get("1.running_mean").dtype()).isEqualTo(DType.FLOAT32);
        assertThat(buffers.get("1.running_mean").toArray()).as("the statistics moved").doesNotContain(0.0);
        assertThat(buffers.get("1.num_batches_tracked").toLongArray()).containsExactly(6L); // one per step
        // the gradients travel as float32: K gradients of the 40 + 8 + 195 parameters' values
        assertThat(h.bytesUp()[0] - 2L * 4 * (4 * 9 + 4 + 4 + 4 + 64 * 3 + 3)).as("the two buffer images")
                .isPositive().isLessThan(2000);
    }

    @Test
    void runningStatisticsAreTheRowWeightedMeanOfTheShards() {
        List<Picture> rows = make(7, 4); // K = 2, b = 4, no shuffling: shard 0 has rows 0, 2, 4, 6, shard 1 rows 1, 3, 5
        DataParallel<Picture> trainer = trainer(2, 8, 0).shuffle(false).build();
        trainer.fitLocal(rows, 1);

        Map<String, Tensor> s0 = afterForward(List.of(rows.get(0), rows.get(2), rows.get(4), rows.get(6)));
        Map<String, Tensor> s1 = afterForward(List.of(rows.get(1), rows.get(3), rows.get(5)));
        double w0 = 4.0 / 7;
        double w1 = 3.0 / 7;
        Map<String, Tensor> buffers = trainer.model().namedBuffers();
        for (String k : List.of("1.running_mean", "1.running_var")) {
            double[] a = s0.get(k).toArray();
            double[] b = s1.get(k).toArray();
            float[] expected = new float[a.length];
            for (int j = 0; j < a.length; j++) {
                expected[j] = (float) (w0 * a[j] + w1 * b[j]); // summed in double in shard order, stored as float32
            }
            assertThat(buffers.get(k).toFloatArray()).as(k).containsExactly(expected);
            assertThat(a).as(k + ": the shards differ").isNotEqualTo(b);
        }
        assertThat(buffers.get("1.num_batches_tracked").toLongArray()).containsExactly(1L);
    }

    // the buffers of a fresh model after one training-mode forward pass over the rows
    private static Map<String, Tensor> afterForward(List<Picture> rows) {
        Sequential m = cnn();
        m.train();
        try (GradMode.Scope noGrad = GradMode.noGrad()) {
            m.forward(batch(rows).x());
        }
        return m.namedBuffers();
    }

    @Test
    void saveLoadAndTrainOnEqualsARunThatNeverStopped() {
        JavaSparkContext sc = LocalSpark.context("local[2]");
        JavaRDD<Picture> data = sc.parallelize(make(21, 5), 3);
        DataParallel<Picture> uninterrupted = trainer(2, 8, 6).build();
        DataParallel.History whole = uninterrupted.fit(data, 2);

        DataParallel<Picture> first = trainer(2, 8, 6).build();
        first.fit(data, 1);
        Path file = dir.resolve("cnn.safetensors");
        first.save(file);
        assertThat(io.jgrad.nn.SafeTensors.load(file).keySet()).contains("model.1.running_mean", "model.1.running_var",
                "model.1.num_batches_tracked", "optimizer.state.0.exp_avg");

        DataParallel<Picture> resumed = trainer(2, 8, 6).build();
        resumed.load(file);
        DataParallel.History rest = resumed.fit(data, 1);
        assertSameState(resumed, uninterrupted);
        assertThat(rest.losses()).containsExactly(Arrays.copyOfRange(whole.losses(), 3, 6));
    }
}
