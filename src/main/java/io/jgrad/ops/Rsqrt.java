package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.UnaryOp;

/** {@code out = 1/√a}. Backward: {@code ∂a = −½·g·out³}. An int64 or bool input computes in float64. */
public final class Rsqrt extends GradFn {

    private Rsqrt() {
    }

    /**
     * {@return {@code 1/√a} element-wise (∞ at 0, NaN for negative values)}
     *
     * @param a the input tensor
     */
    public static Tensor apply(Tensor a) {
        Rsqrt op = new Rsqrt();
        Tensor out = op.record(Elementwise.unary(UnaryOp.RSQRT, Types.floating(a)), a);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {g.mul(saved(0).pow(3.0)).mul(-0.5)};
    }
}
