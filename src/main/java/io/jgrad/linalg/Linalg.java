package io.jgrad.linalg;

import io.jgrad.DType;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import java.util.Arrays;

/**
 * Differentiable linear algebra, as {@code torch.linalg}: solves, inverses, determinants and the
 * Cholesky, QR, symmetric eigen- and singular value decompositions, computed by EJML's LU, Cholesky,
 * QR, symmetric QR-algorithm and SVD routines.
 *
 * <p>Every function takes a batch of matrices {@code (…, m, n)}: the leading dimensions are a batch,
 * each matrix is decomposed on its own, and results keep the batch dimensions ({@code solve}
 * broadcasts the batch dimensions of its two operands, as {@code torch.linalg.solve}). Inputs are
 * {@code FLOAT32} or {@code FLOAT64} and results have their dtype; float32 is computed in float64 and
 * rounded once (so it is at least as accurate as PyTorch's float32).
 *
 * <p>Gradients are PyTorch's ({@code tools/autograd/derivatives.yaml}, {@code FunctionsManual.cpp}),
 * written with differentiable tensor operations, so a backward pass with {@code createGraph} gives
 * second (and higher) derivatives. Each function's Javadoc gives its formula; {@code docs/linalg.md}
 * the conditioning notes. Functions with several outputs return a record; every output carries its
 * own node (named as the function: {@code LinalgQr}, {@code LinalgEigh}, …), and the gradient of the
 * input is the sum of what reaches each.
 *
 * <p>Errors: an {@code INT64}/{@code BOOL} input, a tensor of rank below 2, or a non-square matrix
 * where one is required → {@link IllegalArgumentException}; a singular matrix ({@link #solve},
 * {@link #inv}) or one that is not positive definite ({@link #cholesky}) → {@link ArithmeticException}
 * naming the function, the shape and the batch index (flat, over the batch dimensions in row-major
 * order).
 */
public final class Linalg {

    /**
     * The result of {@link #slogdet}: {@code det(A) = sign·exp(logAbsDet)}.
     *
     * @param sign {@code ±1}, or 0 for a singular matrix, {@code (…)}
     * @param logAbsDet {@code log|det A|}, {@code −∞} for a singular matrix, {@code (…)}
     */
    public record SignLogDet(Tensor sign, Tensor logAbsDet) {
    }

    /**
     * The result of {@link #qr}: {@code A = q·r}.
     *
     * @param q {@code (…, m, k)} with orthonormal columns, {@code k = min(m, n)}
     * @param r {@code (…, k, n)}, upper triangular
     */
    public record QR(Tensor q, Tensor r) {
    }

    /**
     * The result of {@link #eigh}: {@code A = eigenvectors·diag(eigenvalues)·eigenvectorsᵀ}.
     *
     * @param eigenvalues {@code (…, n)}, ascending
     * @param eigenvectors {@code (…, n, n)}, orthonormal columns, column {@code j} for eigenvalue {@code j}
     */
    public record Eigh(Tensor eigenvalues, Tensor eigenvectors) {
    }

    /**
     * The result of {@link #svd}: {@code A = u·diag(s)·vh}.
     *
     * @param u {@code (…, m, k)}, orthonormal columns, {@code k = min(m, n)}
     * @param s {@code (…, k)}, the singular values, descending, ≥ 0
     * @param vh {@code (…, k, n)}, orthonormal rows
     */
    public record SVD(Tensor u, Tensor s, Tensor vh) {
    }

    private Linalg() {
    }

