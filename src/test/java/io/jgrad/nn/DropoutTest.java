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
        assertThat(new Dropout(0.25).toString()).isEqualTo("Dropout(p=0.25, inplace=False)");
        assertThat(new Dropout(0.25).p()).isEqualTo(0.25);
    }

    @Test
    void rejectsAProbabilityOutsideZeroOne() {
        assertThatThrownBy(() -> new Dropout(1.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> new Dropout(-0.1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.1");
        assertThatThrownBy(() -> new Dropout(Double.NaN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }

    @Test
    void manualSeedMakesTheMasksDependOnTheSeedAndThePositionAlone() {
        Random shared = new Random(5);
        Sequential a = new Sequential(new Dropout(0.5, shared), new Sequential(new ReLU(), new Dropout(0.5)));
        Sequential b = new Sequential(new Dropout(0.5), new Sequential(new ReLU(), new Dropout(0.5, new Random(1))));
        Tensor x = Tensor.ones(6, 7);
        assertThat(a.manualSeed(42)).isSameAs(a);
        b.manualSeed(42);
        double[] first = a.forward(x).toArray();
        assertThat(b.forward(x).toArray()).as("same seed, same tree: same masks").containsExactly(first);
        a.manualSeed(42);
        assertThat(a.forward(x).toArray()).as("reseeding replays").containsExactly(first);
        a.manualSeed(43);
        assertThat(a.forward(x).toArray()).as("another seed").isNotEqualTo(first);

        // the two dropout layers of one tree draw different masks
        Dropout outer = (Dropout) a.layers().get(0);
        Dropout inner = (Dropout) ((Sequential) a.layers().get(1)).layers().get(1);
        a.manualSeed(7);
        assertThat(outer.forward(x).toArray()).isNotEqualTo(inner.forward(x).toArray());

        // each layer's seed is splitmix64(seed + (k + 1)·γ), k its depth-first position: the outer
        // dropout is layer 1 (after the Sequential), the inner one layer 4
        a.manualSeed(7);
        double[] expected = new Dropout(0.5, new Random(splitMix64(7 + 2 * 0x9E3779B97F4A7C15L))).forward(x).toArray();
        assertThat(outer.forward(x).toArray()).containsExactly(expected);
        expected = new Dropout(0.5, new Random(splitMix64(7 + 5 * 0x9E3779B97F4A7C15L))).forward(x).toArray();
        assertThat(inner.forward(x).toArray()).containsExactly(expected);

        // the generator given to the constructor is not touched
        Random untouched = new Random(5);
        assertThat(shared.nextLong()).isEqualTo(untouched.nextLong());
    }

    private static long splitMix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
