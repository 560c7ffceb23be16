package io.jgrad.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SGD against values worked out by hand from the rule in SGD's Javadoc. The loss is
 * {@code L = Σ w²/2}, so the gradient is {@code g = w} and each step's numbers follow on paper.
 */
class SGDTest {

    private static double[] run(SGD opt, Tensor w, int steps) {
        double[] trace = new double[steps];
        for (int s = 0; s < steps; s++) {
            opt.zeroGrad();
            w.mul(w).mul(0.5).sum().backward();
            opt.step();
            trace[s] = w.getDouble(0);
        }
        return trace;
    }

    @Test
    void plain() {
        Tensor w = Tensor.of(1.0).requiresGrad(true);
        // w ← w − 0.1·w
        assertThat(run(new SGD(List.of(w), 0.1), w, 3)).containsExactly(new double[] {0.9, 0.81, 0.729}, within(1e-15));
    }

    @Test
    void momentumStartsItsBufferAtTheFirstGradient() {
        Tensor w = Tensor.of(1.0).requiresGrad(true);
        // b = 1, w = 0.9; b = 0.9·1 + 0.9 = 1.8, w = 0.72; b = 0.9·1.8 + 0.72 = 2.34, w = 0.486
        assertThat(run(new SGD(List.of(w), 0.1).momentum(0.9), w, 3))
                .containsExactly(new double[] {0.9, 0.72, 0.486}, within(1e-15));
    }

    @Test
    void dampeningAppliesFromTheSecondStep() {
        Tensor w = Tensor.of(1.0).requiresGrad(true);
        // b = 1 (not 0.5·1), w = 0.9; b = 0.9 + 0.5·0.9 = 1.35, w = 0.765; b = 1.215 + 0.3825 = 1.5975, w = 0.60525
        assertThat(run(new SGD(List.of(w), 0.1).momentum(0.9).dampening(0.5), w, 3))
                .containsExactly(new double[] {0.9, 0.765, 0.60525}, within(1e-15));
    }

    @Test
    void nesterov() {
        Tensor w = Tensor.of(1.0).requiresGrad(true);
        // b = 1, g = 1 + 0.9 = 1.9, w = 0.81; b = 0.9 + 0.81 = 1.71, g = 0.81 + 1.539 = 2.349, w = 0.5751
        assertThat(run(new SGD(List.of(w), 0.1).momentum(0.9).nesterov(true), w, 2))
                .containsExactly(new double[] {0.81, 0.5751}, within(1e-15));
    }

    @Test
    void weightDecayAddsToTheGradient() {
        Tensor w = Tensor.of(1.0).requiresGrad(true);
        SGD opt = new SGD(List.of(w), 0.1).weightDecay(0.1);
        double[] trace = new double[2];
        for (int s = 0; s < 2; s++) {
            opt.zeroGrad();
            w.sum().backward();   // g = 1
            opt.step();
            trace[s] = w.getDouble(0);
        }
        // g = 1 + 0.1·1 = 1.1, w = 0.89; g = 1 + 0.089 = 1.089, w = 0.7811
        assertThat(trace).containsExactly(new double[] {0.89, 0.7811}, within(1e-15));
    }

    @Test
    void everythingTogetherOnManyElementsMatchesTheRule() {
        double[] w0 = {1.0, -2.0, 0.5, 3.0};
        double[] c = {1.0, 0.5, 2.0, -0.25};
        Tensor w = Tensor.of(w0.clone()).requiresGrad(true);
        Tensor cw = Tensor.of(c);
        SGD opt = new SGD(List.of(w), 0.05).momentum(0.8).dampening(0.1).weightDecay(0.01);
        double[] ref = w0.clone();
        double[] buf = new double[4];
        for (int s = 0; s < 5; s++) {
            opt.zeroGrad();
            w.mul(w).mul(cw).mul(0.5).sum().backward();   // g = c·w
            opt.step();
            for (int i = 0; i < 4; i++) {
                double g = c[i] * ref[i] + 0.01 * ref[i];
                buf[i] = s == 0 ? g : 0.8 * buf[i] + 0.9 * g;
                ref[i] -= 0.05 * buf[i];
            }
            assertThat(w.toArray()).containsExactly(ref, within(1e-14));
        }
    }

