package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.UnaryOp;

/** {@code out = e^a − 1}, accurate for small |a|. Backward: {@code ∂a = g·(out + 1)}. An int64 or bool input computes in float64. */
public final class Expm1 extends GradFn {

    private Expm1() {
    }

    /**
     * {@return {@code e^a − 1} element-wise}
     *
     * @param a the input tensor
     */
    public static Tensor apply(Tensor a) {
        Expm1 op = new Expm1();
        Tensor out = op.record(Elementwise.unary(UnaryOp.EXPM1, Types.floating(a)), a);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {g.mul(saved(0).add(1.0))};
    }
}
