package io.jgrad.ndarray;

import io.jgrad.DType;
import io.jgrad.Shape;

/**
 * Reductions over a set of dimensions ({@code sum}, {@code variance}), along one dimension
 * ({@code logsumexp}) and over all elements ({@code norm}), with the dtype resolved here.
 *
 * <p>A set of dimensions is reduced by reading the array as {@code (outer, d, inner)}, the {@code d}
 * elements {@code x[o, 0…d-1, i]} being those combined for output element {@code o·inner + i}:
 * without a copy when the reduced dimensions are neighbours (dimensions of size 1 do not count),
 * otherwise after moving them to the end ({@link Movement#permute}). Either way each output element
 * combines its elements in row-major order of the reduced dimensions, and the result is laid out
 * as the input with the reduced dimensions removed. Float32 accumulates in double and is rounded
 * once.
 */
public final class ReduceDims {

    private ReduceDims() {
    }

    /** The input read as {@code (outer, d, inner)}. */
    private record Layout(NDArray x, int outer, int d, int inner) {
    }

    /**
     * The sum over the dimensions marked in {@code reduced}, in {@link Reductions#sumType} (int64 for
     * bool), each output element summed in row-major order of the reduced dimensions.
     *
     * @param x the input array
     * @param reduced one flag per dimension of {@code x}
     * @param out the result's shape (the input's with the reduced dimensions removed or kept as 1)
     * @return a new array
     */
    public static NDArray sum(NDArray x, boolean[] reduced, Shape out) {
        Layout l = layout(x, reduced);
        return Reductions.sum(l.x.reshape(Shape.of(l.outer, l.d, l.inner)), 1, out);
    }

    /**
     * The variance over the dimensions marked in {@code reduced} of a floating array, in two passes
     * (the mean, then the sum of squared deviations from it, which cannot cancel), divided by
     * {@code max(0, n − correction)} for {@code n} reduced elements, as PyTorch: so {@code n ≤ correction}
     * gives ∞, or NaN where the deviations are 0, and no elements gives NaN.
     *
     * @param x the input array
     * @param reduced one flag per dimension of {@code x}: whether it is reduced
     * @param correction subtracted from the number of elements in the divisor (1: Bessel's unbiased estimate, 0:
     *     the population variance)
     * @param out the result's shape
     * @return a new array of {@code x}'s dtype
     * @throws IllegalArgumentException if {@code x} is not floating
     */
    public static NDArray variance(NDArray x, boolean[] reduced, int correction, Shape out) {
        Layout l = layout(x, reduced);
        double dof = Math.max(0.0, (double) l.d - correction);
        NDArray r = NDArray.zeros(x.dtype(), out);
        switch (x.dtype()) {
            case FLOAT64:
                variance(l.x.data(), l.outer, l.d, l.inner, dof, r.data());
                return r;
            case FLOAT32: {
                double[] v = new double[r.numel()];
                variance(Casts.toDoubles(l.x), l.outer, l.d, l.inner, dof, v);
                float[] f = r.floats();
                for (int k = 0; k < v.length; k++) {
                    f[k] = (float) v[k];
                }
                return r;
            }
            default:
                throw new IllegalArgumentException("variance: needs a floating array, got " + x.dtype().label()
                        + " of shape " + x.shape());
        }
    }

