package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.UnaryOp;

/** {@code out = 1 / (1 + e^-a)}. Backward: {@code ∂a = g·out·(1 - out)}. An int64 or bool input computes in float64. */
public final class Sigmoid extends GradFn {

    private Sigmoid() {
    }

    /**
     * {@return the logistic function element-wise, without overflow for large |a|}
     *
     * @param a the input tensor
     */
    public static Tensor apply(Tensor a) {
        Sigmoid op = new Sigmoid();
        Tensor out = op.record(Elementwise.unary(UnaryOp.SIGMOID, Types.floating(a)), a);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor out = saved(0);
        return new Tensor[] {g.mul(out.mul(out.neg().add(1.0)))};
    }
}