    /**
     * Solves {@code A·X = B} ({@code torch.linalg.solve}) by LU with partial pivoting (grad fn
     * {@code LinalgSolve}). {@code B} holds vectors when it is 1-d, or when its shape is {@code A}'s
     * without the last dimension ({@code (…, n)}); then {@code X} does too. Otherwise {@code B} is
     * {@code (…, n, k)}. The batch dimensions of {@code A} and {@code B} broadcast.
     *
     * <p>Gradient: {@code ∂B = A⁻ᵀ·g}, {@code ∂A = −∂B·Xᵀ}. Conditioning: errors in {@code X} and in both
     * gradients grow with {@code κ(A)}.
     *
     * @param a {@code (…, n, n)}
     * @param b {@code (…, n, k)} or {@code (…, n)} / {@code (n,)}, of {@code a}'s dtype
     * @return {@code X}, of the broadcast batch shape
     * @throws IllegalArgumentException for a non-floating or mismatched dtype, a non-square {@code A},
     *     or shapes that do not fit {@code A·X = B}
     * @throws ArithmeticException if a matrix of {@code A} is singular (an exactly zero pivot)
     */
    public static Tensor solve(Tensor a, Tensor b) {
        String op = "linalg.solve";
        square(op, a);
        floating(op, "B", b);
        if (b.dtype() != a.dtype()) {
            throw new IllegalArgumentException(op + ": A of shape " + a.shape() + " is " + a.dtype().label()
                    + " but B of shape " + b.shape() + " is " + b.dtype().label() + "; both need one dtype: convert"
                    + " one with to(DType)");
        }
        if (b.dim() == 0) {
            throw new IllegalArgumentException(op + ": B of shape () is 0-d; it needs at least 1 dimension (a vector"
                    + " (…, n) or a matrix (…, n, k))");
        }
        int n = Mat.last(a);
        int[] ad = a.shape().toArray();
        boolean vector = b.dim() == 1 || b.shape().equals(Shape.of(Arrays.copyOf(ad, ad.length - 1)));
        int rows = vector ? Mat.last(b) : Mat.rows(b);
        if (rows != n) {
            throw new IllegalArgumentException(op + ": A of shape " + a.shape() + " and B of shape " + b.shape()
                    + " do not fit A·X = B: A is " + n + " × " + n + " but B has " + rows + " rows (as "
                    + (vector ? "vectors" : "matrices") + "); B must be (…, " + n + ", k) or (…, " + n + ")");
        }
        int[] batchA = Arrays.copyOf(ad, ad.length - 2);
        int[] bd = b.shape().toArray();
        int[] batchB = Arrays.copyOf(bd, bd.length - (vector ? 1 : 2));
        if (!broadcasts(batchA, batchB)) {
            throw new IllegalArgumentException(op + ": the batch dimensions of A of shape " + a.shape() + " and B of"
                    + " shape " + b.shape() + ", " + Shape.of(batchA) + " and " + Shape.of(batchB)
                    + ", do not broadcast; make them equal or 1");
        }
        return LinalgSolve.apply(a, b, vector, true);
    }

    /**
     * The inverse {@code A⁻¹} of each matrix ({@code torch.linalg.inv}) by LU with partial pivoting
     * (grad fn {@code LinalgInv}). Gradient: {@code ∂A = −A⁻ᵀ·g·A⁻ᵀ}.
     *
     * @param a {@code (…, n, n)}
     * @return {@code (…, n, n)}
     * @throws IllegalArgumentException for a non-floating dtype or a non-square {@code A}
     * @throws ArithmeticException if a matrix is singular (an exactly zero pivot)
     */
    public static Tensor inv(Tensor a) {
        square("linalg.inv", a);
        return LinalgInv.apply(a);
    }

    /**
     * The determinant of each matrix ({@code torch.linalg.det}) from its LU factorisation (grad fn
     * {@code LinalgDet}); exactly 0 for a matrix whose factorisation has a zero pivot, 1 for a
     * {@code 0 × 0} one.
     *
     * <p>Gradient: {@code ∂A = g·det(A)·A⁻ᵀ}; where some matrix of the batch has {@code |det| < 100·ε},
     * the transposed adjugate {@code g·det(U)·det(Vh)·U·diag(∏_{j≠i} sⱼ)·Vh} from the SVD, which is the
     * derivative at singular matrices too (see {@code docs/linalg.md} for how PyTorch differs there).
     *
     * @param a {@code (…, n, n)}
     * @return {@code (…)}
     * @throws IllegalArgumentException for a non-floating dtype or a non-square {@code A}
     */
    public static Tensor det(Tensor a) {
        square("linalg.det", a);
        return LinalgDet.apply(a);
    }

