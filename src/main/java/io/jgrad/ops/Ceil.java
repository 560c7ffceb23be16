package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.UnaryOp;

/**
 * {@code out = ⌈a⌉}, the smallest integer ≥ {@code a}; floating keeps its dtype, int64 is returned
 * unchanged. Backward: {@code ∂a = 0} (the function is piecewise constant; PyTorch passes zeros too).
 */
public final class Ceil extends GradFn {

    private Ceil() {
    }

    /**
     * {@return {@code a} element-wise rounded up, in {@code a}'s dtype}
     *
     * @param a the input tensor
     * @throws IllegalArgumentException if {@code a} is bool (as PyTorch)
     */
    public static Tensor apply(Tensor a) {
        Types.notBool("ceil", a, "convert it with to(DType.INT64) or to(DType.FLOAT64) first");
        return new Ceil().record(Elementwise.unary(UnaryOp.CEIL, a.array()), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {constant(NDArray.zeros(g.dtype(), g.shape()))};
    }
}
