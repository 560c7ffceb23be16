package io.jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.Tensor;
import io.jgrad.data.Batch;
import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.SGD;
import io.jgrad.spark.Points.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The builder's checks and the single-JVM trainer: no Spark needed. */
class DataParallelBuilderTest {

    @Test
    void missingPartsAreIllegalStateNamingThem() {
        assertThatThrownBy(() -> Points.sgd(1, 4, 0).model(null).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("model factory");
        assertThatThrownBy(() -> Points.sgd(1, 4, 0).loss(null).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("loss");
        assertThatThrownBy(() -> Points.sgd(1, 4, 0).batches(null).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("batch function");
        assertThatThrownBy(() -> Points.sgd(1, 4, 0).optimizer(null).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("optimizer");
        assertThatThrownBy(() -> Points.sgd(1, 4, 0).model(() -> null).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("returned null");
    }

    @Test
    void badNumbersAreIllegalArgumentsWithTheNumbers() {
        assertThatThrownBy(() -> DataParallel.builder().shards(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shards").hasMessageContaining("0");
        assertThatThrownBy(() -> DataParallel.builder().batchSize(-3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchSize").hasMessageContaining("-3");
        assertThatThrownBy(() -> Points.sgd(3, 10, 0).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchSize 10").hasMessageContaining("shards 3").hasMessageContaining("batchSize 9");
        assertThatThrownBy(() -> Points.sgd(2, 4, 0).build().fitLocal(List.of(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Points.sgd(2, 4, 0).build().fitLocal(Points.make(4, 0), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void oneFullBatchEpochIsPlainGradientDescent() {
        List<Point> rows = Points.make(24, 3);
        // the same model without dropout, so that one forward over all rows is the reference
        DataParallel<Point> trainer = Points.sgd(1, 24, 0).shuffle(false)
                .model(DataParallelBuilderTest::noDropout).optimizer(p -> new SGD(p, 0.5)).build();
        DataParallel.History h = trainer.fitLocal(rows, 1);
        assertThat(h.steps()).isEqualTo(1);

        Sequential plain = noDropout();
        Batch all = Points.batch(rows);
        Tensor loss = new CrossEntropyLoss().forward(plain.forward(all.x()), all.labels());
        loss.backward();
        new SGD(plain.parameters(), 0.5).step();
        assertThat(h.losses()).containsExactly(loss.item());
        for (int k = 0; k < plain.parameters().size(); k++) {
            assertThat(trainer.model().parameters().get(k).toArray()).as("parameter %d", k)
                    .containsExactly(plain.parameters().get(k).toArray());
        }

        // two shards: the row-weighted mean of the shards' gradients, the same up to rounding
        DataParallel<Point> two = Points.sgd(2, 24, 0).shuffle(false)
                .model(DataParallelBuilderTest::noDropout).optimizer(p -> new SGD(p, 0.5)).build();
        DataParallel.History h2 = two.fitLocal(rows, 1);
        assertThat(h2.losses()[0]).isCloseTo(loss.item(), org.assertj.core.data.Offset.offset(1e-14));
        for (int k = 0; k < plain.parameters().size(); k++) {
            double[] a = two.model().parameters().get(k).toArray();
            double[] b = plain.parameters().get(k).toArray();
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).isCloseTo(b[i], org.assertj.core.data.Offset.offset(1e-14));
            }
        }
    }

    static Sequential noDropout() {
        return new Sequential(new io.jgrad.nn.Linear(Points.FEATURES, 16, new Random(1)), new io.jgrad.nn.ReLU(),
                new io.jgrad.nn.Linear(16, Points.CLASSES, new Random(2)));
    }

    @Test
    void historyCountsStepsRowsAndBytes() {
        List<Point> rows = Points.make(23, 4); // shards of 12 and 11, b = 4: 3 steps, the last of 4 + 3 rows
        List<DataParallel.Step> seen = new ArrayList<>();
        DataParallel<Point> trainer = Points.sgd(2, 8, 1).onStep(seen::add).build();
        DataParallel.History h = trainer.fitLocal(rows, 2);
        assertThat(h.steps()).isEqualTo(6);
        assertThat(h.rows()).containsExactly(8, 8, 7, 8, 8, 7);
        assertThat(seen).hasSize(6);
        assertThat(seen.get(4).epoch()).isEqualTo(1);
        assertThat(seen.get(4).stepInEpoch()).isEqualTo(1);
        assertThat(seen.get(5).step()).isEqualTo(5);
        assertThat(trainer.epochsDone()).isEqualTo(2);
        int values = 5 * 16 + 16 + 16 * 3 + 3;
        assertThat(h.bytesUp()[0]).as("two float64 gradients").isEqualTo(2L * 8 * values);
        assertThat(h.bytesDown()[0]).as("one image: header and values").isGreaterThan(8L * values);
        assertThat(h.toString()).startsWith("History[6 steps, last loss ");
        for (int i = 0; i < h.steps(); i++) {
            assertThat(h.losses()[i]).isEqualTo(seen.get(i).loss());
            assertThat(h.overheadMillis()[i]).isGreaterThanOrEqualTo(0);
        }
    }
}
