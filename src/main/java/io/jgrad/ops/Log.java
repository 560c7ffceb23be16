package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.UnaryOp;

/** {@code out = ln a}. Backward: {@code ∂a = g / a}. An int64 or bool input computes in float64. */
public final class Log extends GradFn {

    private Log() {
    }

    /**
     * {@return {@code ln a} (NaN for negative, -∞ for 0, as IEEE)}
     *
     * @param a the input tensor
     */
    public static Tensor apply(Tensor a) {
        return new Log().record(Elementwise.unary(UnaryOp.LOG, Types.floating(a)), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {g.div(input(0))};
    }
}
