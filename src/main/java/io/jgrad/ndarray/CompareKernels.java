package io.jgrad.ndarray;

/**
 * The seam for element-wise comparisons into bool arrays:
 * {@code out[oo + i] = a[ao + i·as] ⋄ b[bo + i·bs]}, operand strides as in {@link BinaryKernels}.
 */
interface CompareKernels {

    /** Float64 operands. */
    void compare(CompareOp op, double[] a, int ao, int as, double[] b, int bo, int bs, boolean[] out, int oo, int n);

    /** Float32 operands. */
    void compare(CompareOp op, float[] a, int ao, int as, float[] b, int bo, int bs, boolean[] out, int oo, int n);

    /** Int64 operands. */
    void compare(CompareOp op, long[] a, int ao, int as, long[] b, int bo, int bs, boolean[] out, int oo, int n);

    /** Bool operands ({@code false < true}). */
    void compare(CompareOp op, boolean[] a, int ao, int as, boolean[] b, int bo, int bs, boolean[] out, int oo, int n);
}
