package io.jgrad.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Adam and AdamW against the rules in their Javadoc, worked out step by step on plain doubles. */
class AdamTest {

    private static final double[] W0 = {1.0, -2.0, 0.5, 3.0};
    private static final double[] C = {1.0, 0.5, 2.0, -0.25};

    /** One reference step of the documented rule, on plain arrays. */
    private static void referenceStep(double[] w, double[] m, double[] v, int t, double lr, double b1, double b2,
                                      double eps, double wd, boolean decoupled) {
        for (int i = 0; i < w.length; i++) {
            double g = C[i] * w[i];
            if (decoupled) {
                w[i] *= 1 - lr * wd;
            } else {
                g += wd * w[i];
            }
            m[i] = b1 * m[i] + (1 - b1) * g;
            v[i] = b2 * v[i] + (1 - b2) * g * g;
            double mHat = m[i] / (1 - Math.pow(b1, t));
            double vHat = v[i] / (1 - Math.pow(b2, t));
            // the textbook form; the implementation's arrangement differs only by rounding
            w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
        }
    }

    private static void lossBackward(Tensor w) {
        w.mul(w).mul(Tensor.of(C)).mul(0.5).sum().backward();   // g = c·w
    }

    private static void compare(Adam opt, Tensor w, double lr, double b1, double b2, double eps, double wd,
                                boolean decoupled) {
        double[] ref = W0.clone();
        double[] m = new double[4];
        double[] v = new double[4];
        for (int t = 1; t <= 6; t++) {
            opt.zeroGrad();
            lossBackward(w);
            opt.step();
            referenceStep(ref, m, v, t, lr, b1, b2, eps, wd, decoupled);
            assertThat(w.toArray()).as("step " + t).containsExactly(ref, within(1e-13));
        }
    }

    @Test
    void firstStepMovesEachWeightByAboutLrAgainstItsGradient() {
        Tensor w = Tensor.of(1.0).requiresGrad(true);
        Adam opt = new Adam(List.of(w), 0.1);
        w.mul(w).mul(0.5).sum().backward();   // g = 1
        opt.step();
        // m = 0.1, v = 0.001; step size 0.1/0.1 = 1; denom = √0.001/√0.001 + 1e-8
        assertThat(w.getDouble(0)).isCloseTo(1 - 0.1 / (1 + 1e-8), within(1e-16));
        // second step by hand: g = w1
        double w1 = 1 - 0.1 / (1 + 1e-8);
        double m = 0.9 * 0.1 + 0.1 * w1;
        double v = 0.999 * 0.001 + 0.001 * w1 * w1;
        double expected = w1 - (0.1 / (1 - 0.81)) * m / (Math.sqrt(v) / Math.sqrt(1 - 0.998001) + 1e-8);
        opt.zeroGrad();
        w.mul(w).mul(0.5).sum().backward();
        opt.step();
        assertThat(w.getDouble(0)).isCloseTo(expected, within(1e-15));
    }

    @Test
    void defaultsOverSeveralSteps() {
        Tensor w = Tensor.of(W0.clone()).requiresGrad(true);
        compare(new Adam(List.of(w), 0.01), w, 0.01, 0.9, 0.999, 1e-8, 0, false);
    }

    @Test
    void customBetasAndEpsOverSeveralSteps() {
        Tensor w = Tensor.of(W0.clone()).requiresGrad(true);
        compare(new Adam(List.of(w), 0.05).betas(0.8, 0.95).eps(1e-3), w, 0.05, 0.8, 0.95, 1e-3, 0, false);
    }

    @Test
    void weightDecayIsAnL2TermInTheGradient() {
        Tensor w = Tensor.of(W0.clone()).requiresGrad(true);
        compare(new Adam(List.of(w), 0.05).weightDecay(0.1), w, 0.05, 0.9, 0.999, 1e-8, 0.1, false);
    }

