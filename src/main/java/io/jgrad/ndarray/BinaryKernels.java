package io.jgrad.ndarray;

/**
 * The seam for element-wise arithmetic of two arguments of one dtype:
 * {@code out[oo + i] = f(a[ao + i·as], b[bo + i·bs])} for {@code i < n}, where each operand stride
 * is 1 (a run) or 0 (one value repeated: a broadcast operand), and not both 0. {@code out} may be
 * an operand itself at the same offset. {@link Elementwise#binary} is the one caller; it cuts a
 * broadcast into such runs.
 */
interface BinaryKernels {

    /** Float64. @throws UnsupportedOperationException if {@code op} is not defined on float64 */
    void binary(BinaryOp op, double[] a, int ao, int as, double[] b, int bo, int bs, double[] out, int oo, int n);

    /** Float32. @throws UnsupportedOperationException if {@code op} is not defined on float32 */
    void binary(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] out, int oo, int n);

    /** Int64. @throws UnsupportedOperationException if {@code op} is not defined on int64 */
    void binary(BinaryOp op, long[] a, int ao, int as, long[] b, int bo, int bs, long[] out, int oo, int n);

    /** Bool. @throws UnsupportedOperationException if {@code op} is not defined on bool */
    void binary(BinaryOp op, boolean[] a, int ao, int as, boolean[] b, int bo, int bs, boolean[] out, int oo, int n);
}