    /**
     * The sign and the logarithm of the absolute value of each determinant ({@code torch.linalg.slogdet}),
     * from the LU factorisation, without the overflow of {@link #det} (grad fn {@code LinalgSlogdet}). A
     * singular matrix gives sign 0 and {@code −∞}.
     *
     * <p>Gradient: {@code ∂A = g_logAbsDet·A⁻ᵀ}; the sign's gradient is zero. Not differentiable at a
     * singular matrix (the gradient then holds infinities or NaN, as PyTorch's).
     *
     * @param a {@code (…, n, n)}
     * @return the sign and {@code log|det|}, each {@code (…)}
     * @throws IllegalArgumentException for a non-floating dtype or a non-square {@code A}
     */
    public static SignLogDet slogdet(Tensor a) {
        square("linalg.slogdet", a);
        return LinalgSlogdet.apply(a);
    }

    /**
     * The lower Cholesky factor {@code L}, {@code A = L·Lᵀ}, of each symmetric positive-definite matrix
     * ({@code torch.linalg.cholesky}), reading only the lower triangle of {@code A} (grad fn
     * {@code LinalgCholesky}).
     *
     * <p>Gradient (PyTorch's): {@code ∂A = L⁻ᵀ·P·L⁻¹} with {@code Φ = tril(Lᵀ·g)} and
     * {@code P = ½(Φ + tril(Φ, −1)ᵀ)}, the symmetric matrix whose lower triangle is {@code ½Φ}; the
     * gradient is symmetric.
     *
     * @param a {@code (…, n, n)}
     * @return {@code L}, {@code (…, n, n)}, lower triangular with a positive diagonal
     * @throws IllegalArgumentException for a non-floating dtype or a non-square {@code A}
     * @throws ArithmeticException if a matrix is not positive definite (naming the order of its first
     *     leading minor that is not)
     */
    public static Tensor cholesky(Tensor a) {
        square("linalg.cholesky", a);
        return LinalgCholesky.apply(a);
    }

    /**
     * The reduced QR factorisation of each matrix ({@code torch.linalg.qr(A, mode='reduced')}) by
     * Householder reflections (grad fn {@code LinalgQr}), with LAPACK's signs, so the factors are
     * PyTorch's ({@code R}'s diagonal is not normalised to be positive).
     *
     * <p>Gradient (PyTorch's {@code linalg_qr_backward}): with {@code M = gR·Rᵀ − Qᵀ·gQ}, for
     * {@code m ≥ n} {@code ∂A = (gQ + Q·copyltu(M))·R⁻ᵀ}, {@code copyltu(M) = triu(M) + triu(M, 1)ᵀ};
     * for {@code m < n} see {@code docs/linalg.md}. Needs {@code A} of full rank.
     *
     * @param a {@code (…, m, n)}
     * @return {@code Q} {@code (…, m, k)} and {@code R} {@code (…, k, n)}, {@code k = min(m, n)}
     * @throws IllegalArgumentException for a non-floating dtype or a rank below 2
     */
    public static QR qr(Tensor a) {
        matrix("linalg.qr", a);
        return LinalgQr.apply(a);
    }

    /**
     * The eigenvalues (ascending) and orthonormal eigenvectors of each symmetric matrix
     * ({@code torch.linalg.eigh}), reading only the lower triangle (grad fn {@code LinalgEigh}). Each
     * eigenvector's sign is arbitrary (EJML's).
     *
     * <p>Gradient: {@code ∂A = V·(diag(gλ) + ½(Vᵀ·gV − gVᵀ·V) / E)·Vᵀ}, {@code Eᵢⱼ = λⱼ − λᵢ}: the
     * eigenvalues' part is always finite; the eigenvectors' part is infinite or NaN for repeated
     * eigenvalues and ill-conditioned for close ones, and only sign-invariant losses of the
     * eigenvectors are well defined.
     *
     * @param a {@code (…, n, n)}
     * @return the eigenvalues {@code (…, n)} and eigenvectors {@code (…, n, n)}
     * @throws IllegalArgumentException for a non-floating dtype or a non-square {@code A}
     * @throws ArithmeticException if the iteration does not converge (a matrix with NaN or an infinity
     *     in its lower triangle gives NaN eigenvalues and eigenvectors instead, as PyTorch)
     */
    public static Eigh eigh(Tensor a) {
        square("linalg.eigh", a);
        return LinalgEigh.apply(a);
    }

