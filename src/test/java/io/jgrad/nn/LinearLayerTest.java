package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearLayerTest {

    private final Random rng = new Random(3);

    @Test
    void forwardMatchesPlainLoops() {
        Tensor w = Tensor.randn(rng, 3, 2);
        Tensor b = Tensor.randn(rng, 3, 1);
        Tensor x = Tensor.randn(rng, 2, 4);
        LinearLayer layer = new LinearLayer(w, b);
        Tensor y = layer.forward(x);
        assertThat(y.shape().toString()).isEqualTo("(3, 4)");
        for (int i = 0; i < 3; i++) {
            for (int n = 0; n < 4; n++) {
                double s = b.getDouble(i, 0);
                for (int k = 0; k < 2; k++) {
                    s += w.getDouble(i, k) * x.getDouble(k, n);
                }
                assertThat(y.getDouble(i, n)).isCloseTo(s, within(1e-14));
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        LinearLayer layer = new LinearLayer(Tensor.randn(rng, 3, 2), Tensor.randn(rng, 3, 1));
        Tensor x = Tensor.randn(rng, 2, 5).requiresGrad(true);
        GradCheck.check(xs -> layer.forward(xs.get(0)), List.of(x, layer.weight(), layer.bias()), 1e-7);
    }

    @Test
    void parametersAreTheGivenTensorsAndRequireGrad() {
        Tensor w = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(2, 1);
        LinearLayer layer = new LinearLayer(w, b);
        assertThat(layer.weight()).isSameAs(w);
        assertThat(layer.bias()).isSameAs(b);
        assertThat(w.requiresGrad()).isTrue();
        assertThat(layer.parameters()).containsExactly(w, b);
        assertThat(layer.namedParameters()).containsOnlyKeys("weight", "bias");
    }

    @Test
    void rejectsShapesThatDoNotFit() {
        assertThatThrownBy(() -> new LinearLayer(Tensor.zeros(2, 3), Tensor.zeros(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2,)").hasMessageContaining("(2, 1)");
        assertThatThrownBy(() -> new LinearLayer(Tensor.zeros(3), Tensor.zeros(3, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(3,)");
        LinearLayer layer = new LinearLayer(Tensor.zeros(2, 3), Tensor.zeros(2, 1));
        assertThatThrownBy(() -> layer.forward(Tensor.zeros(4, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(4, 3)").hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> layer.forward(Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(3,)");
    }

    @Test
    void nonLeafParameterIsRejected() {
        Tensor w = Tensor.zeros(2, 2).requiresGrad(true).mul(2);
        assertThatThrownBy(() -> new LinearLayer(w, Tensor.zeros(2, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaf").hasMessageContaining("(2, 2)");
    }
}
