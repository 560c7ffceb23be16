package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.UnaryOp;

/** {@code out = |a|} (floating or int64). Backward: {@code ∂a = g·sign(a)} (0 at a = 0, as PyTorch). */
public final class Abs extends GradFn {

    private Abs() {
    }

    /**
     * {@return {@code |a|} element-wise}
     *
     * @param a the input tensor
     * @throws IllegalArgumentException if {@code a} is bool
     */
    public static Tensor apply(Tensor a) {
        Types.notBool("abs", a, "a bool tensor is its own absolute value");
        return new Abs().record(Elementwise.unary(UnaryOp.ABS, a.array()), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {g.mul(constant(Elementwise.unary(UnaryOp.SIGN, input(0).array())))};
    }
}
