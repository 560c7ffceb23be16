package io.jgrad.ndarray;

import io.jgrad.DType;
import io.jgrad.Shape;

/**
 * Reductions along one dimension or over all elements, and the softmax family, with the dtype
 * resolved here for the kernel set.
 *
 * <p>A dimension {@code dim} of shape {@code (…outer, d, …inner)} is reduced by viewing the array as
 * {@code (outer, d, inner)} and combining the {@code d} elements {@code x[o, 0…d-1, i]} for every
 * {@code (o, i)}; the result has shape {@code (outer, inner)} laid out as the input with {@code dim}
 * removed (the caller gives the shape, with or without the kept dimension).
 */
public final class Reductions {

    private Reductions() {
    }

    /**
     * The dtype a sum returns: the input's when floating or int64; int64 for bool (PyTorch sums
     * bools as integers).
     *
     * @param d the input's dtype
     * @return the dtype
     */
    public static DType sumType(DType d) {
        return d == DType.BOOL ? DType.INT64 : d;
    }

    /**
     * {@return {@code Σ x} as a 0-d array of {@link #sumType}{@code (x.dtype())}}
     *
     * @param x the input array
     */
    public static NDArray sumAll(NDArray x) {
        return sum(x.reshape(Shape.of(x.numel())), 0, Shape.of());
    }

    /**
     * Sums along {@code dim} (in range), in the order of the dimension for every output element.
     *
     * @param x the input array
     * @param dim the dimension; negative values count from the end
     * @param out the shape of the result (the input's with {@code dim} removed or kept as 1)
     * @return a new array of {@link #sumType}{@code (x.dtype())}
     */
    public static NDArray sum(NDArray x, int dim, Shape out) {
        NDArray in = Casts.to(x, sumType(x.dtype()));
        int[] dims = x.shape().toArray();
        int d = dims[dim];
        int inner = innerSize(dims, dim);
        int outer = outerSize(dims, dim);
        NDArray r = NDArray.zeros(in.dtype(), out);
        ReductionKernels k = Kernels.set().reductions();
        switch (in.dtype()) {
            case FLOAT64:
                k.sum(in.data(), outer, d, inner, r.data());
                break;
            case FLOAT32:
                k.sum(in.floats(), outer, d, inner, r.floats());
                break;
            case INT64:
                k.sum(in.longs(), outer, d, inner, r.longs());
                break;
            default:
                throw new AssertionError(in.dtype());
        }
        return r;
    }

    /**
     * The maximum (or minimum) along {@code dim} (in range, of non-zero size) and, in {@code arg},
     * the index of its first occurrence for each output element; a NaN wins. Bool arrays compare
     * {@code false < true}.
     *
     * @param x the input array
     * @param dim the dimension; negative values count from the end
     * @param out the shape of the result
     * @param min whether to take the minimum (else the maximum)
     * @param arg an array of {@code out.numel()} elements to fill
     * @return a new array of {@code x}'s dtype
     */
    public static NDArray extreme(NDArray x, int dim, Shape out, boolean min, int[] arg) {
        int[] dims = x.shape().toArray();
        int d = dims[dim];
        int inner = innerSize(dims, dim);
        int outer = outerSize(dims, dim);
        ReductionKernels k = Kernels.set().reductions();
        switch (x.dtype()) {
            case FLOAT64: {
                NDArray r = NDArray.zeros(DType.FLOAT64, out);
                k.extreme(x.data(), outer, d, inner, min, r.data(), arg);
                return r;
            }
            case FLOAT32: {
                NDArray r = NDArray.zeros(DType.FLOAT32, out);
                k.extreme(x.floats(), outer, d, inner, min, r.floats(), arg);
                return r;
            }
            case INT64: {
                NDArray r = NDArray.zeros(DType.INT64, out);
                k.extreme(x.longs(), outer, d, inner, min, r.longs(), arg);
                return r;
            }
            case BOOL: {
                NDArray r = NDArray.zeros(DType.INT64, out);
                k.extreme(Casts.to(x, DType.INT64).longs(), outer, d, inner, min, r.longs(), arg);
                return Casts.to(r, DType.BOOL);
            }
            default:
                throw new AssertionError(x.dtype());
        }
    }

