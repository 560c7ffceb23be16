package io.jgrad.ndarray;

/**
 * A general matrix multiply on flat row-major arrays: {@code C = op(A) · op(B)}, where
 * {@code op(X)} is {@code X} or {@code Xᵀ}. The kernels behind {@link Kernels} implement it.
 *
 * <p>Shapes: {@code op(A)} is {@code (m, k)}, {@code op(B)} is {@code (k, n)}, {@code C} is
 * {@code (m, n)}. Stored, {@code A} is {@code (m, k)} or, transposed, {@code (k, m)}; likewise
 * {@code B} is {@code (k, n)} or {@code (n, k)}. Each matrix starts at its offset and is dense
 * (its row stride is its stored column count). {@code C} is overwritten, never read.
 */
public interface Gemm {
    /**
     * Computes {@code C = op(A) · op(B)}.
     *
     * @param transA whether {@code op(A) = Aᵀ}
     * @param transB whether {@code op(B) = Bᵀ}
     * @param m rows of {@code op(A)} and {@code C}
     * @param n columns of {@code op(B)} and {@code C}
     * @param k columns of {@code op(A)}, rows of {@code op(B)}
     * @param a the elements of {@code A}, row-major
     * @param aOff where {@code A} starts in {@code a}
     * @param b the elements of {@code B}, row-major
     * @param bOff where {@code B} starts in {@code b}
     * @param c receives {@code C}, row-major
     * @param cOff where {@code C} starts in {@code c}
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              double[] a, int aOff, double[] b, int bOff, double[] c, int cOff);
}
