package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.UnaryOp;

/**
 * {@code out = a} rounded to the nearest integer, halves to the even one (PyTorch's and NumPy's rule:
 * 0.5 → 0, 1.5 → 2, −2.5 → −2); floating keeps its dtype, int64 is returned unchanged. Backward:
 * {@code ∂a = 0} (the function is piecewise constant; PyTorch passes zeros too).
 */
public final class Round extends GradFn {

    private Round() {
    }

    /**
     * {@return {@code a} element-wise rounded half to even, in {@code a}'s dtype}
     *
     * @param a the input tensor
     * @throws IllegalArgumentException if {@code a} is bool (as PyTorch)
     */
    public static Tensor apply(Tensor a) {
        Types.notBool("round", a, "convert it with to(DType.INT64) or to(DType.FLOAT64) first");
        return new Round().record(Elementwise.unary(UnaryOp.ROUND, a.array()), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {constant(NDArray.zeros(g.dtype(), g.shape()))};
    }
}