    /**
     * The gradient mask of a reduction to one element per slice along {@code dim}: zeros of
     * {@code shape} with 1 at index {@code arg[r]} of each slice {@code r} (laid out as
     * {@link #extreme} gives it).
     *
     * @param shape the input's shape
     * @param dim the dimension; negative values count from the end
     * @param arg the index of the selected element in each slice, as {@link #extreme} fills it
     * @param dtype the element type
     * @return a new array of {@code dtype}
     */
    public static NDArray argMask(Shape shape, int dim, int[] arg, DType dtype) {
        int[] dims = shape.toArray();
        int inner = innerSize(dims, dim);
        double[] m = new double[shape.numel()];
        for (int r = 0; r < arg.length; r++) {
            int o = r / inner;
            int i = r % inner;
            m[(o * dims[dim] + arg[r]) * inner + i] = 1.0;
        }
        return Casts.to(new NDArray(m, shape), dtype);
    }

    /**
     * The maximum (or minimum) of all elements of a non-empty array, NaN if any is NaN, and its
     * gradient mask: {@code 1/t} at each of the {@code t} elements equal to it, as PyTorch's
     * {@code max()} shares the gradient evenly among ties.
     *
     * @param x the input array
     * @param min whether to take the minimum (else the maximum)
     * @param maskType the mask's dtype
     * @return {value (0-d, of x's dtype), mask (x's shape)}
     */
    public static NDArray[] extremeAll(NDArray x, boolean min, DType maskType) {
        int[] arg = new int[1];
        NDArray value = extreme(x.reshape(Shape.of(x.numel())), 0, Shape.of(), min, arg);
        double best = value.getDouble(0);
        double[] xs = Casts.doublesView(x);
        int ties = 0;
        for (double v : xs) {
            if (Double.compare(v, best) == 0 || v == best) {
                ties++;
            }
        }
        double[] m = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            if (Double.compare(xs[i], best) == 0 || xs[i] == best) {
                m[i] = 1.0 / ties;
            }
        }
        return new NDArray[] {value, Casts.to(new NDArray(m, x.shape()), maskType)};
    }

    /**
     * Softmax along {@code dim} (in range) of a floating array: {@code e^(x - max) / Σ e^(x - max)},
     * or with {@code log}, {@code x - max - ln Σ e^(x - max)}. Subtracting the maximum keeps every
     * exponent ≤ 0, so no finite input overflows.
     *
     * @param x the input array
     * @param dim the dimension; negative values count from the end
     * @param log whether to return the log-softmax
     * @return a new array of {@code x}'s shape and dtype
     */
    public static NDArray softmax(NDArray x, int dim, boolean log) {
        int[] dims = x.shape().toArray();
        int d = dims[dim];
        int inner = innerSize(dims, dim);
        int outer = outerSize(dims, dim);
        NDArray r = NDArray.zeros(x.dtype(), x.shape());
        ReductionKernels k = Kernels.set().reductions();
        switch (x.dtype()) {
            case FLOAT64:
                k.softmax(x.data(), outer, d, inner, log, r.data());
                return r;
            case FLOAT32:
                k.softmax(x.floats(), outer, d, inner, log, r.floats());
                return r;
            default:
                throw new IllegalArgumentException((log ? "logSoftmax" : "softmax") + ": needs a floating array, got "
                        + x.dtype().label() + " of shape " + x.shape());
        }
    }

    /**
     * {@code Σ x²} over all elements, accumulated in double in row-major order (for norms).
     *
     * @param x the input array
     * @return the sum
     */
    public static double sumOfSquares(NDArray x) {
        double[] v = Casts.doublesView(x);
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return s;
    }

    /**
     * {@return whether a floating array holds a NaN (never for int64 and bool)}
     *
     * @param x the input array
     */
    public static boolean hasNaN(NDArray x) {
        switch (x.dtype()) {
            case FLOAT64:
                for (double v : x.data()) {
                    if (v != v) {
                        return true;
                    }
                }
                return false;
            case FLOAT32:
                for (float v : x.floats()) {
                    if (v != v) {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }

    /**
     * {@return the product of the sizes before {@code dim}}
     *
     * @param dims the sizes
     * @param dim the dimension; negative values count from the end
     */
    public static int outerSize(int[] dims, int dim) {
        int outer = 1;
        for (int i = 0; i < dim; i++) {
            outer *= dims[i];
        }
        return outer;
    }

    /**
     * {@return the product of the sizes after {@code dim}}
     *
     * @param dims the sizes
     * @param dim the dimension; negative values count from the end
     */
    public static int innerSize(int[] dims, int dim) {
        int inner = 1;
        for (int i = dim + 1; i < dims.length; i++) {
            inner *= dims[i];
        }
        return inner;
    }
}
