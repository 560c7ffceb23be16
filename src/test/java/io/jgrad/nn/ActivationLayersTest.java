package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.Tensor;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class ActivationLayersTest {

    private final Random rng = new Random(5);

    private void check(Layer layer, DoubleUnaryOperator f, String gradFn, String printed) {
        Tensor x = Tensor.randn(rng, 2, 3, 4);
        Tensor y = layer.forward(x);
        assertThat(y.shape()).isEqualTo(x.shape());
        double[] xs = x.toArray();
        double[] ys = y.toArray();
        for (int i = 0; i < xs.length; i++) {
            assertThat(ys[i]).isCloseTo(f.applyAsDouble(xs[i]), within(1e-15));
        }
        assertThat(layer.forward(Tensor.scalar(0.3)).item()).isCloseTo(f.applyAsDouble(0.3), within(1e-15));
        Tensor xg = Tensor.randn(rng, 3, 4).requiresGrad(true);
        assertThat(layer.forward(xg).gradFn().name()).isEqualTo(gradFn);
        GradCheck.check(in -> layer.forward(in.get(0)), List.of(xg), 1e-7);
        assertThat(layer.parameters()).isEmpty();
        assertThat(layer.toString()).isEqualTo(printed);
    }

    @Test
    void relu() {
        check(new ReLU(), v -> Math.max(v, 0), "ReLU", "ReLU()");
    }

    @Test
    void tanh() {
        check(new Tanh(), Math::tanh, "Tanh", "Tanh()");
    }

    @Test
    void sigmoid() {
        check(new Sigmoid(), v -> 1 / (1 + Math.exp(-v)), "Sigmoid", "Sigmoid()");
    }
}
