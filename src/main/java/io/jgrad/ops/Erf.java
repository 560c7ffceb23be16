package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.UnaryOp;

/**
 * {@code out = erf a = (2/√π) ∫₀ᵃ e^(−t²) dt} (fdlibm's algorithm, within one ulp). Backward:
 * {@code ∂a = g·(2/√π)·e^(−a²)}. An int64 or bool input computes in float64.
 */
public final class Erf extends GradFn {

    private Erf() {
    }

    /** {@code 2/√π}. */
    static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    /**
     * {@return the error function element-wise}
     *
     * @param a the input tensor
     */
    public static Tensor apply(Tensor a) {
        return new Erf().record(Elementwise.unary(UnaryOp.ERF, Types.floating(a)), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor a = input(0);
        return new Tensor[] {g.mul(a.mul(a).neg().exp().mul(TWO_OVER_SQRT_PI))};
    }
}
