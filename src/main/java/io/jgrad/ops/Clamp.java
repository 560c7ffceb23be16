package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.BinaryOp;
import io.jgrad.ndarray.CompareOp;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;

/**
 * {@code out = min(max(a, lo), hi)}: every element brought into {@code [lo, hi]} (all of them to
 * {@code hi} when {@code lo > hi}; NaN stays NaN, and a NaN bound gives NaN), as PyTorch's
 * {@code clamp}. The bounds are compared in {@code a}'s dtype when it is floating (a float32 tensor
 * is clamped to the float nearest each bound); an int64 or bool tensor gives float64, as with any
 * {@code double} operand. Backward: {@code ∂a = g} where {@code lo ≤ a ≤ hi} (bounds included, as
 * PyTorch), 0 elsewhere and at NaN.
 */
public final class Clamp extends GradFn {

    private final double lo;
    private final double hi;

    private Clamp(double lo, double hi) {
        this.lo = lo;
        this.hi = hi;
    }

    /**
     * {@return {@code a} clamped to {@code [lo, hi]}}
     *
     * @param a the input tensor
     * @param lo the lower bound
     * @param hi the upper bound
     */
    public static Tensor apply(Tensor a, double lo, double hi) {
        Shape s = a.shape();
        NDArray low = Elementwise.binary(BinaryOp.MAXIMUM, a.array(), NDArray.wrappedScalar(lo), s);
        return new Clamp(lo, hi).record(Elementwise.binary(BinaryOp.MINIMUM, low, NDArray.wrappedScalar(hi), s), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        NDArray a = input(0).array();
        NDArray inside = Masks.times(Masks.where(CompareOp.GE, a, lo, g.dtype()), Masks.where(CompareOp.LE, a, hi,
                g.dtype()), a.shape());
        return new Tensor[] {g.mul(constant(inside))};
    }
}