    @Test
    void adamWDecaysTheWeightsDirectly() {
        Tensor w = Tensor.of(W0.clone()).requiresGrad(true);
        compare(new AdamW(List.of(w), 0.05).weightDecay(0.1), w, 0.05, 0.9, 0.999, 1e-8, 0.1, true);
        Tensor w2 = Tensor.of(W0.clone()).requiresGrad(true);
        AdamW defaults = new AdamW(List.of(w2), 0.05);
        assertThat(defaults.weightDecay()).isEqualTo(0.01);
        compare(defaults, w2, 0.05, 0.9, 0.999, 1e-8, 0.01, true);
    }

    @Test
    void adamWWithZeroGradientOnlyShrinks() {
        Tensor w = Tensor.of(2.0).requiresGrad(true);
        AdamW opt = new AdamW(List.of(w), 0.1).weightDecay(0.5);
        w.mul(0.0).sum().backward();   // g = 0: m = v = 0, the update is the decay alone
        opt.step();
        assertThat(w.getDouble(0)).isEqualTo(2.0 * (1 - 0.1 * 0.5));
        Tensor a = Tensor.of(2.0).requiresGrad(true);
        Adam l2 = new Adam(List.of(a), 0.1).weightDecay(0.5);
        a.mul(0.0).sum().backward();   // Adam: g = 0 + 0.5·2 = 1 enters the moments: a first step of ≈ lr
        l2.step();
        assertThat(a.getDouble(0)).isCloseTo(1.9, within(1e-7));
    }

    @Test
    void stepCountIsPerParameterAndNullGradsAreSkipped() {
        Tensor a = Tensor.of(1.0).requiresGrad(true);
        Tensor b = Tensor.of(1.0).requiresGrad(true);
        Adam opt = new Adam(List.of(a, b), 0.1);
        a.mul(a).mul(0.5).sum().backward();
        opt.step();
        assertThat(b.getDouble(0)).isEqualTo(1.0);
        opt.zeroGrad();
        b.mul(b).mul(0.5).sum().backward();
        opt.step();
        // b's first update has bias correction for t = 1, like a's first
        assertThat(b.getDouble(0)).isEqualTo(a.getDouble(0));
    }

    @Test
    void stepRecordsNoGraphAndLeavesGradientsAlone() {
        Tensor w = Tensor.of(1.0, 2.0).requiresGrad(true);
        Adam opt = new AdamW(List.of(w), 0.1);
        w.mul(w).sum().backward();
        Tensor grad = w.grad();
        double[] g = grad.toArray();
        opt.step();
        assertThat(w.isLeaf()).isTrue();
        assertThat(w.gradFn()).isNull();
        assertThat(w.grad()).isSameAs(grad);
        assertThat(grad.toArray()).containsExactly(g);
    }

    @Test
    void invalidHyperparametersNameTheValue() {
        List<Tensor> p = List.of(Tensor.of(1.0).requiresGrad(true));
        assertThatThrownBy(() -> new Adam(p, -1e-3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-0.001");
        assertThatThrownBy(() -> new Adam(p, 1e-3).betas(1.0, 0.999)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta1").hasMessageContaining("1.0");
        assertThatThrownBy(() -> new Adam(p, 1e-3).betas(0.9, -0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta2").hasMessageContaining("-0.1");
        assertThatThrownBy(() -> new Adam(p, 1e-3).eps(-1e-8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eps").hasMessageContaining("-1.0E-8");
        assertThatThrownBy(() -> new Adam(p, 1e-3).weightDecay(-0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weightDecay").hasMessageContaining("-0.5");
        assertThatThrownBy(() -> new AdamW(p, 1e-3).weightDecay(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AdamW").hasMessageContaining("NaN");
        AdamW ok = new AdamW(p, 1e-3).betas(0.5, 0.6).eps(0).weightDecay(0).lr(0.5);
        assertThat(ok.beta1()).isEqualTo(0.5);
        assertThat(ok.beta2()).isEqualTo(0.6);
        assertThat(ok.eps()).isEqualTo(0.0);
        assertThat(ok.lr()).isEqualTo(0.5);
    }
}
