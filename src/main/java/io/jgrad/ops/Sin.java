package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.UnaryOp;

/** {@code out = sin a}. Backward: {@code ∂a = g·cos a}. An int64 or bool input computes in float64. */
public final class Sin extends GradFn {

    private Sin() {
    }

    /**
     * {@return {@code sin a} element-wise}
     *
     * @param a the input tensor
     */
    public static Tensor apply(Tensor a) {
        return new Sin().record(Elementwise.unary(UnaryOp.SIN, Types.floating(a)), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {g.mul(input(0).cos())};
    }
}
