package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.BinaryOp;
import io.jgrad.ndarray.CompareOp;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;

/**
 * {@code out = max(a, lo)} (NaN stays NaN), as PyTorch's {@code clamp_min}; dtypes as {@link Clamp}.
 * Backward: {@code ∂a = g} where {@code a ≥ lo} (the bound included), 0 elsewhere and at NaN.
 */
public final class ClampMin extends GradFn {

    private final double lo;

    private ClampMin(double lo) {
        this.lo = lo;
    }

    /**
     * {@return {@code a} with every element below {@code lo} raised to it}
     *
     * @param a the input tensor
     * @param lo the lower bound
     */
    public static Tensor apply(Tensor a, double lo) {
        return new ClampMin(lo).record(Elementwise.binary(BinaryOp.MAXIMUM, a.array(), NDArray.wrappedScalar(lo),
                a.shape()), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {g.mul(constant(Masks.where(CompareOp.GE, input(0).array(), lo, g.dtype())))};
    }
}
