package io.jgrad.ndarray;

import io.jgrad.DType;

/**
 * The seam for dtype conversions: {@code dst[dOff + i] = convert(src[sOff + i])} for {@code i < n},
 * as Java casts convert ({@code (float) d}, {@code (long) f} toward zero with NaN → 0 and
 * saturation, {@code v != 0} into bool, 1/0 out of bool). {@code src} and {@code dst} are the
 * primitive arrays of the two dtypes.
 */
interface CastKernels {

    /**
     * Converts a run.
     *
     * @param src a {@code double[]}, {@code float[]}, {@code long[]} or {@code boolean[]} as {@code from} says
     * @param dst the same for {@code to}
     */
    void convert(DType from, Object src, int sOff, DType to, Object dst, int dOff, int n);
}
