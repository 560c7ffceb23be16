package io.jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.GradMode;
import io.jgrad.Tensor;
import io.jgrad.data.Batch;
import io.jgrad.spark.Points.Point;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fit on Spark in local mode against fitLocal in this JVM: the same parameters and losses bit for
 * bit on any master, any input partitioning and when tasks are re-run; failures, prediction,
 * checkpoints.
 */
class DataParallelSparkTest {

    @TempDir
    Path dir;

    private static final List<Point> ROWS = Points.make(101, 7); // 101 rows: shards of unequal size

    private static void assertSameTraining(DataParallel<Point> spark, DataParallel.History fit,
                                           DataParallel<Point> local, DataParallel.History fitLocal) {
        assertThat(fit.losses()).containsExactly(fitLocal.losses());
        assertThat(fit.rows()).containsExactly(fitLocal.rows());
        assertThat(Points.parameters(spark)).containsExactly(Points.parameters(local));
        assertThat(spark.epochsDone()).isEqualTo(local.epochsDone());
    }

    @Test
    void fitEqualsFitLocalBitForBitOnAnyMasterAndPartitioning() {
        DataParallel<Point> local = Points.sgd(3, 12, 5).build();
        DataParallel.History reference = local.fitLocal(ROWS, 2);
        assertThat(reference.steps()).isEqualTo(2 * 9); // shards of 34, 34, 33; b = 4
        for (String master : List.of("local[1]", "local[2]")) {
            JavaSparkContext sc = LocalSpark.context(master);
            for (int partitions : List.of(1, 3, 7)) {
                DataParallel<Point> spark = Points.sgd(3, 12, 5).build();
                DataParallel.History h = spark.fit(sc.parallelize(ROWS, partitions), 2);
                assertSameTraining(spark, h, local, reference);
            }
        }
    }

    @Test
    void trainingOnContinuesTheEpochsAndTheStepTimesAreMeasured() {
        JavaSparkContext sc = LocalSpark.context("local[2]");
        DataParallel<Point> local = Points.adam(2, 10, 11).build();
        DataParallel.History reference = local.fitLocal(ROWS, 2);
        DataParallel<Point> spark = Points.adam(2, 10, 11).build();
        JavaRDD<Point> data = sc.parallelize(ROWS, 4);
        DataParallel.History first = spark.fit(data, 1);
        assertThat(spark.epochsDone()).isEqualTo(1);
        DataParallel.History second = spark.fit(data, 1);
        assertThat(Points.parameters(spark)).containsExactly(Points.parameters(local));
        assertThat(second.losses()).containsExactly(java.util.Arrays.copyOfRange(reference.losses(), 11, 22));
        assertThat(first.losses()).containsExactly(java.util.Arrays.copyOfRange(reference.losses(), 0, 11));
        for (int i = 0; i < first.steps(); i++) {
            assertThat(first.computeMillis()[i]).isPositive();
            assertThat(first.stepMillis()[i]).isGreaterThanOrEqualTo(first.computeMillis()[i]);
        }
        // shards of 51 and 50 rows, b = 5: ten steps of two gradients, the last of shard 0's one row alone
        assertThat(first.bytesUp()[0]).isEqualTo(2L * 8 * (5 * 16 + 16 + 16 * 3 + 3));
        assertThat(first.bytesUp()[10]).isEqualTo(8L * (5 * 16 + 16 + 16 * 3 + 3));
        assertThat(first.rows()[10]).isEqualTo(1);
    }

    @Test
    void aTaskThatFailsOnceAndIsRerunChangesNothing() {
        JavaSparkContext sc = LocalSpark.context("local[2,4]"); // up to 4 attempts per task
        DataParallel<Point> local = Points.sgd(2, 8, 3).loss(DataParallelSparkTest::failOnFirstAttemptOfShard1).build();
        DataParallel.History reference = local.fitLocal(ROWS, 1);
        DataParallel<Point> spark = Points.sgd(2, 8, 3).loss(DataParallelSparkTest::failOnFirstAttemptOfShard1).build();
        DataParallel.History h = spark.fit(sc.parallelize(ROWS, 3), 1);
        assertSameTraining(spark, h, local, reference);
    }

    // the first attempt of shard 1's task throws after the forward pass, at every step; in fitLocal
    // (no task) never
    private static Tensor failOnFirstAttemptOfShard1(Tensor logits, Tensor y) {
        TaskContext task = TaskContext.get();
        if (task != null && task.partitionId() == 1 && task.attemptNumber() == 0) {
            throw new IllegalStateException("lost executor (simulated)");
        }
        return Points.crossEntropy(logits, y);
    }

    @Test
    void aShardThatAlwaysThrowsNamesTheShardAndTheStepWithTheCause() {
        // row 13 is shard 1's 7th row (13 mod 2, 13 div 2 = 6): without shuffling, step 3 of b = 2
        DataParallel.Builder<Point> b = Points.sgd(2, 4, 0).shuffle(false).batches(rows -> {
            for (Point p : rows) {
                if (p.id() == 13) {
                    throw new ArithmeticException("row 13 is poisoned");
                }
            }
            return Points.batch(rows);
        });
        assertThatThrownBy(() -> b.build().fitLocal(ROWS, 1)).isInstanceOfSatisfying(ShardFailedException.class, e -> {
            assertThat(e.shard()).isEqualTo(1);
            assertThat(e.step()).isEqualTo(3);
            assertThat(e).hasMessageContaining("shard 1").hasMessageContaining("step 3")
                    .hasCauseInstanceOf(ArithmeticException.class).hasMessageContaining("row 13 is poisoned");
        });
        JavaSparkContext sc = LocalSpark.context("local[2]");
        DataParallel<Point> spark = b.build();
        assertThatThrownBy(() -> spark.fit(sc.parallelize(ROWS, 2), 1)).isInstanceOfSatisfying(ShardFailedException.class, e -> {
            assertThat(e.shard()).isEqualTo(1);
            assertThat(e.step()).isEqualTo(3);
            assertThat(e).hasMessageContaining("shard 1").hasMessageContaining("step 3")
                    .hasCauseInstanceOf(ArithmeticException.class).hasMessageContaining("row 13 is poisoned");
        });
        assertThat(spark.epochsDone()).isZero();
        // the model holds the parameters of the three steps that completed
        DataParallel<Point> three = Points.sgd(2, 4, 0).shuffle(false).build();
        three.fitLocal(ROWS.subList(0, 12), 1); // 12 rows: shards of 6, three steps of 2 + 2
        assertThat(Points.parameters(spark)).containsExactly(Points.parameters(three));
    }

