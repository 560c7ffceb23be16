package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.UnaryOp;

/**
 * {@code out = sign a}: −1, 0 or 1, with {@code +0} for ±0 and for NaN, as PyTorch; floating and
 * int64 keep their dtype, and a bool tensor is its own sign. Backward: {@code ∂a = 0} (the function is
 * piecewise constant; PyTorch passes zeros too).
 */
public final class Sign extends GradFn {

    private Sign() {
    }

    /**
     * {@return the sign element-wise, in {@code a}'s dtype}
     *
     * @param a the input tensor
     */
    public static Tensor apply(Tensor a) {
        NDArray values = a.dtype() == DType.BOOL ? a.array().copy() : Elementwise.unary(UnaryOp.SIGN_NAN_ZERO, a.array());
        return new Sign().record(values, a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {constant(NDArray.zeros(g.dtype(), g.shape()))};
    }
}
