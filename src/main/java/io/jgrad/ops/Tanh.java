package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.UnaryOp;

/** {@code out = tanh a}. Backward: {@code ∂a = g·(1 - out²)}. An int64 or bool input computes in float64. */
public final class Tanh extends GradFn {

    private Tanh() {
    }

    /**
     * {@return {@code tanh a} element-wise}
     *
     * @param a the input tensor
     */
    public static Tensor apply(Tensor a) {
        Tanh op = new Tanh();
        Tensor out = op.record(Elementwise.unary(UnaryOp.TANH, Types.floating(a)), a);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor out = saved(0);
        return new Tensor[] {g.mul(out.mul(out).neg().add(1.0))};
    }
}
