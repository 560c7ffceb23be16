package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.UnaryOp;

/** {@code out = 1/a}. Backward: {@code ∂a = −g·out²}. An int64 or bool input computes in float64. */
public final class Reciprocal extends GradFn {

    private Reciprocal() {
    }

    /**
     * {@return {@code 1/a} element-wise (±∞ at ±0)}
     *
     * @param a the input tensor
     */
    public static Tensor apply(Tensor a) {
        Reciprocal op = new Reciprocal();
        Tensor out = op.record(Elementwise.unary(UnaryOp.RECIPROCAL, Types.floating(a)), a);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor out = saved(0);
        return new Tensor[] {g.mul(out.mul(out).neg())};
    }
}
