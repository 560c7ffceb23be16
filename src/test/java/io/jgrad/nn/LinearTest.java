package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearTest {

    private final Random rng = new Random(11);

    private static double[] reference(Tensor x, Tensor w, Tensor b) {
        int n = x.shape().get(0);
        int in = w.shape().get(1);
        int out = w.shape().get(0);
        double[] y = new double[n * out];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b.getDouble(o);
                for (int k = 0; k < in; k++) {
                    s += x.getDouble(i, k) * w.getDouble(o, k);
                }
                y[i * out + o] = s;
            }
        }
        return y;
    }

    @Test
    void forwardMatchesPlainLoops() {
        Linear layer = new Linear(5, 3, rng);
        Tensor x = Tensor.randn(rng, 4, 5);
        Tensor y = layer.forward(x);
        assertThat(y.shape().toString()).isEqualTo("(4, 3)");
        assertThat(y.toArray()).containsExactly(reference(x, layer.weight(), layer.bias()), within(1e-14));
        assertThat(y.gradFn().name()).isEqualTo("AddMm");
    }

    @Test
    void oneDimensionalAndBatchedInputs() {
        Linear layer = new Linear(4, 2, rng);
        Tensor x = Tensor.randn(rng, 4);
        Tensor y = layer.forward(x);
        assertThat(y.shape().toString()).isEqualTo("(2,)");
        assertThat(y.toArray()).containsExactly(reference(x.reshape(1, 4), layer.weight(), layer.bias()), within(1e-14));

        Tensor x3 = Tensor.randn(rng, 2, 3, 4);
        Tensor y3 = layer.forward(x3);
        assertThat(y3.shape().toString()).isEqualTo("(2, 3, 2)");
        assertThat(y3.toArray()).containsExactly(reference(x3.reshape(6, 4), layer.weight(), layer.bias()), within(1e-14));

        Tensor empty = layer.forward(Tensor.zeros(0, 4));
        assertThat(empty.shape().toString()).isEqualTo("(0, 2)");
    }

    @Test
    void withoutBias() {
        Linear layer = new Linear(3, 2, false, rng);
        assertThat(layer.bias()).isNull();
        assertThat(layer.namedParameters()).containsOnlyKeys("weight");
        Tensor x = Tensor.randn(rng, 2, 3);
        assertThat(layer.forward(x).toArray()).containsExactly(reference(x, layer.weight(), null), within(1e-14));
        assertThat(layer.toString()).isEqualTo("Linear(in_features=3, out_features=2, bias=False)");
        Linear given = new Linear(Tensor.randn(rng, 2, 3), null);
        assertThat(given.forward(x).toArray()).containsExactly(reference(x, given.weight(), null), within(1e-14));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Linear layer = new Linear(4, 3, rng);
        Tensor x = Tensor.randn(rng, 5, 4).requiresGrad(true);
        GradCheck.check(xs -> layer.forward(xs.get(0)), List.of(x, layer.weight(), layer.bias()), 1e-7);
        Tensor x1 = Tensor.randn(rng, 4).requiresGrad(true);
        GradCheck.check(xs -> layer.forward(xs.get(0)), List.of(x1, layer.weight(), layer.bias()), 1e-7);
        Linear noBias = new Linear(4, 3, false, rng);
        GradCheck.check(xs -> noBias.forward(xs.get(0)), List.of(x, noBias.weight()), 1e-7);
    }

    @Test
    void secondOrderGradientsMatchFiniteDifferences() {
        Linear layer = new Linear(3, 2, rng);
        Tensor x = Tensor.randn(rng, 4, 3).requiresGrad(true);
        // tanh makes the second derivatives non-zero in every input
        GradCheck.checkSecondOrder(xs -> layer.forward(xs.get(0)).tanh(), List.of(x, layer.weight(), layer.bias()), 1e-5);
    }

    @Test
    void initialisationIsPyTorchsUniformFromTheGivenRandom() {
        Linear layer = new Linear(16, 5, new Random(42));
        double bound = 1 / Math.sqrt(16);
        Random replay = new Random(42);
        for (double w : layer.weight().toArray()) {
            assertThat(w).isEqualTo(-bound + 2 * bound * replay.nextDouble());
        }
        for (double b : layer.bias().toArray()) {
            assertThat(b).isEqualTo(-bound + 2 * bound * replay.nextDouble());
        }
        assertThat(layer.weight().shape().toString()).isEqualTo("(5, 16)");
        assertThat(layer.bias().shape().toString()).isEqualTo("(5,)");

        Linear wide = new Linear(400, 300, new Random(1));
        double wb = 1 / Math.sqrt(400);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double w : wide.weight().toArray()) {
            min = Math.min(min, w);
            max = Math.max(max, w);
        }
        assertThat(min).isGreaterThanOrEqualTo(-wb).isLessThan(-0.99 * wb);
        assertThat(max).isLessThan(wb).isGreaterThan(0.99 * wb);
        assertThat(new Linear(3, 3, new Random(5)).weight().toArray())
                .containsExactly(new Linear(3, 3, new Random(5)).weight().toArray());
        assertThat(new Linear(0, 2, rng).bias().toArray()).containsExactly(0.0, 0.0);
    }

    @Test
    void givenTensorsBecomeTheParameters() {
        Tensor w = Tensor.randn(rng, 2, 3);
        Tensor b = Tensor.randn(rng, 2);
        Linear layer = new Linear(w, b);
        assertThat(layer.weight()).isSameAs(w);
        assertThat(layer.bias()).isSameAs(b);
        assertThat(w.requiresGrad()).isTrue();
        assertThat(b.requiresGrad()).isTrue();
        layer.forward(Tensor.randn(rng, 4, 3)).sum().backward();
        assertThat(w.grad()).isNotNull();
        assertThat(b.grad().toArray()).containsExactly(4.0, 4.0);
        assertThat(layer.inFeatures()).isEqualTo(3);
        assertThat(layer.outFeatures()).isEqualTo(2);
    }

    @Test
    void printsAsPyTorch() {
        assertThat(new Linear(4, 8, rng).toString()).isEqualTo("Linear(in_features=4, out_features=8, bias=True)");
    }

    @Test
    void rejectsBadShapes() {
        Linear layer = new Linear(4, 2, rng);
        assertThatThrownBy(() -> layer.forward(Tensor.zeros(3, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(3, 5)").hasMessageContaining("4");
        assertThatThrownBy(() -> layer.forward(Tensor.scalar(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("()");
        assertThatThrownBy(() -> new Linear(Tensor.zeros(2, 3), Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(3,)").hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> new Linear(Tensor.zeros(6), Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(6,)");
        assertThatThrownBy(() -> new Linear(-1, 2, rng)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
