package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.Autograd;
import io.jgrad.GradMode;
import io.jgrad.Tensor;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Finite-difference checks of gradients for the tests of this package: the analytic gradient of
 * {@code Σ R ⊙ f(inputs)} (a fixed random weighting {@code R}, so that the upstream gradient is not
 * trivial) against central differences.
 */
final class GradCheck {

    private static final double H = 1e-6;

    private GradCheck() {
    }

    /** A scalar from f's output: Σ R ⊙ out, R drawn from a fixed seed (1 for a 0-d output). */
    static Function<List<Tensor>, Tensor> weighted(Function<List<Tensor>, Tensor> f) {
        return xs -> {
            Tensor out = f.apply(xs);
            if (out.numel() == 1) {
                return out.sum();
            }
            Tensor r = Tensor.randn(new Random(99), out.shape().toArray());
            return out.mul(r).sum();
        };
    }

    /**
     * Checks the first-order gradients of {@code f} with respect to every input.
     *
     * @param f a function of the inputs (any output shape)
     * @param inputs leaves that require grad; their values are perturbed and restored
     * @param tol absolute and relative tolerance
     */
    static void check(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, double tol) {
        Function<List<Tensor>, Tensor> scalar = weighted(f);
        List<Tensor> analytic = Autograd.grad(scalar.apply(inputs), inputs, false);
        for (int k = 0; k < inputs.size(); k++) {
            double[] numeric = numericGrad(scalar, inputs, k);
            assertClose(analytic.get(k).toArray(), numeric, tol, "input " + k);
        }
    }

    /**
     * Checks the second-order gradients: the gradient of {@code Σ S ⊙ ∂f/∂x_k} (from a recorded
     * backward pass) against central differences of that first-order gradient, for every k.
     */
    @SuppressWarnings("try") // the scope only sets the grad mode
    static void checkSecondOrder(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, double tol) {
        Function<List<Tensor>, Tensor> scalar = weighted(f);
        Function<List<Tensor>, Tensor> gradScalar = xs -> {
            try (GradMode.Scope s = GradMode.enableGrad()) {
                List<Tensor> g = Autograd.grad(scalar.apply(xs), xs, true);
                Tensor total = Tensor.scalar(0);
                Random r = new Random(7);
                for (Tensor gi : g) {
                    total = total.add(gi.mul(Tensor.randn(r, gi.shape().toArray())).sum());
                }
                return total;
            }
        };
        Tensor out = gradScalar.apply(inputs);
        if (!out.requiresGrad()) {
            // the first-order gradient does not depend on the inputs: all second derivatives are 0
            for (int k = 0; k < inputs.size(); k++) {
                double[] numeric = numericGrad(gradScalar, inputs, k);
                assertClose(new double[numeric.length], numeric, tol, "second order, input " + k);
            }
            return;
        }
        List<Tensor> analytic = Autograd.grad(out, inputs, false);
        for (int k = 0; k < inputs.size(); k++) {
            double[] numeric = numericGrad(gradScalar, inputs, k);
            assertClose(analytic.get(k).toArray(), numeric, tol, "second order, input " + k);
        }
    }

    static double[] numericGrad(Function<List<Tensor>, Tensor> scalar, List<Tensor> inputs, int k) {
        double[] x = inputs.get(k).array().data();
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double saved = x[i];
            x[i] = saved + H;
            double plus = eval(scalar, inputs);
            x[i] = saved - H;
            double minus = eval(scalar, inputs);
            x[i] = saved;
            out[i] = (plus - minus) / (2 * H);
        }
        return out;
    }

    private static double eval(Function<List<Tensor>, Tensor> scalar, List<Tensor> inputs) {
        return scalar.apply(inputs).item();
    }

    static void assertClose(double[] actual, double[] expected, double tol, String what) {
        assertThat(actual).as(what + ": length").hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            double scale = Math.max(1.0, Math.abs(expected[i]));
            assertThat(actual[i]).as(what + ": element " + i).isCloseTo(expected[i], within(tol * scale));
        }
    }
}
