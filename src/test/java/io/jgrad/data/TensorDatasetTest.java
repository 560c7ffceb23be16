package io.jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.Shape;
import io.jgrad.Tensor;
import org.junit.jupiter.api.Test;

class TensorDatasetTest {

    private static Tensor features() {
        return Tensor.arange(12).reshape(3, 2, 2);
    }

    @Test
    void getReturnsRowsOfFeaturesAndTargets() {
        TensorDataset ds = new TensorDataset(features(), new int[] {7, 8, 9});
        assertThat(ds.size()).isEqualTo(3);
        assertThat(ds.sampleShape()).isEqualTo(Shape.of(2, 2));
        assertThat(ds.targetShape()).isEqualTo(Shape.of());
        Sample s = ds.get(1);
        assertThat(s.x().shape()).isEqualTo(Shape.of(2, 2));
        assertThat(s.x().toArray()).containsExactly(4, 5, 6, 7);
        assertThat(s.label()).isEqualTo(8);
        assertThat(s.x().requiresGrad()).isFalse();
    }

    @Test
    void tensorTargetsKeepTheirShape() {
        Tensor y = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        TensorDataset ds = new TensorDataset(features(), y);
        Sample s = ds.get(2);
        assertThat(s.y().shape()).isEqualTo(Shape.of(2));
        assertThat(s.y().toArray()).containsExactly(5, 6);
        assertThatThrownBy(s::label).isInstanceOf(IllegalStateException.class).hasMessageContaining("(2,)");
    }

    @Test
    void sampleCountsMustAgree() {
        assertThatThrownBy(() -> new TensorDataset(features(), new int[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(3, 2, 2)")
                .hasMessageContaining("(2,)");
        assertThatThrownBy(() -> new TensorDataset(Tensor.scalar(1), Tensor.of(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("()");
    }

    @Test
    void indexOutOfRange() {
        TensorDataset ds = new TensorDataset(features(), new int[] {0, 1, 2});
        assertThatThrownBy(() -> ds.get(3)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("3");
        assertThatThrownBy(() -> ds.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void fractionalTargetIsNoLabel() {
        TensorDataset ds = new TensorDataset(Tensor.zeros(2, 1), Tensor.of(0.5, 1));
        assertThatThrownBy(() -> ds.get(0).label())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0.5");
        assertThat(ds.get(1).label()).isEqualTo(1);
    }
}
