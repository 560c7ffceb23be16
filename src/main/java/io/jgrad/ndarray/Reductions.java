package io.jgrad.ndarray;

import io.jgrad.Shape;

/**
 * Reductions along one dimension or over all elements.
 *
 * <p>A dimension {@code dim} of shape {@code (…outer, d, …inner)} is reduced by viewing the array as
 * {@code (outer, d, inner)} and combining the {@code d} elements {@code x[o, 0…d-1, i]} for every
 * {@code (o, i)}; the result has shape {@code (outer, inner)} laid out as the input with {@code dim}
 * removed (the caller reshapes it for {@code keepDim}).
 */
public final class Reductions {

    private Reductions() {
    }

    /** @return {@code Σ x} as a 0-d array */
    public static NDArray sumAll(NDArray x) {
        double s = 0;
        for (double v : x.data()) {
            s += v;
        }
        return NDArray.scalar(s);
    }

    /**
     * Sums along {@code dim} (in range).
     *
     * @param out the shape of the result (the input's with {@code dim} removed or kept as 1)
     */
    public static NDArray sum(NDArray x, int dim, Shape out) {
        int[] dims = x.shape().toArray();
        int d = dims[dim];
        int inner = innerSize(dims, dim);
        int outer = outerSize(dims, dim);
        double[] in = x.data();
        double[] r = new double[out.numel()];
        for (int o = 0; o < outer; o++) {
            int base = o * d * inner;
            int rb = o * inner;
            for (int j = 0; j < d; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) {
                    r[rb + i] += in[row + i];
                }
            }
        }
        return new NDArray(r, out);
    }

    /**
     * The maximum along {@code dim} (in range, of non-zero size) and, in {@code argmax}, the index of
     * its first occurrence for each output element.
     *
     * @param argmax an array of {@code out.numel()} elements to fill
     */
    public static NDArray max(NDArray x, int dim, Shape out, int[] argmax) {
        int[] dims = x.shape().toArray();
        int d = dims[dim];
        int inner = innerSize(dims, dim);
        int outer = outerSize(dims, dim);
        double[] in = x.data();
        double[] r = new double[out.numel()];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * d * inner + i;
                double best = in[base];
                int arg = 0;
                for (int j = 1; j < d; j++) {
                    double v = in[base + j * inner];
                    // NaN wins, as in PyTorch: a maximum that hides a NaN would be a wrong answer
                    if (v > best || (Double.isNaN(v) && !Double.isNaN(best))) {
                        best = v;
                        arg = j;
                    }
                }
                r[o * inner + i] = best;
                argmax[o * inner + i] = arg;
            }
        }
        return new NDArray(r, out);
    }

    /** @return the product of the sizes before {@code dim} */
    public static int outerSize(int[] dims, int dim) {
        int outer = 1;
        for (int i = 0; i < dim; i++) {
            outer *= dims[i];
        }
        return outer;
    }

    /** @return the product of the sizes after {@code dim} */
    public static int innerSize(int[] dims, int dim) {
        int inner = 1;
        for (int i = dim + 1; i < dims.length; i++) {
            inner *= dims[i];
        }
        return inner;
    }

    /**
     * Softmax along {@code dim} (in range): {@code e^(x - max) / Σ e^(x - max)}, or with {@code log},
     * {@code x - max - ln Σ e^(x - max)}. Subtracting the maximum keeps every exponent ≤ 0, so no
     * finite input overflows.
     */
    public static NDArray softmax(NDArray x, int dim, boolean log) {
        int[] dims = x.shape().toArray();
        int d = dims[dim];
        int inner = innerSize(dims, dim);
        int outer = outerSize(dims, dim);
        double[] in = x.data();
        double[] r = new double[in.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * d * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < d; j++) {
                    max = Math.max(max, in[base + j * inner]);
                }
                if (max == Double.NEGATIVE_INFINITY) {
                    max = 0; // all -∞: keep x - max at -∞ rather than NaN
                }
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    double e = Math.exp(in[base + j * inner] - max);
                    sum += e;
                    if (!log) {
                        r[base + j * inner] = e;
                    }
                }
                if (log) {
                    // (x - max) - ln Σ, not x - (max + ln Σ): for large logits the latter rounds away ln Σ
                    double logSum = Math.log(sum);
                    for (int j = 0; j < d; j++) {
                        r[base + j * inner] = (in[base + j * inner] - max) - logSum;
                    }
                } else {
                    for (int j = 0; j < d; j++) {
                        r[base + j * inner] /= sum;
                    }
                }
            }
        }
        return new NDArray(r, x.shape());
    }
}
