package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Casts;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.Reductions;

/**
 * {@code argmax} and {@code argmin}: the index of the first maximum (minimum), as an int64 tensor
 * outside any graph (an index has no gradient), as PyTorch. A NaN counts as the extreme for both
 * (the first NaN wins), as PyTorch's. Not an operation node: nothing to differentiate.
 */
public final class ArgExtreme {

    private ArgExtreme() {
    }

    /**
     * {@return the flat (row-major) index of the first extreme of all elements, 0-d int64}
     *
     * @param a the input tensor
     * @param min argmin instead of argmax
     * @throws IllegalArgumentException if {@code a} is bool or has no elements
     */
    public static Tensor apply(Tensor a, boolean min) {
        String op = name(min);
        Types.notBool(op, a, "convert it with to(DType.INT64) first");
        if (a.numel() == 0) {
            throw new IllegalArgumentException(op + ": shape " + a.shape() + " has no elements, so it has no "
                    + word(min) + "; use " + op + "(dim) on a non-empty dimension");
        }
        int[] arg = new int[1];
        Reductions.extreme(a.array().reshape(Shape.of(a.numel())), 0, Shape.of(), min, arg);
        return Tensor.wrap(NDArray.scalar(DType.INT64, arg[0]));
    }

    /**
     * {@return the index along {@code dim} of the first extreme of each slice, int64, {@code dim}
     * removed unless {@code keepDim} (a 0-d tensor gives 0, shape {@code ()})}
     *
     * @param a the input tensor
     * @param dim the dimension; negative values count from the end
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     * @param min argmin instead of argmax
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     * @throws IllegalArgumentException if {@code a} is bool or that dimension has size 0
     */
    public static Tensor apply(Tensor a, int dim, boolean keepDim, boolean min) {
        String op = name(min);
        Types.notBool(op, a, "convert it with to(DType.INT64) first");
        Shape s = a.shape();
        if (Dims.isScalarDim(op, s, dim)) {
            return Tensor.wrap(NDArray.scalar(DType.INT64, 0));
        }
        int d = s.normalizeDim(op, dim);
        if (s.get(d) == 0) {
            throw new IllegalArgumentException(op + ": dimension " + dim + " of shape " + s + " has size 0, so it has"
                    + " no " + word(min) + "; reduce a non-empty dimension");
        }
        Shape out = Sum.reducedShape(s, d, keepDim);
        int[] arg = new int[out.numel()];
        Reductions.extreme(a.array(), d, out, min, arg);
        return Tensor.wrap(Casts.fromInts(arg).reshape(out));
    }

    private static String name(boolean min) {
        return min ? "argmin" : "argmax";
    }

    private static String word(boolean min) {
        return min ? "minimum" : "maximum";
    }
}
