package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.UnaryOp;

/**
 * {@code out = ⌊a⌋}, the largest integer ≤ {@code a}; floating keeps its dtype, int64 is returned
 * unchanged. Backward: {@code ∂a = 0} (the function is piecewise constant; PyTorch passes zeros too).
 */
public final class Floor extends GradFn {

    private Floor() {
    }

    /**
     * {@return {@code a} element-wise rounded down, in {@code a}'s dtype}
     *
     * @param a the input tensor
     * @throws IllegalArgumentException if {@code a} is bool (as PyTorch)
     */
    public static Tensor apply(Tensor a) {
        Types.notBool("floor", a, "convert it with to(DType.INT64) or to(DType.FLOAT64) first");
        return new Floor().record(Elementwise.unary(UnaryOp.FLOOR, a.array()), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {constant(NDArray.zeros(g.dtype(), g.shape()))};
    }
}
