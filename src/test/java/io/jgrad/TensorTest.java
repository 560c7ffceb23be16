package io.jgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The {@link Tensor} facade: creation, flags, reading values, {@code toString}, and that each
 * method records the node the API names without touching its operands.
 */
class TensorTest {

    // ------------------------------------------------------------------ creation

    @Test
    void scalarIsZeroDimensional() {
        Tensor s = Tensor.scalar(2.5);

        assertThat(s.shape()).isEqualTo(Shape.of());
        assertThat(s.dim()).isZero();
        assertThat(s.numel()).isEqualTo(1);
        assertThat(s.item()).isEqualTo(2.5);
        assertThat(s.getDouble()).isEqualTo(2.5);
    }

    @Test
    void ofCopiesItsInput() {
        double[] v = {1, 2, 3};
        double[][] rows = {{1, 2}, {3, 4}, {5, 6}};
        double[][][] blocks = {{{1, 2}}, {{3, 4}}};
        Tensor t1 = Tensor.of(v);
        Tensor t2 = Tensor.of(rows);
        Tensor t3 = Tensor.of(blocks);
        v[0] = 99;
        rows[0][0] = 99;
        blocks[0][0][0] = 99;

        assertThat(t1.shape()).isEqualTo(Shape.of(3));
        assertThat(t1.toArray()).containsExactly(1, 2, 3);
        assertThat(t2.shape()).isEqualTo(Shape.of(3, 2));
        assertThat(t2.toArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(t3.shape()).isEqualTo(Shape.of(2, 1, 2));
        assertThat(t3.toArray()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void fromArrayIsRowMajorAndCopies() {
        double[] d = {0, 1, 2, 3, 4, 5};
        Tensor t = Tensor.fromArray(d, 2, 3);
        d[5] = -1;

        assertThat(t.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(t.getDouble(1, 2)).isEqualTo(5);
        assertThat(t.getDouble(0, 1)).isEqualTo(1);
        assertThat(Tensor.fromArray(new double[] {7}).shape()).isEqualTo(Shape.of());
        assertThat(Tensor.fromArray(new double[0], 0, 4).shape()).isEqualTo(Shape.of(0, 4));
    }

    @Test
    void zerosOnesFullArangeEye() {
        assertThat(Tensor.zeros(2, 3).toArray()).containsExactly(0, 0, 0, 0, 0, 0);
        assertThat(Tensor.ones(2).toArray()).containsExactly(1, 1);
        assertThat(Tensor.full(-1.5, 1, 2).toArray()).containsExactly(-1.5, -1.5);
        assertThat(Tensor.full(-1.5, 1, 2).shape()).isEqualTo(Shape.of(1, 2));
        assertThat(Tensor.zeros().shape()).isEqualTo(Shape.of());
        assertThat(Tensor.arange(4).toArray()).containsExactly(0, 1, 2, 3);
        assertThat(Tensor.arange(4).shape()).isEqualTo(Shape.of(4));
        assertThat(Tensor.arange(0).shape()).isEqualTo(Shape.of(0));
        assertThat(Tensor.eye(3).toArray()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThat(Tensor.eye(0).shape()).isEqualTo(Shape.of(0, 0));
    }

    @Test
    void randAndRandnFollowTheGivenGenerator() {
        Tensor r = Tensor.rand(new Random(5), 100, 10);
        Random check = new Random(5);

        assertThat(r.getDouble(0, 0)).isEqualTo(check.nextDouble());
        assertThat(java.util.Arrays.stream(r.toArray()).min().orElseThrow()).isGreaterThanOrEqualTo(0);
        assertThat(java.util.Arrays.stream(r.toArray()).max().orElseThrow()).isLessThan(1);
        assertThat(Tensor.randn(new Random(6), 3).toArray())
                .containsExactly(Tensor.randn(new Random(6), 3).toArray());
        double[] n = Tensor.randn(new Random(7), 10_000).toArray();
        double mean = java.util.Arrays.stream(n).average().orElseThrow();
        double var = java.util.Arrays.stream(n).map(v -> (v - mean) * (v - mean)).sum() / n.length;
        assertThat(mean).isCloseTo(0, within(0.05));
        assertThat(var).isCloseTo(1, within(0.05));
    }

    // ------------------------------------------------------------------ reading values

    @Test
    void toArrayIsACopy() {
        Tensor t = Tensor.of(1, 2);
        double[] a = t.toArray();
        a[0] = 42;

        assertThat(t.toArray()).containsExactly(1, 2);
    }

    @Test
    void getDoubleAcceptsNegativeIndices() {
        Tensor t = Tensor.fromArray(new double[] {0, 1, 2, 3, 4, 5}, 2, 3);

        assertThat(t.getDouble(-1, -1)).isEqualTo(5);
        assertThat(t.getDouble(-2, 1)).isEqualTo(1);
        assertThat(t.getDouble(1, -3)).isEqualTo(3);
        assertThat(Tensor.of(7, 8, 9).getDouble(-3)).isEqualTo(7);
    }

    @Test
    void getAcceptsNegativeIndicesAndReturnsTheTrailingBlock() {
        Tensor t = Tensor.arange(24).reshape(2, 3, 4);

        assertThat(t.get(-1).shape()).isEqualTo(Shape.of(3, 4));
        assertThat(t.get(-1, -2).toArray()).containsExactly(16, 17, 18, 19);
        assertThat(t.get(1, 2, 3).shape()).isEqualTo(Shape.of());
        assertThat(t.get(1, 2, 3).item()).isEqualTo(23);
    }

    @Test
    void shapeDimNumel() {
        Tensor t = Tensor.zeros(2, 3, 4);

        assertThat(t.shape()).isEqualTo(Shape.of(2, 3, 4));
        assertThat(t.dim()).isEqualTo(3);
        assertThat(t.numel()).isEqualTo(24);
    }

    // ------------------------------------------------------------------ movement shortcuts

    @Test
    void tOfA0dOr1dTensorIsTheSameTensor() {
        Tensor s = Tensor.scalar(1).requiresGrad(true);
        Tensor v = Tensor.of(1, 2, 3).requiresGrad(true);

        assertThat(s.t()).isSameAs(s);
        assertThat(v.t()).isSameAs(v);
    }

    @Test
    void tOfA2dTensorTransposes() {
        Tensor m = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});

        assertThat(m.t().shape()).isEqualTo(Shape.of(3, 2));
        assertThat(m.t().toArray()).containsExactly(1, 4, 2, 5, 3, 6);
    }

    @Test
    void reshapeInfersOneSize() {
        Tensor t = Tensor.arange(6);

        assertThat(t.reshape(-1, 2).shape()).isEqualTo(Shape.of(3, 2));
        assertThat(t.reshape(2, -1).shape()).isEqualTo(Shape.of(2, 3));
        assertThat(t.reshape(1, 6).toArray()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void detachSharesValuesWithoutTheGraph() {
        Tensor a = Tensor.of(1, 2).requiresGrad(true);
        Tensor d = a.mul(2.0).detach();

        assertThat(d.toArray()).containsExactly(2, 4);
        assertThat(d.requiresGrad()).isFalse();
        assertThat(d.gradFn()).isNull();
    }

    // ------------------------------------------------------------------ flags

    @Test
    void requiresGradDefaultsToFalseAndReturnsThis() {
        Tensor t = Tensor.zeros(2);

        assertThat(t.requiresGrad()).isFalse();
        assertThat(t.requiresGrad(true)).isSameAs(t);
        assertThat(t.requiresGrad()).isTrue();
        t.requiresGrad(false);
        assertThat(t.requiresGrad()).isFalse();
        assertThat(t.isLeaf()).isTrue();
        assertThat(t.grad()).isNull();
    }

    @Test
    void zeroGradResetsToNull() {
        Tensor a = Tensor.of(1, 2).requiresGrad(true);
        a.mul(a).sum().backward();
        assertThat(a.grad()).isNotNull();

        a.zeroGrad();

        assertThat(a.grad()).isNull();
    }

    // ------------------------------------------------------------------ toString

    @Test
    void toStringPrintsValuesNumpyStyleWithSuffixes() {
        Tensor a = Tensor.scalar(1).requiresGrad(true);
        Tensor b = Tensor.scalar(2).requiresGrad(true);

        assertThat(Tensor.of(1, 2)).hasToString("[1. 2.]");
        assertThat(Tensor.scalar(3)).hasToString("3.0");
        assertThat(Tensor.of(new double[][] {{1, 2}, {3, 4}})).hasToString("[[1. 2.]\n [3. 4.]]");
        assertThat(a).hasToString("1.0 requiresGrad=true");
        assertThat(a.add(b)).hasToString("3.0 gradFn=Add");
        assertThat(Tensor.of(0.5, -1).requiresGrad(true).mul(2.0)).hasToString("[ 1. -2.] gradFn=Mul");
        assertThat(Tensor.zeros(0, 3)).hasToString("[]");
    }

    // ------------------------------------------------------------------ recorded nodes

    @Test
    void everyMethodRecordsTheNamedNode() {
        Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true);
        Tensor y = Tensor.of(new double[][] {{0.5, 1}, {2, 3}}).requiresGrad(true);
        Map<String, Supplier<Tensor>> calls = new java.util.LinkedHashMap<>();
        calls.put("Add", () -> x.add(y));
        calls.put("Add ", () -> x.add(2.0));
        calls.put("Sub", () -> x.sub(y));
        calls.put("Sub ", () -> x.sub(2.0));
        calls.put("Mul", () -> x.mul(y));
        calls.put("Mul ", () -> x.mul(2.0));
        calls.put("Div", () -> x.div(y));
        calls.put("Div ", () -> x.div(2.0));
        calls.put("Pow", () -> x.pow(y));
        calls.put("Pow ", () -> x.pow(2.0));
        calls.put("Neg", x::neg);
        calls.put("Exp", x::exp);
        calls.put("Log", x::log);
        calls.put("ReLU", x::relu);
        calls.put("Tanh", x::tanh);
        calls.put("Sigmoid", x::sigmoid);
        calls.put("Sqrt", x::sqrt);
        calls.put("Abs", x::abs);
        calls.put("MatMul", () -> x.matmul(y));
        calls.put("Sum", x::sum);
        calls.put("Sum ", () -> x.sum(0));
        calls.put("Sum  ", () -> x.sum(0, true));
        calls.put("Mean", x::mean);
        calls.put("Mean ", () -> x.mean(1));
        calls.put("Mean  ", () -> x.mean(1, true));
        calls.put("Max", x::max);
        calls.put("Max ", () -> x.max(1));
        calls.put("Index", () -> x.get(0, 1));
        calls.put("Reshape", () -> x.reshape(4));
        calls.put("Transpose", () -> x.transpose(0, 1));
        calls.put("Transpose ", x::t);
        calls.put("Expand", () -> x.expand(3, 2, 2));
        calls.put("Softmax", () -> x.softmax(1));
        calls.put("LogSoftmax", () -> x.logSoftmax(1));

        for (Map.Entry<String, Supplier<Tensor>> e : calls.entrySet()) {
            double[] before = x.toArray();
            Tensor r = e.getValue().get();
            assertThat(r.gradFn()).as(e.getKey()).isNotNull();
            assertThat(r.gradFn().name()).isEqualTo(e.getKey().trim());
            assertThat(r.gradFn()).hasToString(e.getKey().trim());
            assertThat(r.requiresGrad()).isTrue();
            assertThat(r.isLeaf()).isFalse();
            assertThat(x.toArray()).as("%s leaves its operand unchanged", e.getKey()).containsExactly(before);
        }
        assertThat(y.toArray()).containsExactly(0.5, 1, 2, 3);
    }

    @Test
    void onlyOneOperandNeedsToRequireGrad() {
        Tensor a = Tensor.of(1, 2);
        Tensor b = Tensor.of(3, 4).requiresGrad(true);
        Tensor c = a.mul(b);

        assertThat(c.requiresGrad()).isTrue();
        c.sum().backward();
        assertThat(b.grad().toArray()).containsExactly(1, 2);
        assertThat(a.grad()).isNull();
    }

    @Test
    void zeroDimensionalTensorsTakeDimZeroOrMinusOneAsPyTorch() {
        Tensor x = Tensor.scalar(3.0).requiresGrad(true);

        assertThat(x.sum(0).item()).isEqualTo(3.0);
        assertThat(x.sum(-1, true).shape()).isEqualTo(Shape.of());
        assertThat(x.mean(0).item()).isEqualTo(3.0);
        assertThat(x.max(-1).item()).isEqualTo(3.0);
        assertThat(x.softmax(0).item()).isEqualTo(1.0);
        assertThat(x.logSoftmax(-1).item()).isEqualTo(0.0);
        assertThat(x.transpose(0, -1).item()).isEqualTo(3.0);

        x.sum(0).mul(2.0).add(x.max(0)).backward();
        assertThat(x.grad().item()).isEqualTo(3.0);
        assertThat(x.grad().shape()).isEqualTo(Shape.of());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> x.sum(1))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("sum")
                .hasMessageContaining("()");
    }

    @Test
    void logSoftmaxKeepsItsPrecisionForLargeLogits() {
        Tensor x = Tensor.of(1e8, 1e8 + 1.0);
        double[] out = x.logSoftmax(0).toArray();
        double lse = Math.log(1 + Math.exp(-1.0)); // ln(e^0 + e^-1) relative to the max
        assertThat(out[1]).isEqualTo(-lse);
        assertThat(out[0]).isEqualTo(-1.0 - lse);
    }

    @Test
    void creationErrorsNameTheMethod() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Tensor.zeros(2, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Tensor.zeros:")
                .hasMessageContaining("(2, -1)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Tensor.arange(-3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Tensor.arange:");
    }
}