    @Test
    void parametersWithoutGradAreSkippedAndStartTheirBufferWhenTheyGetOne() {
        Tensor a = Tensor.of(1.0).requiresGrad(true);
        Tensor b = Tensor.of(1.0).requiresGrad(true);
        SGD opt = new SGD(List.of(a, b), 0.1).momentum(0.9);
        a.mul(a).mul(0.5).sum().backward();
        opt.step();
        assertThat(b.getDouble(0)).isEqualTo(1.0);
        assertThat(b.grad()).isNull();
        opt.zeroGrad();
        b.mul(b).mul(0.5).sum().backward();
        opt.step();
        // b's first update: its buffer is its gradient, 1
        assertThat(b.getDouble(0)).isCloseTo(0.9, within(1e-15));
        assertThat(a.getDouble(0)).isCloseTo(0.9, within(1e-15));
    }

    @Test
    void stepRecordsNoGraphAndLeavesGradientsAlone() {
        Tensor w = Tensor.of(1.0, 2.0).requiresGrad(true);
        SGD opt = new SGD(List.of(w), 0.1).momentum(0.5);
        w.mul(w).sum().backward();
        Tensor grad = w.grad();
        double[] g = grad.toArray();
        opt.step();
        assertThat(w.isLeaf()).isTrue();
        assertThat(w.gradFn()).isNull();
        assertThat(w.requiresGrad()).isTrue();
        assertThat(w.grad()).isSameAs(grad);
        assertThat(grad.toArray()).containsExactly(g);
        opt.zeroGrad();
        assertThat(w.grad()).isNull();
    }

    @Test
    void invalidHyperparametersNameTheValue() {
        List<Tensor> p = List.of(Tensor.of(1.0).requiresGrad(true));
        assertThatThrownBy(() -> new SGD(p, -0.1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.1");
        assertThatThrownBy(() -> new SGD(p, Double.NaN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new SGD(p, 0.1).momentum(-0.9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momentum").hasMessageContaining("-0.9");
        assertThatThrownBy(() -> new SGD(p, 0.1).weightDecay(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weightDecay").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> new SGD(p, 0.1).dampening(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> new SGD(p, 0.1).nesterov(true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nesterov").hasMessageContaining("momentum");
        assertThatThrownBy(() -> new SGD(p, 0.1).momentum(0.9).dampening(0.1).nesterov(true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dampening");
        assertThatThrownBy(() -> new SGD(p, 0.1).lr(-2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-2.0");
        assertThatThrownBy(() -> new SGD(List.of(), 0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        Tensor t = p.get(0);
        assertThatThrownBy(() -> new SGD(List.of(t, t), 0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same tensor");
        assertThatThrownBy(() -> new SGD(List.of(t.mul(2)), 0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leaf");
        SGD ok = new SGD(p, 0.1).momentum(0.9).nesterov(true).lr(0.2);
        assertThat(ok.lr()).isEqualTo(0.2);
        assertThat(ok.nesterov()).isTrue();
        assertThat(ok.momentum()).isEqualTo(0.9);
    }

    @Test
    void aStepInvalidatesRetainedGraphsThatUsedTheOldValues() {
        Tensor p = io.jgrad.Tensor.of(1, 2).requiresGrad(true);
        Tensor y = p.mul(p).sum();
        y.backward(io.jgrad.Tensor.scalar(1), true);
        new SGD(java.util.List.of(p), 0.1).step();

        org.assertj.core.api.Assertions.assertThatThrownBy(y::backward)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("modified in place");
    }
}
