package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.UnaryOp;

/** {@code out = e^a}. Backward: {@code ∂a = g·out}. An int64 or bool input computes in float64. */
public final class Exp extends GradFn {

    private Exp() {
    }

    /**
     * {@return {@code e^a}}
     *
     * @param a the input tensor
     */
    public static Tensor apply(Tensor a) {
        Exp op = new Exp();
        Tensor out = op.record(Elementwise.unary(UnaryOp.EXP, Types.floating(a)), a);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {g.mul(saved(0))};
    }
}
