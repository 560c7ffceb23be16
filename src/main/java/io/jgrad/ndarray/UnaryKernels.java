package io.jgrad.ndarray;

/**
 * The seam for element-wise functions of one argument: {@code out[oo + i] = f(x[xo + i])} for
 * {@code i < n}, one method per dtype. {@code out} may be {@code x} itself at the same offset
 * (in place). A kernel set implements it once per instruction set ({@link PlainUnary}, and a
 * Vector API twin); {@link Elementwise#unary} is the one caller.
 */
interface UnaryKernels {

    /** Float64 run. @throws UnsupportedOperationException if {@code op} is not defined on float64 */
    void unary(UnaryOp op, double[] x, int xo, double[] out, int oo, int n);

    /** Float32 run. @throws UnsupportedOperationException if {@code op} is not defined on float32 */
    void unary(UnaryOp op, float[] x, int xo, float[] out, int oo, int n);

    /** Int64 run. @throws UnsupportedOperationException if {@code op} is not {@link UnaryOp#integral()} */
    void unary(UnaryOp op, long[] x, int xo, long[] out, int oo, int n);
}
