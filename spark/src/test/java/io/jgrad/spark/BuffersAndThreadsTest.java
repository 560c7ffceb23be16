package io.jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.DType;
import io.jgrad.GradMode;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Kernels;
import io.jgrad.nn.Layer;
import io.jgrad.nn.Linear;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.spark.Points.Point;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * Buffers (running statistics of a layer of our own, whose rule is simple to follow by hand; CnnTest
 * does the same for BatchNorm2d) take the row-weighted mean of the shards' new values; tasks run
 * their products on one thread and reuse the executor's replicas.
 */
class BuffersAndThreadsTest {

    /**
     * Subtracts a running mean of its inputs, which it updates in training mode as batch norm does
     * ({@code mean ← 0.9·mean + 0.1·batch mean}), and counts its training batches in an int64 buffer.
     */
    static final class RunningMean extends Layer {
        private final Tensor mean = registerBuffer("running_mean", Tensor.zeros(Points.FEATURES));
        private final Tensor batches = registerBuffer("num_batches_tracked", Tensor.zeros(DType.INT64));

        @Override
        public Tensor forward(Tensor x) {
            if (isTraining()) {
                try (GradMode.Scope noGrad = GradMode.noGrad()) {
                    mean.setData(mean.mul(0.9).add(x.mean(0).mul(0.1)));
                    batches.setData(Tensor.fromArray(new long[] {batches.toLongArray()[0] + 1}));
                }
            }
            return x.sub(mean);
        }
    }

    static Sequential withBuffers() {
        return new Sequential(new RunningMean(), new Linear(Points.FEATURES, 8, new Random(3)), new ReLU(),
                new Linear(8, Points.CLASSES, new Random(4)));
    }

    @Test
    void floatingBuffersTakeTheRowWeightedMeanAndIntegerOnesTheFirstShards() {
        List<Point> rows = Points.make(7, 2); // K = 2, b = 4: shard 0 has rows 0, 2, 4, 6 and shard 1 rows 1, 3, 5
        DataParallel<Point> trainer = Points.sgd(2, 8, 0).shuffle(false).model(BuffersAndThreadsTest::withBuffers).build();
        trainer.fitLocal(rows, 1);

        double[] new0 = shardMean(List.of(rows.get(0), rows.get(2), rows.get(4), rows.get(6)));
        double[] new1 = shardMean(List.of(rows.get(1), rows.get(3), rows.get(5)));
        double w0 = 4.0 / 7;
        double w1 = 3.0 / 7;
        double[] expected = new double[new0.length];
        for (int j = 0; j < expected.length; j++) {
            expected[j] = w0 * new0[j] + w1 * new1[j];
        }
        Map<String, Tensor> buffers = trainer.model().namedBuffers();
        assertThat(buffers.get("0.running_mean").toArray()).containsExactly(expected);
        assertThat(buffers.get("0.num_batches_tracked").dtype()).isEqualTo(DType.INT64);
        assertThat(buffers.get("0.num_batches_tracked").toLongArray()).containsExactly(1L);
    }

    // what a shard's replica holds after its forward pass from zeros: 0·0.9 + 0.1·mean of its rows
    private static double[] shardMean(List<Point> rows) {
        return Tensor.zeros(Points.FEATURES).mul(0.9).add(Points.batch(rows).x().mean(0).mul(0.1)).toArray();
    }

    @Test
    void buffersAreTheSameBitsOnSparkAndHere() {
        List<Point> rows = Points.make(101, 3);
        DataParallel<Point> local = Points.adam(3, 12, 1).model(BuffersAndThreadsTest::withBuffers).build();
        local.fitLocal(rows, 2);
        JavaSparkContext sc = LocalSpark.context("local[2]");
        DataParallel<Point> spark = Points.adam(3, 12, 1).model(BuffersAndThreadsTest::withBuffers).build();
        spark.fit(sc.parallelize(rows, 4), 2);
        Map<String, Tensor> a = spark.model().stateDict();
        Map<String, Tensor> b = local.model().stateDict();
        assertThat(a.keySet()).containsExactlyElementsOf(b.keySet());
        for (String k : a.keySet()) {
            assertThat(a.get(k).toArray()).as(k).containsExactly(b.get(k).toArray());
        }
        assertThat(a.get("0.num_batches_tracked").toLongArray()).containsExactly(2L * 9); // one per step
    }

    /** Records the kernel threads a product may use on the thread that runs its forward pass. */
    static final class ThreadProbe extends Layer {
        static final Set<Integer> SEEN = ConcurrentHashMap.newKeySet();

        @Override
        public Tensor forward(Tensor x) {
            SEEN.add(Kernels.threadsHere());
            return x;
        }
    }

    static Sequential probed() {
        return new Sequential(new ThreadProbe(), Points.mlp());
    }

    @Test
    void tasksRunTheirProductsOnOneThreadAndReuseTheExecutorsReplicas() {
        JavaSparkContext sc = LocalSpark.context("local[2]");
        List<Point> rows = Points.make(101, 4);
        ThreadProbe.SEEN.clear();
        DataParallel<Point> trainer = Points.sgd(2, 8, 0).model(BuffersAndThreadsTest::probed).build();
        trainer.fit(sc.parallelize(rows, 3), 2); // 26 steps of two tasks
        assertThat(ThreadProbe.SEEN).containsExactly(1);
        assertThat(Replicas.built(trainer.id())).as("at most one replica per task slot").isBetween(1, 2);

        ThreadProbe.SEEN.clear();
        DataParallel<Point> pooled = Points.sgd(2, 8, 0).model(BuffersAndThreadsTest::probed)
                .singleThreadedTasks(false).build();
        pooled.fit(sc.parallelize(rows, 3), 1);
        assertThat(ThreadProbe.SEEN).containsExactly(Kernels.threads());
        DataParallel<Point> local = Points.sgd(2, 8, 0).model(BuffersAndThreadsTest::probed).build();
        local.fitLocal(rows, 1);
        assertThat(Points.parameters(pooled)).as("the same bits on either setting")
                .containsExactly(Points.parameters(local));
    }
}
