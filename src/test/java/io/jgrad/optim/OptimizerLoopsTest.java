package io.jgrad.optim;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The optimizers' update loops, split per case so that HotSpot compiles them to SIMD code, against
 * the rules of their Javadoc written out element by element: on parameters of a thousand values
 * over several steps, the results must be the same bits.
 */
class OptimizerLoopsTest {

    private static final int N = 1003;
    private static final int STEPS = 4;

    /** A parameter and a fixed sequence of gradients (a new array each step, as backward gives). */
    private static final class Problem {
        final Tensor w;
        final double[][] grads = new double[STEPS][N];

        Problem(long seed) {
            Random r = new Random(seed);
            w = Tensor.randn(r, N).requiresGrad(true);
            for (double[] g : grads) {
                for (int i = 0; i < N; i++) {
                    g[i] = r.nextGaussian();
                }
            }
        }

        /** Runs the optimizer, feeding the fixed gradients through backward. */
        double[] run(Optimizer opt) {
            for (double[] g : grads) {
                opt.zeroGrad();
                w.mul(Tensor.of(g.clone())).sum().backward();   // ∂/∂w of Σ w·g is g
                opt.step();
            }
            return w.toArray();
        }
    }

    private static void assertSameBits(double[] actual, double[] expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < actual.length; i++) {
            assertThat(Double.doubleToRawLongBits(actual[i])).as("element %d: %s vs %s", i, actual[i], expected[i])
                    .isEqualTo(Double.doubleToRawLongBits(expected[i]));
        }
    }

    /** SGD's rule, element by element. */
    private static double[] sgd(double[] w0, double[][] grads, double lr, double mu, double damp, boolean nesterov,
                                double wd) {
        double[] w = w0.clone();
        double[] b = new double[w.length];
        for (int s = 0; s < grads.length; s++) {
            for (int i = 0; i < w.length; i++) {
                double g = grads[s][i];
                if (wd != 0) {
                    g = g + wd * w[i];
                }
                if (mu != 0) {
                    b[i] = s == 0 ? g : mu * b[i] + (1 - damp) * g;
                    g = nesterov ? g + mu * b[i] : b[i];
                }
                w[i] = w[i] - lr * g;
            }
        }
        return w;
    }

    /** Adam's and AdamW's rule, element by element. */
    private static double[] adam(double[] w0, double[][] grads, double lr, double b1, double b2, double eps,
                                 double wd, boolean decoupled) {
        double[] w = w0.clone();
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        for (int s = 0; s < grads.length; s++) {
            int t = s + 1;
            double stepSize = lr / (1 - Math.pow(b1, t));
            double bc2Sqrt = Math.sqrt(1 - Math.pow(b2, t));
            for (int i = 0; i < w.length; i++) {
                double wi = decoupled ? w[i] * (1 - lr * wd) : w[i];
                double g = decoupled || wd == 0 ? grads[s][i] : grads[s][i] + wd * w[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                w[i] = wi - stepSize * m[i] / (Math.sqrt(v[i]) / bc2Sqrt + eps);
            }
        }
        return w;
    }

    @Test
    void sgdLoopsFollowTheRuleBitForBit() {
        double[][] configs = {
            // momentum, dampening, nesterov (1/0), weight decay
            {0, 0, 0, 0}, {0, 0, 0, 0.01}, {0.9, 0, 0, 0}, {0.9, 0.25, 0, 0}, {0.9, 0, 1, 0}, {0.8, 0.1, 0, 0.02},
            {0.9, 0, 1, 0.03},
        };
        for (double[] c : configs) {
            Problem p = new Problem(11);
            double[] w0 = p.w.toArray();
            SGD opt = new SGD(List.of(p.w), 0.05).momentum(c[0]).dampening(c[1]).nesterov(c[2] != 0).weightDecay(c[3]);
            assertSameBits(p.run(opt), sgd(w0, p.grads, 0.05, c[0], c[1], c[2] != 0, c[3]));
        }
    }

    @Test
    void adamLoopsFollowTheRuleBitForBit() {
        for (double wd : new double[] {0, 0.01}) {
            Problem p = new Problem(12);
            double[] w0 = p.w.toArray();
            Adam opt = new Adam(List.of(p.w), 1e-2).betas(0.8, 0.99).eps(1e-6).weightDecay(wd);
            assertSameBits(p.run(opt), adam(w0, p.grads, 1e-2, 0.8, 0.99, 1e-6, wd, false));

            Problem q = new Problem(13);
            double[] q0 = q.w.toArray();
            AdamW optW = new AdamW(List.of(q.w), 1e-2).betas(0.8, 0.99).eps(1e-6).weightDecay(wd);
            assertSameBits(q.run(optW), adam(q0, q.grads, 1e-2, 0.8, 0.99, 1e-6, wd, true));
        }
    }
}
