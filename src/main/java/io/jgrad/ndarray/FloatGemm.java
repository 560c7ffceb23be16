package io.jgrad.ndarray;

/**
 * A general matrix multiply in single precision on flat row-major arrays:
 * {@code C = op(A) · op(B)}, where {@code op(X)} is {@code X} or {@code Xᵀ}; {@link Gemm}'s
 * contract on {@code float[]}. The kernels behind {@link Kernels#gemm(boolean, boolean, int, int,
 * int, float[], int, float[], int, float[], int)} implement it. Products are accumulated in
 * {@code float}, as BLAS's {@code sgemm} does.
 *
 * <p>Shapes: {@code op(A)} is {@code (m, k)}, {@code op(B)} is {@code (k, n)}, {@code C} is
 * {@code (m, n)}. Stored, {@code A} is {@code (m, k)} or, transposed, {@code (k, m)}; likewise
 * {@code B} is {@code (k, n)} or {@code (n, k)}. Each matrix starts at its offset and is dense
 * (its row stride is its stored column count). {@code C} is overwritten, never read; {@code A}
 * and {@code B} are only read.
 */
public interface FloatGemm {
    /**
     * Computes {@code C[i][j] = Σ_p op(A)[i][p] · op(B)[p][j]} for {@code 0 ≤ i < m},
     * {@code 0 ≤ j < n}, writing {@code c[cOff .. cOff + m·n)}; with {@code k = 0}, {@code C} is
     * filled with zeros.
     *
     * @param transA whether {@code op(A) = Aᵀ}
     * @param transB whether {@code op(B) = Bᵀ}
     * @param m rows of {@code op(A)} and {@code C}
     * @param n columns of {@code op(B)} and {@code C}
     * @param k columns of {@code op(A)}, rows of {@code op(B)}
     * @param a {@code A}, {@code m·k} values from {@code aOff}
     * @param aOff index of {@code A}'s first element in {@code a}
     * @param b {@code B}, {@code k·n} values from {@code bOff}
     * @param bOff index of {@code B}'s first element in {@code b}
     * @param c receives {@code C}, {@code m·n} values from {@code cOff}
     * @param cOff index of {@code C}'s first element in {@code c}
     * @throws IllegalArgumentException if {@code m}, {@code n} or {@code k} is negative
     * @throws IndexOutOfBoundsException if an array is too short for its matrix at its offset
     *     ({@code C} may then be partly written)
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              float[] a, int aOff, float[] b, int bOff, float[] c, int cOff);
}
