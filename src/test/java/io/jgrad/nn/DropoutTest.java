package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DropoutTest {

    @Test
    void trainingZeroesAboutPAndScalesTheRest() {
        Dropout dropout = new Dropout(0.3, new Random(1));
        Tensor x = Tensor.full(2.0, 100, 100);
        Tensor y = dropout.forward(x);
        assertThat(y.shape()).isEqualTo(x.shape());
        int zeros = 0;
        for (double v : y.toArray()) {
            if (v == 0) {
                zeros++;
            } else {
                assertThat(v).isCloseTo(2.0 / 0.7, within(1e-15));
            }
        }
        assertThat(zeros / 10000.0).isCloseTo(0.3, within(0.02));
    }

    @Test
    void maskIsTheSeededDrawsAndGradientFollowsIt() {
        Tensor x = Tensor.randn(new Random(2), 4, 5).requiresGrad(true);
        Tensor y = new Dropout(0.5, new Random(9)).forward(x);
        Random replay = new Random(9);
        double[] xs = x.toArray();
        double[] ys = y.toArray();
        double[] expectedGrad = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            boolean keep = replay.nextDouble() >= 0.5;
            assertThat(ys[i]).isEqualTo(keep ? xs[i] * 2 : 0.0);
            expectedGrad[i] = keep ? 2 : 0;
        }
        y.sum().backward();
        assertThat(x.grad().toArray()).containsExactly(expectedGrad);
        assertThat(y.gradFn().name()).isEqualTo("Mul");
    }

    @Test
    void evalPassesTheInputThrough() {
        Dropout dropout = new Dropout(0.9, new Random(1));
        Sequential model = new Sequential(dropout);
        model.eval();
        assertThat(dropout.isTraining()).isFalse();
        Tensor x = Tensor.randn(new Random(3), 3, 3);
        assertThat(model.forward(x)).isSameAs(x);
        model.train();
        assertThat(dropout.isTraining()).isTrue();
        assertThat(model.forward(x)).isNotSameAs(x);
    }

    @Test
    void extremes() {
        Tensor x = Tensor.randn(new Random(3), 5, 5);
        assertThat(new Dropout(0.0, new Random(1)).forward(x)).isSameAs(x);
        for (double v : new Dropout(1.0, new Random(1)).forward(x).toArray()) {
            assertThat(v == 0).isTrue();   // ±0: x·0 keeps x's sign, as in PyTorch
        }
        assertThat(new Dropout(0.25).toString()).isEqualTo("Dropout(p=0.25)");
        assertThat(new Dropout(0.25).p()).isEqualTo(0.25);
    }

    @Test
    void rejectsAProbabilityOutsideZeroOne() {
        assertThatThrownBy(() -> new Dropout(1.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> new Dropout(-0.1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.1");
        assertThatThrownBy(() -> new Dropout(Double.NaN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }
}
