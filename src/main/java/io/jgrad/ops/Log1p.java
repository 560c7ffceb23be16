package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.UnaryOp;

/** {@code out = ln(1 + a)}, accurate for small |a|. Backward: {@code ∂a = g / (1 + a)}. An int64 or bool input computes in float64. */
public final class Log1p extends GradFn {

    private Log1p() {
    }

    /**
     * {@return {@code ln(1 + a)} element-wise (−∞ at −1, NaN below)}
     *
     * @param a the input tensor
     */
    public static Tensor apply(Tensor a) {
        return new Log1p().record(Elementwise.unary(UnaryOp.LOG1P, Types.floating(a)), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {g.div(input(0).add(1.0))};
    }
}
