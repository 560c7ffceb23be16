package io.jgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.ops.OpCases;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Higher-order gradients: {@code backward(grad, retainGraph, createGraph)} and {@link Autograd#grad}
 * against closed forms, second-order gradient checks of every operation whose second derivative is
 * not identically zero, and the contract of {@code Autograd.grad}.
 */
class HigherOrderTest {

    // ------------------------------------------------------------------ x³

    @Test
    void secondDerivativeOfCubeViaBackwardWithCreateGraph() {
        Tensor x = Tensor.of(3.0, -0.5, 2.0).requiresGrad(true);
        Tensor y = x.pow(3.0);

        y.backward(Tensor.ones(3), false, true);
        Tensor dy = x.grad();

        assertThat(dy.toArray()).containsExactly(new double[] {27.0, 0.75, 12.0}, within(1e-12)); // 3x²
        assertThat(dy.requiresGrad()).as("a gradient made with createGraph has a graph").isTrue();
        assertThat(dy.gradFn()).isNotNull();

        x.zeroGrad();
        dy.backward(Tensor.ones(3));

        assertThat(x.grad().toArray()).containsExactly(new double[] {18.0, -3.0, 12.0}, within(1e-12)); // 6x
    }

    @Test
    void secondAndThirdDerivativeOfCubeViaAutogradGrad() {
        Tensor x = Tensor.scalar(3.0).requiresGrad(true);
        Tensor y = x.pow(3.0);

        Tensor first = Autograd.grad(y, List.of(x), true).get(0);
        Tensor second = Autograd.grad(first, List.of(x), true).get(0);
        Tensor third = Autograd.grad(second, List.of(x), false).get(0);

        assertThat(first.item()).isCloseTo(27.0, within(1e-12));
        assertThat(second.item()).isCloseTo(18.0, within(1e-12));
        assertThat(third.item()).isCloseTo(6.0, within(1e-12));
        assertThat(third.requiresGrad()).as("no createGraph: a plain value").isFalse();
        assertThat(x.grad()).as("Autograd.grad writes no .grad").isNull();
    }

    @Test
    void gradientWithoutCreateGraphHasNoGraph() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
        x.pow(3.0).sum().backward();

        assertThat(x.grad().requiresGrad()).isFalse();
        assertThat(x.grad().gradFn()).isNull();
    }

    // ------------------------------------------------------------------ Hessian-vector product

    /**
     * {@code f(x) = ½ xᵀAx + Σ tanh(x)} with a non-symmetric {@code A}: {@code ∇f = ½(A + Aᵀ)x + 1 − tanh²x}
     * and {@code H v = ½(A + Aᵀ)v − 2 tanh(x)(1 − tanh²x) ⊙ v}.
     */
    @Test
    void hessianVectorProductMatchesClosedForm() {
        int n = 5;
        Random rng = new Random(7);
        Tensor a = Tensor.randn(rng, n, n);
        Tensor x = Tensor.randn(rng, n).requiresGrad(true);
        Tensor v = Tensor.randn(rng, n);

        Tensor f = x.matmul(a.matmul(x)).mul(0.5).add(x.tanh().sum());
        Tensor grad = Autograd.grad(f, List.of(x), true).get(0);
        Tensor hv = Autograd.grad(grad.mul(v).sum(), List.of(x), false).get(0);

        double[][] am = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                am[i][j] = a.getDouble(i, j);
            }
        }
        for (int i = 0; i < n; i++) {
            double xi = x.getDouble(i);
            double th = Math.tanh(xi);
            double g = 1 - th * th;
            double h = -2 * th * (1 - th * th) * v.getDouble(i);
            for (int j = 0; j < n; j++) {
                double sym = 0.5 * (am[i][j] + am[j][i]);
                g += sym * x.getDouble(j);
                h += sym * v.getDouble(j);
            }
            assertThat(grad.getDouble(i)).as("gradient %d", i).isCloseTo(g, within(1e-12));
            assertThat(hv.getDouble(i)).as("Hessian-vector product %d", i).isCloseTo(h, within(1e-12));
        }
    }

    @Test
    void fullHessianOfAQuadraticIsSymmetricPart() {
        Tensor a = Tensor.of(new double[][] {{2, 1}, {3, 4}});
        Tensor x = Tensor.of(0.7, -1.1).requiresGrad(true);
        Tensor f = x.matmul(a).matmul(x); // xᵀAx: Hessian A + Aᵀ

        Tensor grad = Autograd.grad(f, List.of(x), true).get(0);
        Tensor row0 = Autograd.grad(grad.get(0), List.of(x), true).get(0);
        Tensor row1 = Autograd.grad(grad.get(1), List.of(x), false).get(0);

        assertThat(row0.toArray()).containsExactly(new double[] {4, 4}, within(1e-12));
        assertThat(row1.toArray()).containsExactly(new double[] {4, 8}, within(1e-12));
    }

    // ------------------------------------------------------------------ second-order checks

    static Stream<OpCases.Case> secondOrder() {
        return OpCases.secondOrder().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secondOrder")
    void secondDerivativeMatchesCentralDifferencesOfTheGradient(OpCases.Case c) {
        GradCheck.secondOrder(c.name(), c.f(), c.inputs(), c.name().hashCode());
    }

    @Test
    void secondOrderCheckerRejectsAWrongSecondDerivative() {
        // x·stopgrad(x)·x: right value, first gradient wrong where it matters for the second order
        assertThatThrownBy(() -> GradCheck.secondOrder("wrong second derivative",
                        t -> t.get(0).mul(t.get(0)).mul(t.get(0).detach()), List.of(Tensor.of(0.4, 1.3)), 3))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("second order");
    }

    // ------------------------------------------------------------------ Autograd.grad contract

    @Test
    void autogradGradWritesNoGradAnywhere() {
        Tensor a = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor b = Tensor.of(3.0, 4.0).requiresGrad(true);
        Tensor c = a.mul(b);
        Tensor out = c.sum();

        List<Tensor> grads = Autograd.grad(out, List.of(a, b), false);

        assertThat(grads.get(0).toArray()).containsExactly(3.0, 4.0);
        assertThat(grads.get(1).toArray()).containsExactly(1.0, 2.0);
        assertThat(a.grad()).isNull();
        assertThat(b.grad()).isNull();
        assertThat(c.grad()).isNull();
        assertThat(out.grad()).isNull();
    }

    @Test
    void autogradGradGivesZerosOfTheInputShapeForAnUnusedInput() {
        Tensor a = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor unused = Tensor.zeros(2, 3).add(5.0).requiresGrad(true);
        Tensor out = a.exp().sum();

        List<Tensor> grads = Autograd.grad(out, List.of(a, unused), false);

        assertThat(grads.get(0).toArray()).containsExactly(new double[] {Math.exp(1), Math.exp(2)}, within(1e-15));
        assertThat(grads.get(1).shape()).isEqualTo(Shape.of(2, 3));
        assertThat(grads.get(1).toArray()).containsOnly(0.0);
        assertThat(unused.grad()).isNull();
    }

    @Test
    void autogradGradWorksForIntermediateInputs() {
        Tensor a = Tensor.of(1.0, 2.0, 3.0).requiresGrad(true);
        Tensor c = a.mul(2.0);            // intermediate
        Tensor d = c.pow(2.0).add(c);     // d = c² + c, c reached by two paths
        Tensor out = d.sum();

        List<Tensor> grads = Autograd.grad(out, List.of(c, a), false);

        assertThat(grads.get(0).toArray()).containsExactly(5.0, 9.0, 13.0);   // 2c + 1
        assertThat(grads.get(1).toArray()).containsExactly(10.0, 18.0, 26.0); // (2c + 1)·2
        assertThat(c.grad()).isNull();
    }

    @Test
    void autogradGradFreesTheGraphWithoutCreateGraph() {
        Tensor a = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor out = a.mul(a).sum();

        Autograd.grad(out, List.of(a), false);

        assertThatThrownBy(out::backward)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("retainGraph");
    }

    @Test
    void autogradGradRetainsTheGraphWithCreateGraph() {
        Tensor a = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor out = a.mul(a).sum();

        Tensor g = Autograd.grad(out, List.of(a), true).get(0);
        out.backward();

        assertThat(g.toArray()).containsExactly(2.0, 4.0);
        assertThat(a.grad().toArray()).containsExactly(2.0, 4.0);
    }

    @Test
    void autogradGradRejectsAMultiElementOutput() {
        Tensor a = Tensor.of(1.0, 2.0).requiresGrad(true);

        assertThatThrownBy(() -> Autograd.grad(a.mul(2.0), List.of(a), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Autograd.grad")
                .hasMessageContaining("(2,)");
    }

    @Test
    void gradientsOfGradientsAccumulateIntoLeavesWithCreateGraph() {
        // backward(createGraph) twice accumulates graph-carrying gradients, still differentiable
        Tensor x = Tensor.scalar(2.0).requiresGrad(true);
        Tensor y = x.pow(3.0);
        y.backward(Tensor.scalar(1.0), true, true);
        y.backward(Tensor.scalar(1.0), true, true);
        Tensor g = x.grad(); // 2·3x² = 24

        assertThat(g.item()).isEqualTo(24.0);
        Tensor gg = Autograd.grad(g, List.of(x), false).get(0); // 2·6x = 24
        assertThat(gg.item()).isCloseTo(24.0, within(1e-12));
    }
}
