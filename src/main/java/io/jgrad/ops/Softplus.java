package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.CompareOp;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.UnaryOp;

/**
 * Softplus with PyTorch's defaults, β = 1 and threshold 20: {@code out = ln(1 + e^a)}, and
 * {@code out = a} where {@code a > 20} (there the two differ by less than {@code e^−20}). Backward:
 * {@code ∂a = g·σ(a)}, and {@code g} where {@code a > 20}, as PyTorch's {@code softplus_backward}
 * (whose derivative, {@code σ'(a)} below the threshold and 0 above it, the second order
 * reproduces). An int64 or bool input computes in float64.
 */
public final class Softplus extends GradFn {

    private Softplus() {
    }

    /** The threshold above which softplus is the identity. */
    static final double THRESHOLD = 20.0;

    /**
     * {@return softplus element-wise}
     *
     * @param a the input tensor
     */
    public static Tensor apply(Tensor a) {
        return new Softplus().record(Elementwise.unary(UnaryOp.SOFTPLUS, Types.floating(a)), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor a = input(0);
        NDArray above = Masks.where(CompareOp.GT, a.array(), THRESHOLD, g.dtype());
        // σ(a)·(1 − above) + above: exactly σ(a) below the threshold (NaN stays NaN), exactly 1 above
        Tensor slope = a.sigmoid().mul(constant(Masks.not(above))).add(constant(above));
        return new Tensor[] {g.mul(slope)};
    }
}
