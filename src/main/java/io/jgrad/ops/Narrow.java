package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Slicing;

/**
 * {@code out = a[…, start : start + length·step : step, …]} along one dimension: the slicing
 * primitive (tinygrad's {@code shrink}, with a step) behind {@code narrow}, {@code slice},
 * {@code select}, {@code split} and {@code chunk}, as PyTorch's {@code SliceBackward0} is.
 * Backward: {@code ∂a} = zeros with {@code g} written back at the range ({@link NarrowBackward}).
 */
public final class Narrow extends GradFn {

    private final int dim;
    private final int start;
    private final int step;

    private Narrow(int dim, int start, int step) {
        this.dim = dim;
        this.start = start;
        this.step = step;
    }

    /**
     * PyTorch's {@code narrow}: elements {@code start … start + length − 1} of dimension {@code dim}.
     *
     * @param a the input tensor
     * @param dim negative values count from the end
     * @param start in {@code [-size, size]}; negative values count from the end
     * @param length how many indices
     * @return a tensor whose dimension {@code dim} has size {@code length} (grad fn {@code Narrow})
     * @throws IllegalArgumentException if {@code a} is 0-d or {@code length} is negative
     * @throws IndexOutOfBoundsException if {@code dim} or {@code start} is out of range, or the
     *     range does not fit in the dimension
     */
    public static Tensor apply(Tensor a, int dim, int start, int length) {
        if (a.dim() == 0) {
            throw new IllegalArgumentException("narrow: cannot narrow a 0-d tensor (shape ()); reshape it to (1,) first");
        }
        int d = a.shape().normalizeDim("narrow", dim);
        int size = a.shape().get(d);
        if (start < -size || start > size) {
            throw new IndexOutOfBoundsException("narrow: start " + start + " is out of range for dimension " + dim
                    + " of size " + size + " in shape " + a.shape() + "; use a start in [" + (-size) + ", " + size + "]");
        }
        if (length < 0) {
            throw new IllegalArgumentException("narrow: length must be ≥ 0, got " + length + " for shape " + a.shape());
        }
        int s = start < 0 ? start + size : start;
        if ((long) s + length > size) {
            throw new IndexOutOfBoundsException("narrow: start " + start + " + length " + length
                    + " exceeds the size " + size + " of dimension " + dim + " in shape " + a.shape()
                    + "; the range must fit inside the dimension");
        }
        return strided(a, d, s, length, 1);
    }

    /**
     * Python's slice {@code a[…, start:end:step, …]} along {@code dim}: negative {@code start} and
     * {@code end} count from the end, then both are clamped to {@code [0, size]}; an empty range
     * gives size 0.
     *
     * @param a the input tensor
     * @param dim the dimension; negative values count from the end
     * @param start the first index; negative values count from the end
     * @param end the index after the last; negative values count from the end
     * @param step ≥ 1
     * @return a tensor whose dimension {@code dim} holds the selected indices (grad fn {@code Narrow})
     * @throws IllegalArgumentException if {@code step < 1}
     * @throws IndexOutOfBoundsException if {@code a} is 0-d or {@code dim} is out of range
     */
    public static Tensor slice(Tensor a, int dim, int start, int end, int step) {
        if (a.dim() == 0) {
            throw new IndexOutOfBoundsException("slice: cannot slice a 0-d tensor (shape ()); reshape it to (1,) first");
        }
        int d = a.shape().normalizeDim("slice", dim);
        if (step < 1) {
            throw new IllegalArgumentException("slice: step must be ≥ 1, got " + step + " for shape " + a.shape()
                    + " (as in PyTorch, negative steps are not supported)");
        }
        int size = a.shape().get(d);
        int s = clamp(start, size);
        int e = Math.max(s, clamp(end, size));
        int length = (int) (((long) e - s + step - 1) / step);
        return strided(a, d, s, length, step);
    }

    // Python's slice bound: negative counts from the end, then clamped to [0, size]
    private static int clamp(int bound, int size) {
        long b = bound < 0 ? (long) bound + size : bound;
        return (int) Math.max(0, Math.min(size, b));
    }

    /**
     * The primitive: elements {@code start, start + step, …} ({@code length} of them) of dimension
     * {@code dim}, all already checked to be in range.
     */
    static Tensor strided(Tensor a, int dim, int start, int length, int step) {
        return new Narrow(dim, start, step).record(Slicing.narrow(a.array(), dim, start, length, step), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {NarrowBackward.apply(g, dim, start, step, input(0).shape().get(dim))};
    }
}
