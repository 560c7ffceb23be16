package io.jgrad.ndarray;

/**
 * The seam for reductions along one dimension. An array of shape {@code (…outer, d, …inner)} is
 * read as {@code (outer, d, inner)} and the {@code d} elements {@code x[o, 0…d-1, i]} are combined
 * for every {@code (o, i)}; results are written to {@code out[o·inner + i]} (the input's layout with
 * the dimension removed). Each element's sum is taken in the order {@code j = 0, 1, …, d-1}, in
 * every kernel set, so results do not depend on which set runs. Float32 sums accumulate in double
 * and are rounded once.
 */
interface ReductionKernels {

    /** Σ along the dimension, float64. */
    void sum(double[] x, int outer, int d, int inner, double[] out);

    /** Σ along the dimension, float32 (accumulated in double). */
    void sum(float[] x, int outer, int d, int inner, float[] out);

    /** Σ along the dimension, int64 (wrapping). */
    void sum(long[] x, int outer, int d, int inner, long[] out);

    /**
     * The maximum (or, with {@code min}, the minimum) along a dimension of size {@code d ≥ 1}, and
     * in {@code arg} the index of its first occurrence; a NaN wins over any number (the first NaN),
     * as in PyTorch. Float64.
     */
    void extreme(double[] x, int outer, int d, int inner, boolean min, double[] out, int[] arg);

    /** As the float64 form, float32. */
    void extreme(float[] x, int outer, int d, int inner, boolean min, float[] out, int[] arg);

    /** As the float64 form, int64. */
    void extreme(long[] x, int outer, int d, int inner, boolean min, long[] out, int[] arg);

    /**
     * Softmax along the dimension: {@code e^(x - max) / Σ e^(x - max)}, or with {@code log},
     * {@code (x - max) - ln Σ e^(x - max)}; every exponent is ≤ 0, so no finite input overflows. A
     * slice of all −∞ gives NaN (softmax) or −∞ (log-softmax... minus ln 0), as PyTorch. Float64.
     */
    void softmax(double[] x, int outer, int d, int inner, boolean log, double[] out);

    /** As the float64 form, float32 (the sum accumulated in double). */
    void softmax(float[] x, int outer, int d, int inner, boolean log, float[] out);
}
