package io.jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.Shape;
import io.jgrad.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DataLoaderTest {

    /** Ten samples: x = (i, 10 i), label i. */
    private static TensorDataset ten() {
        double[] x = new double[20];
        int[] y = new int[10];
        for (int i = 0; i < 10; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 10 * i;
            y[i] = i;
        }
        return new TensorDataset(Tensor.fromArray(x, 10, 2), y);
    }

    /** The same samples, seen only through get, so the loader cannot copy rows directly. */
    private static Dataset<Sample> opaque(Dataset<Sample> ds) {
        return new Dataset<>() {
            @Override
            public int size() {
                return ds.size();
            }

            @Override
            public Sample get(int index) {
                return ds.get(index);
            }
        };
    }

    private static List<int[]> labels(DataLoader loader) {
        List<int[]> out = new ArrayList<>();
        for (Batch b : loader) {
            out.add(b.labels());
        }
        return out;
    }

    @Test
    void batchesInOrderWithSmallerLastBatch() {
        DataLoader loader = new DataLoader(ten(), 4);
        assertThat(loader.numBatches()).isEqualTo(3);
        List<Batch> batches = new ArrayList<>();
        loader.forEach(batches::add);
        assertThat(batches).hasSize(3);
        assertThat(batches.get(0).x().shape()).isEqualTo(Shape.of(4, 2));
        assertThat(batches.get(0).y().shape()).isEqualTo(Shape.of(4));
        assertThat(batches.get(0).x().toArray()).containsExactly(0, 0, 1, 10, 2, 20, 3, 30);
        assertThat(batches.get(2).size()).isEqualTo(2);
        assertThat(batches.get(2).labels()).containsExactly(8, 9);
        assertThat(batches.get(2).x().toArray()).containsExactly(8, 80, 9, 90);
    }

    @Test
    void dropLastDropsTheIncompleteBatch() {
        DataLoader loader = new DataLoader(ten(), 4).dropLast(true);
        assertThat(loader.numBatches()).isEqualTo(2);
        assertThat(labels(loader)).hasSize(2).allSatisfy(l -> assertThat(l).hasSize(4));
        // an exact multiple loses nothing
        assertThat(labels(new DataLoader(ten(), 5).dropLast(true))).hasSize(2);
        // fewer samples than one batch: nothing at all
        assertThat(labels(new DataLoader(ten(), 11).dropLast(true))).isEmpty();
        assertThat(labels(new DataLoader(ten(), 11))).hasSize(1);
    }

    @Test
    void shuffleIsAPermutationEachEpochAndRepeatsFromTheSeed() {
        DataLoader a = new DataLoader(ten(), 3).shuffle(new Random(7));
        DataLoader b = new DataLoader(ten(), 3).shuffle(new Random(7));
        List<int[]> a1 = labels(a);
        List<int[]> a2 = labels(a);
        List<int[]> b1 = labels(b);
        List<int[]> b2 = labels(b);
        assertThat(flatten(a1)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(flatten(a2)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(flatten(a1)).isNotEqualTo(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertThat(flatten(a1)).isNotEqualTo(flatten(a2)); // a new order every epoch
        assertThat(flatten(b1)).isEqualTo(flatten(a1)); // the same sequence from the same seed
        assertThat(flatten(b2)).isEqualTo(flatten(a2));
        assertThat(flatten(labels(new DataLoader(ten(), 3).shuffle(new Random(8))))).isNotEqualTo(flatten(a1));
    }

    @Test
    void featuresStayWithTheirLabelsWhenShuffled() {
        for (Batch b : new DataLoader(ten(), 4).shuffle(new Random(1))) {
            int[] l = b.labels();
            for (int i = 0; i < l.length; i++) {
                assertThat(b.x().getDouble(i, 0)).isEqualTo(l[i]);
                assertThat(b.x().getDouble(i, 1)).isEqualTo(10 * l[i]);
            }
        }
    }

    @Test
    void directRowCopiesMatchTheGenericPathThroughSubsets() {
        TensorDataset ds = ten();
        Subset<Sample> outer = new Subset<>(ds, new int[] {9, 7, 5, 3, 1, 0});
        Subset<Sample> inner = new Subset<>(outer, new int[] {5, 1, 2, 0});
        Iterator<Batch> fast = new DataLoader(inner, 3).iterator();
        Iterator<Batch> slow = new DataLoader(opaque(inner), 3).iterator();
        while (fast.hasNext()) {
            Batch f = fast.next();
            Batch s = slow.next();
            assertThat(f.x().toArray()).isEqualTo(s.x().toArray());
            assertThat(f.labels()).isEqualTo(s.labels());
        }
        assertThat(slow.hasNext()).isFalse();
        assertThat(labels(new DataLoader(inner, 4)).get(0)).containsExactly(0, 7, 5, 9);
    }

    @Test
    void tensorTargetsAreStacked() {
        Tensor y = Tensor.arange(6).reshape(3, 2);
        DataLoader loader = new DataLoader(new TensorDataset(Tensor.zeros(3, 1), y), 2);
        Batch first = loader.iterator().next();
        assertThat(first.y().shape()).isEqualTo(Shape.of(2, 2));
        assertThat(first.y().toArray()).containsExactly(0, 1, 2, 3);
        assertThatThrownBy(first::labels).isInstanceOf(IllegalStateException.class).hasMessageContaining("(2, 2)");
    }

    @Test
    void genericDatasetWithRaggedSamplesIsRejected() {
        Dataset<Sample> ragged = new Dataset<>() {
            @Override
            public int size() {
                return 2;
            }

            @Override
            public Sample get(int index) {
                return new Sample(Tensor.zeros(index + 1), Tensor.scalar(0));
            }
        };
        assertThatThrownBy(() -> new DataLoader(ragged, 2).iterator().next())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(2,)")
                .hasMessageContaining("(1,)");
    }

    @Test
    void badArgumentsAndExhaustion() {
        assertThatThrownBy(() -> new DataLoader(ten(), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchSize");
        Iterator<Batch> it = new DataLoader(ten(), 10).iterator();
        it.next();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        TensorDataset empty = new TensorDataset(Tensor.zeros(0, 3), new int[0]);
        assertThat(labels(new DataLoader(empty, 4).shuffle(new Random(0)))).isEmpty();
    }

    private static int[] flatten(List<int[]> parts) {
        return parts.stream().flatMapToInt(Arrays::stream).toArray();
    }
}
