package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.UnaryOp;

/** {@code out = -a} (floating or int64). Backward: {@code ∂a = -g}. */
public final class Neg extends GradFn {

    private Neg() {
    }

    /**
     * {@return {@code -a}}
     *
     * @param a the input tensor
     * @throws IllegalArgumentException if {@code a} is bool
     */
    public static Tensor apply(Tensor a) {
        Types.notBool("neg", a, "to invert a mask use logicalNot()");
        return new Neg().record(Elementwise.unary(UnaryOp.NEG, a.array()), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {g.neg()};
    }
}
