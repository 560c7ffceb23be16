package io.jgrad.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.nn.CrossEntropyLoss;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fused kernels of the first-order backward pass: ReLU's forward and backward loops, and the
 * one-pass backward of ReLU and cross-entropy taken when grad mode is off. Each must give the very
 * bits of the differentiable path it replaces (taken with {@code createGraph}), including the
 * signed zeros and NaNs of {@code g·0}.
 */
class FusedBackwardTest {

    private static final double[] SPECIAL = {
        0.0, -0.0, 1.5, -2.25, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
    };

    @Test
    void reluKernelsMatchTheirDefinitions() {
        double[] x = SPECIAL;
        NDArray in = new NDArray(x.clone(), Shape.of(x.length));
        double[] relu = Elementwise.unary(UnaryOp.RELU, in).data();
        double[] mask = Elementwise.unary(UnaryOp.POSITIVE_MASK, in).data();
        for (int i = 0; i < x.length; i++) {
            // NaN stays NaN (PyTorch's relu, NumPy's maximum); -0 becomes +0 (NumPy's maximum)
            double expectedRelu = Double.isNaN(x[i]) ? Double.NaN : x[i] > 0 ? x[i] : 0.0;
            double expectedMask = Double.isNaN(x[i]) ? Double.NaN : x[i] > 0 ? 1.0 : 0.0;
            assertThat(Double.doubleToRawLongBits(relu[i])).as("relu(%s)", x[i])
                    .isEqualTo(Double.doubleToRawLongBits(expectedRelu));
            assertThat(Double.doubleToRawLongBits(mask[i])).as("mask(%s)", x[i])
                    .isEqualTo(Double.doubleToRawLongBits(expectedMask));
        }
        // each positive double, however small, has mask 1; each negative one 0
        double[] edges = {Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 0.5, 1.0, 2.0, 1e300, Double.MAX_VALUE};
        double[] edgeMask = Elementwise.unary(UnaryOp.POSITIVE_MASK, new NDArray(edges.clone(), Shape.of(edges.length))).data();
        double[] negated = new double[edges.length];
        for (int i = 0; i < edges.length; i++) {
            negated[i] = -edges[i];
        }
        double[] negMask = Elementwise.unary(UnaryOp.POSITIVE_MASK, new NDArray(negated, Shape.of(edges.length))).data();
        for (int i = 0; i < edges.length; i++) {
            assertThat(edgeMask[i]).as("mask(%s)", edges[i]).isEqualTo(1.0);
            assertThat(Double.doubleToRawLongBits(negMask[i])).as("mask(%s)", negated[i]).isZero();
        }
        // every gradient value against every output value, bit for bit g·mask
        int n = SPECIAL.length;
        double[] g = new double[n * n];
        double[] y = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                g[i * n + j] = SPECIAL[i];
                y[i * n + j] = SPECIAL[j];
            }
        }
        double[] fused = Elementwise.binary(BinaryOp.RELU_BACKWARD, new NDArray(g, Shape.of(n, n)),
                new NDArray(y, Shape.of(n, n)), Shape.of(n, n)).data();
        double[] viaMask = Elementwise.binary(BinaryOp.MUL, new NDArray(g, Shape.of(n, n)),
                Elementwise.unary(UnaryOp.POSITIVE_MASK, new NDArray(y, Shape.of(n, n))), Shape.of(n, n)).data();
        for (int i = 0; i < fused.length; i++) {
            assertThat(Double.doubleToRawLongBits(fused[i])).as("g=%s y=%s", g[i], y[i])
                    .isEqualTo(Double.doubleToRawLongBits(viaMask[i]));
        }
    }

    @Test
    void reluAndCrossEntropyBackwardGiveTheSameBitsWithAndWithoutCreateGraph() {
        Random r = new Random(7);
        Tensor x = Tensor.randn(r, 9, 13);
        Tensor w = Tensor.randn(r, 13, 5).requiresGrad(true);
        int[] targets = {0, 4, 2, 2, 1, 3, 0, 4, 1};
        CrossEntropyLoss loss = new CrossEntropyLoss();

        loss.forward(x.matmul(w).relu().mul(3.0), targets).backward();
        double[] fused = w.grad().toArray();
        w.zeroGrad();
        loss.forward(x.matmul(w).relu().mul(3.0), targets).backward(Tensor.of(1.0).reshape(), false, true);
        double[] recorded = w.grad().toArray();
        assertThat(w.grad().requiresGrad()).as("the createGraph pass recorded its gradient").isTrue();

        assertThat(fused).hasSize(recorded.length);
        for (int i = 0; i < fused.length; i++) {
            assertThat(Double.doubleToRawLongBits(fused[i])).as("element %d", i)
                    .isEqualTo(Double.doubleToRawLongBits(recorded[i]));
        }
        assertThat(java.util.Arrays.stream(fused).filter(v -> v != 0).count()).as("gradient flows through the ReLU")
                .isGreaterThan(0);
    }

    /**
     * Exact GELU's first-order backward in float64 is one kernel ({@code BinaryOp.GELU_BACKWARD}); it
     * must give the bits of the tensor formula that {@code createGraph} builds, on special values, the
     * edges of erfc's pieces and a spread of ordinary ones (at every position of a vector and its tail).
     */
    @Test
    void geluBackwardKernelMatchesTheTensorFormulaInFloat64() {
        Random rng = new Random(11);
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
            40, -40, 1e10, -1e10, 0.84375, -0.84375, 1.25, -1.25, 2.857, -2.857, 6, -6, 8.49, -8.49, 1e-30, -1e-30};
        double[] x = new double[special.length + 1000];
        System.arraycopy(special, 0, x, 0, special.length);
        for (int i = special.length; i < x.length; i++) {
            x[i] = rng.nextGaussian() * (i % 3 == 0 ? 4 : 1);
        }
        double[] g = new double[x.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = i % 7 == 0 ? -1.5 : rng.nextGaussian();
        }
        double[][] grads = new double[2][];
        for (int pass = 0; pass < 2; pass++) {
            Tensor in = Tensor.fromArray(x.clone(), x.length).requiresGrad(true);
            in.gelu().backward(Tensor.fromArray(g.clone(), g.length), false, pass == 1);
            grads[pass] = in.grad().toArray();
        }
        for (int i = 0; i < x.length; i++) {
            assertThat(Double.doubleToRawLongBits(grads[0][i])).as("gelu'(%s) * %s", x[i], g[i])
                    .isEqualTo(Double.doubleToRawLongBits(grads[1][i]));
        }
    }
}
