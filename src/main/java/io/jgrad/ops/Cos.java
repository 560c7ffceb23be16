package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.UnaryOp;

/** {@code out = cos a}. Backward: {@code ∂a = −g·sin a}. An int64 or bool input computes in float64. */
public final class Cos extends GradFn {

    private Cos() {
    }

    /**
     * {@return {@code cos a} element-wise}
     *
     * @param a the input tensor
     */
    public static Tensor apply(Tensor a) {
        return new Cos().record(Elementwise.unary(UnaryOp.COS, Types.floating(a)), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {g.mul(input(0).sin().neg())};
    }
}