    @Test
    void anEmptyInputOrAFunctionSparkCannotShipIsAnIllegalArgument() {
        JavaSparkContext sc = LocalSpark.context("local[2]");
        assertThatThrownBy(() -> Points.sgd(2, 4, 0).build().fit(sc.parallelize(List.<Point>of(), 2), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        Object notSerializable = new Object();
        DataParallel<Point> trainer = Points.sgd(2, 4, 0).model(() -> {
            notSerializable.hashCode();
            return Points.mlp();
        }).build();
        assertThatThrownBy(() -> trainer.fit(sc.parallelize(ROWS, 2), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model factory").hasMessageContaining("java.lang.Object");

        // rows that cannot cross a shuffle
        DataParallel<Plain> plain = DataParallel.<Plain>builder().model(Points::mlp).loss(Points::crossEntropy)
                .batches(rows -> Points.batch(rows.stream().map(p -> p.point).toList()))
                .optimizer(p -> new io.jgrad.optim.SGD(p, 0.1)).shards(2).batchSize(4).build();
        List<Plain> plainRows = ROWS.stream().map(Plain::new).toList();
        assertThatThrownBy(() -> plain.fit(sc.parallelize(plainRows, 2), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rows cannot be moved").hasMessageContaining("Plain")
                .hasMessageContaining("Serializable");
    }

    /** A row type that is not Serializable (its instances live in the driver only, here inside parallelize). */
    static final class Plain {
        final Point point;

        Plain(Point point) {
            this.point = point;
        }
    }

    @Test
    void saveLoadAndTrainOnEqualsARunThatNeverStopped() throws Exception {
        JavaSparkContext sc = LocalSpark.context("local[2]");
        JavaRDD<Point> data = sc.parallelize(ROWS, 3);
        DataParallel<Point> uninterrupted = Points.adam(2, 8, 9).build();
        DataParallel.History whole = uninterrupted.fit(data, 2);

        DataParallel<Point> first = Points.adam(2, 8, 9).build();
        first.fit(data, 1);
        Path file = dir.resolve("trainer.safetensors");
        first.save(file);
        assertThat(io.jgrad.nn.SafeTensors.metadata(file)).containsEntry("epochs_done", "1").containsEntry("shards", "2")
                .containsEntry("batch_size", "8").containsEntry("seed", "9");
        assertThat(io.jgrad.nn.SafeTensors.load(file).keySet()).contains("model.0.weight", "optimizer.lr",
                "optimizer.state.0.exp_avg", "optimizer.state.0.step");

        DataParallel<Point> resumed = Points.adam(2, 8, 9).build();
        resumed.load(file);
        assertThat(resumed.epochsDone()).isEqualTo(1);
        DataParallel.History rest = resumed.fit(data, 1);
        assertThat(Points.parameters(resumed)).containsExactly(Points.parameters(uninterrupted));
        assertThat(rest.losses()).containsExactly(java.util.Arrays.copyOfRange(whole.losses(), whole.steps() / 2, whole.steps()));

        // a trainer of other settings refuses the file, naming the setting, and is left as it was
        DataParallel<Point> other = Points.adam(4, 8, 9).build();
        double[] before = Points.parameters(other);
        assertThatThrownBy(() -> other.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shards").hasMessageContaining("shards(2)");
        assertThatThrownBy(() -> Points.adam(2, 16, 9).build().load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch_size");
        assertThatThrownBy(() -> Points.adam(2, 8, 10).build().load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed");
        assertThat(Points.parameters(other)).containsExactly(before);

        // a save that fails leaves the old file whole
        byte[] old = Files.readAllBytes(file);
        Thread.currentThread().interrupt(); // the file channel's first write throws ClosedByInterruptException
        try {
            assertThatThrownBy(() -> resumed.save(file)).isInstanceOf(UncheckedIOException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(old);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("trainer.safetensors");
        }
    }

    @Test
    void predictKeepsTheInputsOrder() {
        JavaSparkContext sc = LocalSpark.context("local[2]");
        DataParallel<Point> trainer = Points.sgd(2, 8, 0).build();
        trainer.fitLocal(ROWS, 1);
        List<double[]> predicted = trainer.predict(sc.parallelize(ROWS, 5)).collect();
        assertThat(predicted).hasSize(ROWS.size());
        trainer.model().eval(); // dropout off, as in predict
        try (var noGrad = GradMode.noGrad()) {
            for (int i = 0; i < ROWS.size(); i++) {
                Batch one = Points.batch(List.of(ROWS.get(i)));
                double[] expected = trainer.model().forward(one.x()).toArray();
                assertThat(predicted.get(i)).hasSize(Points.CLASSES);
                for (int c = 0; c < Points.CLASSES; c++) {
                    assertThat(predicted.get(i)[c]).isCloseTo(expected[c], org.assertj.core.data.Offset.offset(1e-12));
                }
            }
        }
        trainer.model().train();
    }
}
