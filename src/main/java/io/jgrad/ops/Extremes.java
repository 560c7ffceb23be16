package io.jgrad.ops;

import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.Promotion;
import io.jgrad.ndarray.Reductions;

/**
 * The forward half that {@link Max} and {@link Min} share: the extreme values and the gradient
 * mask, along a dimension (one-hot at the first extreme of each slice, as PyTorch's
 * {@code max(dim)}) or over all elements (shared evenly among ties, as PyTorch's {@code max()}).
 */
final class Extremes {

    private Extremes() {
    }

    /**
     * @param values the extremes
     * @param keptShape the output's shape with the reduced dimension(s) kept as 1, for the backward
     * @param mask ∂out/∂a per element, in the floating dtype of {@code a}
     */
    record Result(NDArray values, Shape keptShape, NDArray mask) {
    }

    /**
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     * @throws IllegalArgumentException if that dimension has size 0
     */
    static Result alongDim(String op, Tensor a, int dim, boolean keepDim, boolean min) {
        Shape s = a.shape();
        int d = s.normalizeDim(op, dim);
        if (s.get(d) == 0) {
            throw new IllegalArgumentException(op + ": dimension " + dim + " of shape " + s
                    + " has size 0, so it has no " + word(min) + "; reduce a non-empty dimension");
        }
        Shape kept = Sum.reducedShape(s, d, true);
        Shape out = keepDim ? kept : Sum.reducedShape(s, d, false);
        int[] arg = new int[out.numel()];
        NDArray values = Reductions.extreme(a.array(), d, out, min, arg);
        return new Result(values, kept, Reductions.argMask(s, d, arg, Promotion.floating(a.dtype())));
    }

    /** @throws IllegalArgumentException if {@code a} has no elements */
    static Result all(String op, Tensor a, boolean min) {
        if (a.numel() == 0) {
            throw new IllegalArgumentException(op + ": shape " + a.shape() + " has no elements, so it has no "
                    + word(min) + "; use " + op + "(dim) on a non-empty tensor");
        }
        NDArray[] valueAndMask = Reductions.extremeAll(a.array(), min, Promotion.floating(a.dtype()));
        return new Result(valueAndMask[0], Shape.of(), valueAndMask[1]);
    }

    private static String word(boolean min) {
        return min ? "minimum" : "maximum";
    }
}
