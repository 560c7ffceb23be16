package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.BinaryOp;
import io.jgrad.ndarray.CompareOp;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;

/**
 * {@code out = min(a, hi)} (NaN stays NaN), as PyTorch's {@code clamp_max}; dtypes as {@link Clamp}.
 * Backward: {@code ∂a = g} where {@code a ≤ hi} (the bound included), 0 elsewhere and at NaN.
 */
public final class ClampMax extends GradFn {

    private final double hi;

    private ClampMax(double hi) {
        this.hi = hi;
    }

    /**
     * {@return {@code a} with every element above {@code hi} lowered to it}
     *
     * @param a the input tensor
     * @param hi the upper bound
     */
    public static Tensor apply(Tensor a, double hi) {
        return new ClampMax(hi).record(Elementwise.binary(BinaryOp.MINIMUM, a.array(), NDArray.wrappedScalar(hi),
                a.shape()), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {g.mul(constant(Masks.where(CompareOp.LE, input(0).array(), hi, g.dtype())))};
    }
}
