package io.jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DatasetsTest {

    private static TensorDataset hundred() {
        return new TensorDataset(Tensor.arange(100).reshape(100, 1), IntStream.range(0, 100).toArray());
    }

    private static int[] labels(Subset<Sample> s) {
        return IntStream.range(0, s.size()).map(i -> s.get(i).label()).toArray();
    }

    @Test
    void randomSplitIsDisjointCompleteAndSeeded() {
        List<Subset<Sample>> a = Datasets.randomSplit(hundred(), new int[] {70, 20, 10}, new Random(3));
        List<Subset<Sample>> b = Datasets.randomSplit(hundred(), new int[] {70, 20, 10}, new Random(3));
        List<Subset<Sample>> c = Datasets.randomSplit(hundred(), new int[] {70, 20, 10}, new Random(4));
        assertThat(a).extracting(Subset::size).containsExactly(70, 20, 10);
        int[] all = IntStream.concat(IntStream.concat(Arrays.stream(labels(a.get(0))), Arrays.stream(labels(a.get(1)))),
                Arrays.stream(labels(a.get(2)))).toArray();
        assertThat(all).containsExactlyInAnyOrder(IntStream.range(0, 100).toArray());
        for (int i = 0; i < 3; i++) {
            assertThat(a.get(i).indices()).isEqualTo(b.get(i).indices());
        }
        assertThat(a.get(0).indices()).isNotEqualTo(c.get(0).indices());
    }

    @Test
    void fractionsGiveTheLeftoverToTheFirstParts() {
        TensorDataset ds = new TensorDataset(Tensor.zeros(10, 1), new int[10]);
        List<Subset<Sample>> parts = Datasets.randomSplit(ds, new double[] {0.25, 0.25, 0.5}, new Random(0));
        // floor gives 2, 2, 5; the one left over goes to the first part
        assertThat(parts).extracting(Subset::size).containsExactly(3, 2, 5);
    }

    @Test
    void trainTestSplitRoundsTheTestPartUp() {
        Datasets.Split<Sample> s = Datasets.trainTestSplit(hundred(), 0.255, new Random(1));
        assertThat(s.test().size()).isEqualTo(26);
        assertThat(s.train().size()).isEqualTo(74);
        Datasets.Split<Sample> again = Datasets.trainTestSplit(hundred(), 0.255, new Random(1));
        assertThat(again.test().indices()).isEqualTo(s.test().indices());
    }

    @Test
    void badSizesAreRejected() {
        assertThatThrownBy(() -> Datasets.randomSplit(hundred(), new int[] {50, 49}, new Random(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("99").hasMessageContaining("100");
        assertThatThrownBy(() -> Datasets.randomSplit(hundred(), new int[] {101, -1}, new Random(0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Datasets.randomSplit(hundred(), new double[] {0.5, 0.4}, new Random(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("add up to 1");
        assertThatThrownBy(() -> Datasets.trainTestSplit(hundred(), 1.5, new Random(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> new Subset<>(hundred(), new int[] {0, 100}))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("indices[1] = 100");
    }
}