    // two passes per (o, i): the mean, then Σ (x - mean)²; rows of inner elements at a time, so the
    // innermost loops run over contiguous memory, each element's terms still added in the order j = 0, 1, …
    private static void variance(double[] x, int outer, int d, int inner, double dof, double[] out) {
        double[] mean = new double[inner];
        double[] squares = new double[inner];
        for (int o = 0; o < outer; o++) {
            int base = o * d * inner;
            java.util.Arrays.fill(mean, 0.0);
            for (int j = 0; j < d; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) {
                    mean[i] += x[row + i];
                }
            }
            for (int i = 0; i < inner; i++) {
                mean[i] /= d;
            }
            java.util.Arrays.fill(squares, 0.0);
            for (int j = 0; j < d; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) {
                    double dev = x[row + i] - mean[i];
                    squares[i] += dev * dev;
                }
            }
            for (int i = 0; i < inner; i++) {
                out[o * inner + i] = squares[i] / dof;
            }
        }
    }

    /**
     * {@code ln Σ e^x} along {@code dim} (in range) of a floating array, computed as
     * {@code m + ln Σ e^(x − m)} with {@code m} the slice's maximum, so that no exponent is positive
     * and no finite input overflows. As PyTorch, an infinite maximum is replaced by 0 (a slice
     * holding +∞ gives +∞, one of only −∞ gives −∞, and so does an empty slice), and a NaN gives NaN.
     *
     * @param x the input array
     * @param dim the dimension; negative values count from the end
     * @param out the result's shape (the input's with {@code dim} removed or kept as 1)
     * @return a new array of {@code x}'s dtype
     * @throws IllegalArgumentException if {@code x} is not floating
     */
    public static NDArray logsumexp(NDArray x, int dim, Shape out) {
        int[] dims = x.shape().toArray();
        int d = dims[dim];
        int inner = Reductions.innerSize(dims, dim);
        int outer = Reductions.outerSize(dims, dim);
        NDArray r = NDArray.zeros(x.dtype(), out);
        switch (x.dtype()) {
            case FLOAT64:
                logsumexp(x.data(), outer, d, inner, r.data());
                return r;
            case FLOAT32: {
                double[] v = new double[r.numel()];
                logsumexp(Casts.toDoubles(x), outer, d, inner, v);
                float[] f = r.floats();
                for (int k = 0; k < v.length; k++) {
                    f[k] = (float) v[k];
                }
                return r;
            }
            default:
                throw new IllegalArgumentException("logsumexp: needs a floating array, got " + x.dtype().label()
                        + " of shape " + x.shape());
        }
    }

    private static void logsumexp(double[] x, int outer, int d, int inner, double[] out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * d * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < d; j++) {
                    max = Math.max(max, x[base + j * inner]); // Math.max keeps a NaN
                }
                if (Math.abs(max) == Double.POSITIVE_INFINITY) {
                    max = 0; // ±∞ - ±∞ would be NaN; with 0, e^∞ = ∞ and e^-∞ = 0 give ln's right answer
                }
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    sum += Math.exp(x[base + j * inner] - max);
                }
                out[o * inner + i] = Math.log(sum) + max;
            }
        }
    }

    /**
     * The 2-norm of all elements of a floating array, {@code √Σ x²}, summed in double in row-major
     * order (as PyTorch, without rescaling: squares beyond the double range overflow to ∞); 0 for no
     * elements.
     *
     * @param x the input array
     * @return a new 0-d array of {@code x}'s dtype
     * @throws IllegalArgumentException if {@code x} is not floating
     */
    public static NDArray norm(NDArray x) {
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("norm: needs a floating array, got " + x.dtype().label()
                    + " of shape " + x.shape());
        }
        double sum = 0;
        if (x.dtype() == DType.FLOAT64) {
            for (double v : x.data()) {
                sum += v * v;
            }
        } else {
            for (float f : x.floats()) {
                double v = f;
                sum += v * v;
            }
        }
        return NDArray.scalar(x.dtype(), Math.sqrt(sum));
    }

    // (outer, d, inner): without a copy when the reduced dimensions of size ≠ 1 are neighbours,
    // otherwise the kept dimensions first and the reduced ones last, inner = 1
    private static Layout layout(NDArray x, boolean[] reduced) {
        int[] dims = x.shape().toArray();
        int rank = dims.length;
        int lo = -1;
        int hi = -1;
        boolean contiguous = true;
        for (int k = 0; k < rank; k++) {
            if (dims[k] == 1) {
                continue; // a size-1 dimension can be read on either side of the block
            }
            if (reduced[k]) {
                if (hi >= 0 && hi != lastBig(dims, k)) {
                    contiguous = false; // a kept dimension lies between two reduced ones
                }
                if (lo < 0) {
                    lo = k;
                }
                hi = k;
            }
        }
        if (lo < 0) {
            return new Layout(x, x.numel(), 1, 1); // only size-1 dimensions are reduced
        }
        if (contiguous) {
            return new Layout(x, product(dims, 0, lo), product(dims, lo, hi + 1), product(dims, hi + 1, rank));
        }
        int[] perm = new int[rank];
        int p = 0;
        for (int k = 0; k < rank; k++) {
            if (!reduced[k]) {
                perm[p++] = k;
            }
        }
        int kept = p;
        for (int k = 0; k < rank; k++) {
            if (reduced[k]) {
                perm[p++] = k;
            }
        }
        int outer = 1;
        for (int k = 0; k < kept; k++) {
            outer *= dims[perm[k]];
        }
        int d = 1;
        for (int k = kept; k < rank; k++) {
            d *= dims[perm[k]];
        }
        return new Layout(Movement.permute(x, perm), outer, d, 1);
    }

    // the last dimension before k whose size is not 1, or -1
    private static int lastBig(int[] dims, int k) {
        for (int j = k - 1; j >= 0; j--) {
            if (dims[j] != 1) {
                return j;
            }
        }
        return -1;
    }

    private static int product(int[] dims, int from, int to) {
        int p = 1;
        for (int k = from; k < to; k++) {
            p *= dims[k];
        }
        return p;
    }
}
