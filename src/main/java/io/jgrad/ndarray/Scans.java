package io.jgrad.ndarray;

/**
 * Cumulative sums along a dimension, forward ({@code out[j] = Σ_{k ≤ j} x[k]}) or reversed
 * ({@code out[j] = Σ_{k ≥ j} x[k]}, the backward of the forward one). The running sum of a float32
 * array is kept in double and each output rounded once (as PyTorch's CPU kernel, whose float
 * accumulator is a double); bool and int64 arrays sum in int64.
 */
public final class Scans {

    private Scans() {
    }

    /**
     * The cumulative sum along {@code dim} (in range; a 0-d array is returned as a copy).
     *
     * @param x the input array
     * @param dim the dimension; negative values count from the end
     * @param reverse sum from the end of the dimension instead of its start
     * @return a new array of {@code x}'s shape, of {@link Reductions#sumType}{@code (x.dtype())}
     */
    public static NDArray cumsum(NDArray x, int dim, boolean reverse) {
        NDArray in = Casts.to(x, Reductions.sumType(x.dtype()));
        int[] dims = x.shape().toArray();
        if (dims.length == 0) {
            return in == x ? x.copy() : in;
        }
        NDArray r = NDArray.zeros(in.dtype(), x.shape());
        int d = dims[dim];
        int inner = Reductions.innerSize(dims, dim);
        int outer = Reductions.outerSize(dims, dim);
        switch (in.dtype()) {
            case FLOAT64:
                cumsum(in.data(), outer, d, inner, reverse, r.data());
                return r;
            case FLOAT32:
                cumsum(in.floats(), outer, d, inner, reverse, r.floats());
                return r;
            case INT64:
                cumsum(in.longs(), outer, d, inner, reverse, r.longs());
                return r;
            default:
                throw new AssertionError(in.dtype());
        }
    }

    // each (o, i) keeps its running sum in acc[i]; rows of inner elements at a time, so the inner
    // loop runs over contiguous memory
    private static void cumsum(double[] x, int outer, int d, int inner, boolean reverse, double[] out) {
        double[] acc = new double[inner];
        for (int o = 0; o < outer; o++) {
            java.util.Arrays.fill(acc, 0.0);
            for (int step = 0; step < d; step++) {
                int row = (o * d + (reverse ? d - 1 - step : step)) * inner;
                for (int i = 0; i < inner; i++) {
                    acc[i] += x[row + i];
                    out[row + i] = acc[i];
                }
            }
        }
    }

    private static void cumsum(float[] x, int outer, int d, int inner, boolean reverse, float[] out) {
        double[] acc = new double[inner];
        for (int o = 0; o < outer; o++) {
            java.util.Arrays.fill(acc, 0.0);
            for (int step = 0; step < d; step++) {
                int row = (o * d + (reverse ? d - 1 - step : step)) * inner;
                for (int i = 0; i < inner; i++) {
                    acc[i] += x[row + i];
                    out[row + i] = (float) acc[i];
                }
            }
        }
    }

    private static void cumsum(long[] x, int outer, int d, int inner, boolean reverse, long[] out) {
        long[] acc = new long[inner];
        for (int o = 0; o < outer; o++) {
            java.util.Arrays.fill(acc, 0L);
            for (int step = 0; step < d; step++) {
                int row = (o * d + (reverse ? d - 1 - step : step)) * inner;
                for (int i = 0; i < inner; i++) {
                    acc[i] += x[row + i];
                    out[row + i] = acc[i];
                }
            }
        }
    }
}