    /**
     * The reduced singular value decomposition of each matrix ({@code torch.linalg.svd(A,
     * full_matrices=False)}; grad fn {@code LinalgSvd}), singular values descending. Each pair of a
     * column of {@code U} and a row of {@code Vh} is defined up to a common sign.
     *
     * <p>Gradient: PyTorch's {@code svd_backward} (see {@link LinalgSvd} and {@code docs/linalg.md}):
     * the singular values' part {@code U·diag(gS)·Vh} is always finite; the singular vectors' parts
     * divide by {@code Sⱼ² − Sᵢ²} (and, for a rectangular {@code A}, by {@code S}), so they are infinite
     * or NaN for repeated (or, rectangular, zero) singular values, and only losses invariant under the
     * sign flips are well defined.
     *
     * @param a {@code (…, m, n)}
     * @return {@code U} {@code (…, m, k)}, {@code S} {@code (…, k)}, {@code Vh} {@code (…, k, n)}, {@code k = min(m, n)}
     * @throws IllegalArgumentException for a non-floating dtype or a rank below 2
     * @throws ArithmeticException if a matrix holds NaN or an infinity (as PyTorch), or the iteration does
     *     not converge
     */
    public static SVD svd(Tensor a) {
        matrix("linalg.svd", a);
        return LinalgSvd.apply(a, true);
    }

    /**
     * The singular values of each matrix, descending ({@code torch.linalg.svdvals}). The singular
     * vectors are computed only when {@code A} requires grad; the result's node is then the
     * {@code S} output of {@link #svd}, with the gradient {@code ∂A = U·diag(g)·Vh}, finite everywhere.
     *
     * @param a {@code (…, m, n)}
     * @return {@code (…, min(m, n))}
     * @throws IllegalArgumentException for a non-floating dtype or a rank below 2
     * @throws ArithmeticException if a matrix holds NaN or an infinity (as PyTorch), or the iteration does
     *     not converge
     */
    public static Tensor svdvals(Tensor a) {
        matrix("linalg.svdvals", a);
        return LinalgSvd.apply(a, false).s();
    }

    // ------------------------------------------------------------------ argument checks

    private static void floating(String op, String name, Tensor t) {
        DType d = t.dtype();
        if (!d.isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": " + name + " of shape " + t.shape() + " has dtype " + d.label()
                    + "; linear algebra needs float32 or float64: convert it with to(DType.FLOAT64)");
        }
    }

    private static void matrix(String op, Tensor a) {
        floating(op, "A", a);
        if (a.dim() < 2) {
            throw new IllegalArgumentException(op + ": A of shape " + a.shape() + " has " + a.dim() + " dimension"
                    + (a.dim() == 1 ? "" : "s") + "; it needs at least 2: a matrix (m, n) or a batch of them (…, m, n)");
        }
    }

    private static void square(String op, Tensor a) {
        matrix(op, a);
        if (Mat.rows(a) != Mat.last(a)) {
            throw new IllegalArgumentException(op + ": A of shape " + a.shape() + " is not square: its last two"
                    + " dimensions are " + Mat.rows(a) + " and " + Mat.last(a) + "; pass a square matrix (n, n) or a"
                    + " batch of them (…, n, n)");
        }
    }

    private static boolean broadcasts(int[] a, int[] b) {
        for (int i = 1; i <= Math.min(a.length, b.length); i++) {
            int x = a[a.length - i];
            int y = b[b.length - i];
            if (x != y && x != 1 && y != 1) {
                return false;
            }
        }
        return true;
    }
}
