package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.UnaryOp;

/** {@code out = √a}. Backward: {@code ∂a = g / (2·out)}. An int64 or bool input computes in float64. */
public final class Sqrt extends GradFn {

    private Sqrt() {
    }

    /**
     * {@return {@code √a} element-wise (NaN for negative values)}
     *
     * @param a the input tensor
     */
    public static Tensor apply(Tensor a) {
        Sqrt op = new Sqrt();
        Tensor out = op.record(Elementwise.unary(UnaryOp.SQRT, Types.floating(a)), a);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {g.div(saved(0).mul(2.0))};
    }
}
