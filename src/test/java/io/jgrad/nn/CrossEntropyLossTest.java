package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CrossEntropyLossTest {

    private final CrossEntropyLoss loss = new CrossEntropyLoss();
    private final Random rng = new Random(17);

    // the textbook formula in plain loops: -log(e^x_t / Σ e^x_j), for moderate logits
    private static double reference(double[][] logits, int[] targets) {
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            double sum = 0;
            for (double v : logits[i]) {
                sum += Math.exp(v);
            }
            total += -Math.log(Math.exp(logits[i][targets[i]]) / sum);
        }
        return total / logits.length;
    }

    @Test
    void batchFormIsTheMeanOverSamples() {
        double[][] x = new double[6][4];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rng.nextGaussian() * 3;
            }
        }
        int[] t = {0, 3, 1, 2, 2, 0};
        Tensor l = loss.forward(Tensor.of(x), t);
        assertThat(l.shape().toString()).isEqualTo("()");
        assertThat(l.item()).isCloseTo(reference(x, t), within(1e-13));
    }

    @Test
    void singleSampleFormTakesAnyShapeOfCElements() {
        double[] v = {0.5, -1.25, 2.0};
        double expected = reference(new double[][] {v}, new int[] {2});
        assertThat(loss.forward(Tensor.of(v), 2).item()).isCloseTo(expected, within(1e-15));
        assertThat(loss.forward(Tensor.of(v).reshape(3, 1), 2).item()).isCloseTo(expected, within(1e-15));
        assertThat(loss.forward(Tensor.of(v).reshape(1, 3), 2).item()).isCloseTo(expected, within(1e-15));
        assertThat(loss.forward(Tensor.of(v).reshape(1, 3, 1), 2).item()).isCloseTo(expected, within(1e-15));
    }

    @Test
    void gradientIsSoftmaxMinusOneHotOverN() {
        Tensor x = Tensor.randn(rng, 3, 4).requiresGrad(true);
        int[] t = {1, 0, 3};
        loss.forward(x, t).backward();
        Tensor p = x.detach().softmax(1);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                double expected = (p.getDouble(i, j) - (j == t[i] ? 1 : 0)) / 3;
                assertThat(x.grad().getDouble(i, j)).isCloseTo(expected, within(1e-15));
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor x = Tensor.randn(rng, 5, 3).requiresGrad(true);
        int[] t = {2, 0, 1, 1, 2};
        GradCheck.check(xs -> loss.forward(xs.get(0), t), List.of(x), 1e-8);
        Tensor column = Tensor.randn(rng, 4, 1).requiresGrad(true);
        GradCheck.check(xs -> loss.forward(xs.get(0), 3), List.of(column), 1e-8);
        // through a layer: the loss of a Linear's output
        Linear layer = new Linear(3, 4, rng);
        Tensor in = Tensor.randn(rng, 2, 3).requiresGrad(true);
        GradCheck.check(xs -> loss.forward(layer.forward(xs.get(0)), new int[] {3, 1}),
                List.of(in, layer.weight(), layer.bias()), 1e-8);
    }

    @Test
    void secondOrderGradientsMatchFiniteDifferences() {
        Tensor x = Tensor.randn(rng, 3, 4).requiresGrad(true);
        int[] t = {3, 0, 2};
        GradCheck.checkSecondOrder(xs -> loss.forward(xs.get(0), t), List.of(x), 1e-5);
    }

    @Test
    void extremeLogitsGiveFiniteExactLosses() {
        assertThat(loss.forward(Tensor.of(1e8, 0, 0), 0).item()).isEqualTo(0.0);
        assertThat(loss.forward(Tensor.of(1e8, 0, 0), 1).item()).isEqualTo(1e8);
        assertThat(loss.forward(Tensor.of(1000, -1000), 1).item()).isEqualTo(2000.0);
        assertThat(loss.forward(Tensor.of(-1000, -1000), 0).item()).isCloseTo(Math.log(2), within(1e-15));
        assertThat(loss.forward(Tensor.of(1000, 1000, 1000), 2).item()).isCloseTo(Math.log(3), within(1e-15));

        Tensor x = Tensor.of(new double[][] {{1e8, -1e8, 0}, {-1000, 1000, 999}}).requiresGrad(true);
        Tensor l = loss.forward(x, new int[] {1, 2});
        assertThat(l.item()).isCloseTo((2e8 + 1 + Math.log1p(Math.exp(-1))) / 2, within(1e-6));
        l.backward();
        double[] g = x.grad().toArray();
        for (double v : g) {
            assertThat(v).isFinite();
        }
        assertThat(g[0]).isEqualTo(0.5);    // softmax 1 at the true maximum, 0 at the target
        assertThat(g[1]).isEqualTo(-0.5);
        double p1 = 1 / (1 + Math.exp(-1));  // softmax of (1000, 999) at 1000
        assertThat(g[4]).isCloseTo(p1 / 2, within(1e-15));
        assertThat(g[5]).isCloseTo((1 - p1 - 1) / 2, within(1e-15));
    }

    @Test
    void targetOutOfRangeIsAnIndexError() {
        assertThatThrownBy(() -> loss.forward(Tensor.of(1, 2, 3).reshape(3, 1), 3))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("target 3").hasMessageContaining("(3, 1)").hasMessageContaining("[0, 2]");
        assertThatThrownBy(() -> loss.forward(Tensor.of(1, 2, 3), -1))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> loss.forward(Tensor.zeros(2, 3), new int[] {0, 5}))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("target 5 of sample 1").hasMessageContaining("(2, 3)");
    }

    @Test
    void batchShapesMustFit() {
        assertThatThrownBy(() -> loss.forward(Tensor.zeros(2, 3), new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2, 3)").hasMessageContaining("1 targets");
        assertThatThrownBy(() -> loss.forward(Tensor.zeros(2, 3, 4), new int[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2, 3, 4)");
        assertThat(loss.forward(Tensor.zeros(0, 3), new int[0]).item()).isNaN();
    }

    @Test
    void theIntFormsApplyTheSettingsToo() {
        Tensor logits = Tensor.of(new double[][] {{1, 2, 0.5}, {0.3, -1, 2}});
        CrossEntropyLoss smoothed = new CrossEntropyLoss().labelSmoothing(0.2);
        Tensor viaTensor = smoothed.forward(logits, Tensor.fromArray(new long[] {1, 2}, 2));
        assertThat(smoothed.forward(logits, new int[] {1, 2}).item()).isEqualTo(viaTensor.item());
        assertThat(smoothed.forward(logits.get(0), 1).item())
                .isEqualTo(smoothed.forward(logits.get(0).reshape(1, 3), Tensor.fromArray(new long[] {1}, 1)).item());
        CrossEntropyLoss ignoring = new CrossEntropyLoss().ignoreIndex(2);
        assertThat(ignoring.forward(logits, new int[] {1, 2}).item())
                .isEqualTo(new CrossEntropyLoss().forward(logits.get(0), 1).item());
        assertThat(new CrossEntropyLoss().forward(logits.requiresGrad(true), new int[] {1, 2}).gradFn().name())
                .isEqualTo("CrossEntropy");
    }
}
