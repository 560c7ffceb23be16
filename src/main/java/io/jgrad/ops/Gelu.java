package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.BinaryOp;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.UnaryOp;

/**
 * GELU, PyTorch's {@code gelu} (one node, {@code GeluBackward0}, for both forms); an int64 or bool
 * input computes in float64.
 * <ul>
 *   <li>exact: {@code out = a·Φ(a)}, {@code Φ(a) = ½(1 + erf(a/√2))}. Backward:
 *       {@code ∂a = g·(Φ(a) + a·φ(a))}, {@code φ(a) = e^(−a²/2)/√(2π)};</li>
 *   <li>tanh approximation: {@code out = ½a(1 + t)}, {@code t = tanh(β(a + κa³))}, {@code β = √(2/π)},
 *       {@code κ = 0.044715}. Backward: {@code ∂a = g·(½(1 + t) + ½a(1 − t²)·β(1 + 3κa²))}.</li>
 * </ul>
 * Both backwards are PyTorch's formulas, written with tensor operations; the exact one runs as one
 * kernel ({@code BinaryOp.GELU_BACKWARD}) when no graph of the backward is recorded (float64: the
 * same bits; float32: computed in double precision and rounded once).
 */
public final class Gelu extends GradFn {

    private static final double SQRT1_2 = 0.7071067811865476;
    private static final double INV_SQRT_2PI = 0.3989422804014327; // PyTorch's M_2_SQRTPI·M_SQRT1_2·0.5
    private static final double BETA = 1.4142135623730951 * 1.1283791670955126 * 0.5; // √2·(2/√π)·½ = √(2/π)
    private static final double KAPPA = 0.044715;

    private final boolean tanh;

    private Gelu(boolean tanh) {
        this.tanh = tanh;
    }

    /**
     * {@return GELU element-wise}
     *
     * @param a the input tensor
     * @param tanh the tanh approximation instead of the exact form
     */
    public static Tensor apply(Tensor a, boolean tanh) {
        UnaryOp op = tanh ? UnaryOp.GELU_TANH : UnaryOp.GELU;
        return new Gelu(tanh).record(Elementwise.unary(op, Types.floating(a)), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor a = input(0);
        if (!tanh && !createGraph && g.shape().equals(a.shape()) && g.dtype() == a.dtype()) {
            return new Tensor[] {constant(Elementwise.binary(BinaryOp.GELU_BACKWARD, g.array(), a.array(), g.shape()))};
        }
        if (!tanh) {
            Tensor cdf = a.mul(SQRT1_2).erf().add(1.0).mul(0.5);
            Tensor pdf = a.mul(a).mul(-0.5).exp().mul(INV_SQRT_2PI);
            return new Tensor[] {g.mul(cdf.add(a.mul(pdf)))};
        }
        Tensor square = a.mul(a);
        Tensor t = a.add(square.mul(a).mul(KAPPA)).mul(BETA).tanh();
        Tensor left = t.add(1.0).mul(0.5);
        Tensor right = a.mul(0.5).mul(t.mul(t).neg().add(1.0)).mul(square.mul(3 * KAPPA).add(1.0).mul(BETA));
        return new Tensor[] {g.mul(left.add(right))};
    }
}
