package io.jgrad.ndarray;

import io.jgrad.DType;
import io.jgrad.Shape;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;
import org.ejml.dense.row.decomposition.lu.LUDecompositionAlt_DDRM;
import org.ejml.dense.row.decomposition.qr.QRDecompositionHouseholderColumn_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.linsol.lu.LinearSolverLu_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Batched matrix decompositions on EJML: LU (solve, inverse, determinant), Cholesky, QR, the
 * symmetric eigendecomposition and the SVD, plus triangular solves. Arrays are batches of matrices
 * {@code (…, m, n)}, row-major; each matrix of the batch is copied into an EJML {@code DMatrixRMaj},
 * decomposed, and its factors copied out. Float32 arrays are computed in float64 and rounded once
 * (EJML's dense row-major routines are float64), so a float32 result is the float64 one rounded.
 *
 * <p>Failures follow LAPACK, as PyTorch reports them: a matrix is singular for {@link #solve} and
 * {@link #inv} when its LU factorisation (partial pivoting) has a pivot that is exactly zero, and
 * not positive definite for {@link #cholesky} when a leading minor's pivot is not positive (or is
 * NaN). Both throw {@link ArithmeticException} naming the operation, the shape and the batch index.
 * The arguments are validated by the caller ({@code io.jgrad.linalg}): here shapes are taken as given.
 */
public final class Decompositions {

    private Decompositions() {
    }

    // ------------------------------------------------------------------ LU: solve, inv, det

    /**
     * {@code X = A⁻¹·B} for each matrix of the batch, the batch dimensions broadcast.
     *
     * @param op the operation, for error messages
     * @param a {@code (…a, n, n)}
     * @param b {@code (…b, n, k)}, of {@code a}'s dtype
     * @param check whether a singular matrix throws; without it the result holds infinities or NaN
     *     there (for backward formulas, which PyTorch lets overflow)
     * @return {@code (…, n, k)} with {@code …} the broadcast of {@code …a} and {@code …b}
     * @throws ArithmeticException if {@code check} and a matrix of {@code a} is singular
     */
    public static NDArray solve(String op, NDArray a, NDArray b, boolean check) {
        int n = last(a.shape());
        int k = last(b.shape());
        Shape batchA = batch(a.shape());
        Shape batchB = batch(b.shape());
        Shape batch = Broadcast.shape(op, batchA, batchB);
        int count = batch.numel();
        int[] ai = sourceIndex(batchA, batch);
        int[] bi = sourceIndex(batchB, batch);
        double[] da = doubles(a);
        double[] db = doubles(b);
        double[] out = new double[count * n * k];
        LinearSolverLu_DDRM solver = new LinearSolverLu_DDRM(new LUDecompositionAlt_DDRM());
        DMatrixRMaj x = new DMatrixRMaj(n, k);
        int factored = -1;
        for (int i = 0; i < count && n > 0 && k > 0; i++) {
            if (ai[i] != factored) { // a broadcast A is factored once
                solver.setA(matrix(da, ai[i], n, n));
                factored = ai[i];
                if (check) {
                    int zero = zeroPivot(solver.getDecomposition().getLU());
                    if (zero >= 0) {
                        throw singular(op, a.shape(), ai[i], zero);
                    }
                }
            }
            solver.solve(matrix(db, bi[i], n, k), x);
            System.arraycopy(x.data, 0, out, i * n * k, n * k);
        }
        return result(out, a.dtype(), withMatrix(batch, n, k));
    }

    /**
     * {@code A⁻¹} for each matrix of the batch.
     *
     * @param op the operation, for error messages
     * @param a {@code (…, n, n)}
     * @return {@code (…, n, n)}, the inverses
     * @throws ArithmeticException if a matrix is singular
     */
    public static NDArray inv(String op, NDArray a) {
        int n = last(a.shape());
        int count = batch(a.shape()).numel();
        double[] da = doubles(a);
        double[] out = new double[da.length];
        LinearSolverLu_DDRM solver = new LinearSolverLu_DDRM(new LUDecompositionAlt_DDRM());
        DMatrixRMaj x = new DMatrixRMaj(n, n);
        for (int i = 0; i < count && n > 0; i++) {
            solver.setA(matrix(da, i, n, n));
            int zero = zeroPivot(solver.getDecomposition().getLU());
            if (zero >= 0) {
                throw singular(op, a.shape(), i, zero);
            }
            solver.invert(x);
            System.arraycopy(x.data, 0, out, i * n * n, n * n);
        }
        return result(out, a.dtype(), a.shape());
    }

    /**
     * The determinant of each matrix, from its LU factorisation: the sign of the row permutation
     * times the product of the pivots (exactly 0 when a pivot is; 1 for a {@code 0 × 0} matrix).
     *
     * @param a {@code (…, n, n)}
     * @return {@code (…)}
     */
    public static NDArray det(NDArray a) {
        int n = last(a.shape());
        Shape batch = batch(a.shape());
        double[] da = doubles(a);
        double[] out = new double[batch.numel()];
        LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
        for (int i = 0; i < out.length; i++) {
            if (n == 0) {
                out[i] = 1;
                continue;
            }
            lu.decompose(matrix(da, i, n, n));
            out[i] = lu.computeDeterminant().real;
        }
        return result(out, a.dtype(), batch);
    }

    /**
     * The sign and the log of the absolute value of each determinant, from the LU factorisation:
     * {@code sign = ±1} (the permutation's sign times the pivots' signs), {@code log|det| = Σ log|uᵢᵢ|};
     * a zero pivot gives sign 0 and {@code −∞}, as PyTorch.
     *
     * @param a {@code (…, n, n)}
     * @return {@code {sign, logAbsDet}}, each {@code (…)}
     */
    public static NDArray[] slogdet(NDArray a) {
        int n = last(a.shape());
        Shape batch = batch(a.shape());
        double[] da = doubles(a);
        double[] sign = new double[batch.numel()];
        double[] logAbs = new double[sign.length];
        LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
        for (int i = 0; i < sign.length; i++) {
            if (n == 0) {
                sign[i] = 1;
                continue;
            }
            lu.decompose(matrix(da, i, n, n));
            // the permutation's sign is the determinant of the unit-diagonal LU with the pivots set to 1
            double s = permutationSign(lu.getPivot(), n);
            double sum = 0;
            double[] f = lu.getLU().data;
            for (int j = 0; j < n; j++) {
                double u = f[j * n + j];
                s *= Math.signum(u);
                sum += Math.log(Math.abs(u));
            }
            sign[i] = s;
            logAbs[i] = s == 0 ? Double.NEGATIVE_INFINITY : sum;
        }
        return new NDArray[] {result(sign, a.dtype(), batch), result(logAbs, a.dtype(), batch)};
    }

    // ------------------------------------------------------------------ Cholesky and triangular solves

    /**
     * The lower Cholesky factor {@code L} of each matrix, {@code A = L·Lᵀ}, reading only the lower
     * triangle of {@code A} (the upper one is taken as its mirror), the upper triangle of {@code L} zero.
     *
     * @param op the operation, for error messages
     * @param a {@code (…, n, n)}
     * @return {@code (…, n, n)}, the factors
     * @throws ArithmeticException if a matrix is not positive definite, naming the order of the
     *     first leading minor that is not
     */
    public static NDArray cholesky(String op, NDArray a) {
        int n = last(a.shape());
        int count = batch(a.shape()).numel();
        double[] da = doubles(a);
        double[] out = new double[da.length];
        CholeskyDecompositionInner_DDRM chol = new CholeskyDecompositionInner_DDRM(true);
        for (int i = 0; i < count && n > 0; i++) {
            DMatrixRMaj m = symmetricFromLower(da, i, n);
            // decompose works in place on m; a NaN pivot passes EJML's "≤ 0" test, LAPACK rejects it
            if (!chol.decompose(m) || hasNaNDiagonal(m.data, n)) {
                throw notPositiveDefinite(op, a.shape(), i, failingMinor(da, i, n));
            }
            System.arraycopy(m.data, 0, out, i * n * n, n * n);
        }
        return result(out, a.dtype(), a.shape());
    }

    /**
     * {@code X = A⁻¹·B} ({@code left}) or {@code X = B·A⁻¹} for triangular {@code A}, reading only
     * the triangle given by {@code upper}; batch dimensions broadcast. A zero on the diagonal gives
     * infinities or NaN, as LAPACK's {@code trsm} (no check: this serves backward formulas).
     *
     * @param a {@code (…a, n, n)}
     * @param b {@code (…b, n, k)} when {@code left}, {@code (…b, k, n)} otherwise; {@code a}'s dtype
     * @param upper whether {@code A} is upper triangular (else lower)
     * @param left whether {@code A} is on the left of {@code X}
     * @return the broadcast batch of solutions, of {@code b}'s matrix shape
     */
    public static NDArray solveTriangular(NDArray a, NDArray b, boolean upper, boolean left) {
        int n = last(a.shape());
        Shape sb = b.shape();
        int rows = sb.get(sb.rank() - 2);
        int cols = last(sb);
        Shape batchA = batch(a.shape());
        Shape batchB = batch(sb);
        Shape batch = Broadcast.shape("solveTriangular", batchA, batchB);
        int count = batch.numel();
        int[] ai = sourceIndex(batchA, batch);
        int[] bi = sourceIndex(batchB, batch);
        double[] da = doubles(a);
        double[] db = doubles(b);
        double[] out = new double[count * rows * cols];
        // X·A = B is Aᵀ·Xᵀ = Bᵀ: a left solve with the other triangle, column by column of Xᵀ (rows of X)
        int k = left ? cols : rows;
        double[] tri = new double[n * n];
        double[] v = new double[n];
        for (int i = 0; i < count && n > 0; i++) {
            int offA = ai[i] * n * n;
            boolean lower = !upper;
            if (left) {
                System.arraycopy(da, offA, tri, 0, n * n);
            } else {
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < n; c++) {
                        tri[c * n + r] = da[offA + r * n + c];
                    }
                }
                lower = upper;
            }
            int offB = bi[i] * rows * cols;
            int offX = i * rows * cols;
            for (int j = 0; j < k; j++) {
                for (int r = 0; r < n; r++) {
                    v[r] = left ? db[offB + r * cols + j] : db[offB + j * cols + r];
                }
                if (lower) {
                    TriangularSolver_DDRM.solveL(tri, v, n);
                } else {
                    TriangularSolver_DDRM.solveU(tri, v, n);
                }
                for (int r = 0; r < n; r++) {
                    out[left ? offX + r * cols + j : offX + j * cols + r] = v[r];
                }
            }
        }
        return result(out, a.dtype(), withMatrix(batch, rows, cols));
    }

    // ------------------------------------------------------------------ QR, eigh, SVD

    /**
     * The reduced QR factorisation of each matrix by Householder reflections: {@code A = Q·R} with
     * {@code Q} {@code (…, m, k)} of orthonormal columns and {@code R} {@code (…, k, n)} upper
     * triangular, {@code k = min(m, n)}, with LAPACK's signs (so PyTorch's factors): {@code R}'s diagonal
     * is {@code −sign(x₀)·‖x‖} for each reflected column {@code x}, and a column already zero below the
     * diagonal (the last one when {@code m ≤ n}) is not reflected.
     *
     * @param a {@code (…, m, n)}
     * @return {@code {Q, R}}
     */
    public static NDArray[] qr(NDArray a) {
        Shape s = a.shape();
        int m = s.get(s.rank() - 2);
        int n = last(s);
        int k = Math.min(m, n);
        Shape batch = batch(s);
        int count = batch.numel();
        double[] da = doubles(a);
        double[] q = new double[count * m * k];
        double[] r = new double[count * k * n];
        QRDecompositionHouseholderColumn_DDRM qr = new QRDecompositionHouseholderColumn_DDRM();
        for (int i = 0; i < count && k > 0; i++) {
            qr.decompose(matrix(da, i, m, n)); // false only for a zero column, which is no error for QR
            DMatrixRMaj mq = qr.getQ(null, true);
            DMatrixRMaj mr = qr.getR(null, true);
            lapackSigns(qr, mq, mr, m, n, k);
            System.arraycopy(mq.data, 0, q, i * m * k, m * k);
            System.arraycopy(mr.data, 0, r, i * k * n, k * n);
        }
        return new NDArray[] {result(q, a.dtype(), withMatrix(batch, m, k)),
            result(r, a.dtype(), withMatrix(batch, k, n))};
    }

    /**
     * The eigendecomposition of each symmetric matrix, read from its lower triangle (the upper one
     * is taken as its mirror), by EJML's symmetric QR algorithm: eigenvalues in ascending order and
     * orthonormal eigenvectors as the columns of {@code V}, {@code A = V·diag(λ)·Vᵀ}. Each
     * eigenvector's sign is EJML's choice (any sign is an eigenvector).
     *
     * A matrix whose lower triangle holds NaN or an infinity gives NaN eigenvalues and eigenvectors,
     * as LAPACK's {@code syevd} (and so PyTorch).
     *
     * @param op the operation, for error messages
     * @param a {@code (…, n, n)}
     * @return {@code {eigenvalues (…, n), eigenvectors (…, n, n)}}
     * @throws ArithmeticException if the iteration does not converge on a finite matrix
     */
    public static NDArray[] eigh(String op, NDArray a) {
        int n = last(a.shape());
        Shape batch = batch(a.shape());
        int count = batch.numel();
        double[] da = doubles(a);
        double[] values = new double[count * n];
        double[] vectors = new double[count * n * n];
        EigenDecomposition_F64<DMatrixRMaj> eig = n > 0 ? DecompositionFactory_DDRM.eig(n, true, true) : null;
        for (int i = 0; i < count && n > 0; i++) {
            DMatrixRMaj m = symmetricFromLower(da, i, n);
            if (!allFinite(m.data)) { // LAPACK's syevd, and so PyTorch, return NaN for these
                Arrays.fill(values, i * n, (i + 1) * n, Double.NaN);
                Arrays.fill(vectors, i * n * n, (i + 1) * n * n, Double.NaN);
                continue;
            }
            if (!eig.decompose(m)) {
                throw new ArithmeticException(op + ": the eigenvalue iteration did not converge for the matrix at"
                        + " batch index " + i + " of A, shape " + a.shape());
            }
            Integer[] order = new Integer[n];
            double[] lambda = new double[n];
            for (int j = 0; j < n; j++) {
                order[j] = j;
                lambda[j] = eig.getEigenvalue(j).real;
            }
            Arrays.sort(order, (x, y) -> Double.compare(lambda[x], lambda[y]));
            for (int j = 0; j < n; j++) {
                values[i * n + j] = lambda[order[j]];
                double[] v = eig.getEigenVector(order[j]).data;
                for (int r = 0; r < n; r++) {
                    vectors[i * n * n + r * n + j] = v[r];
                }
            }
        }
        return new NDArray[] {result(values, a.dtype(), withVector(batch, n)),
            result(vectors, a.dtype(), a.shape())};
    }

    /**
     * The reduced singular value decomposition of each matrix, {@code A = U·diag(S)·Vh}, by EJML's
     * implicit-shift QR SVD, singular values in descending order: {@code U} {@code (…, m, k)},
     * {@code S} {@code (…, k)}, {@code Vh} {@code (…, k, n)}, {@code k = min(m, n)}.
     *
     * @param op the operation, for error messages
     * @param a {@code (…, m, n)}
     * @param computeUV whether to compute {@code U} and {@code Vh} (otherwise they are {@code null})
     * @return {@code {U, S, Vh}}
     * @throws ArithmeticException if a matrix holds NaN or an infinity (as PyTorch), or the iteration
     *     does not converge
     */
    public static NDArray[] svd(String op, NDArray a, boolean computeUV) {
        Shape s = a.shape();
        int m = s.get(s.rank() - 2);
        int n = last(s);
        int k = Math.min(m, n);
        Shape batch = batch(s);
        int count = batch.numel();
        double[] da = doubles(a);
        double[] u = computeUV ? new double[count * m * k] : null;
        double[] sv = new double[count * k];
        double[] vh = computeUV ? new double[count * k * n] : null;
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                k > 0 ? DecompositionFactory_DDRM.svd(m, n, computeUV, computeUV, true) : null;
        for (int i = 0; i < count && k > 0; i++) {
            DMatrixRMaj mi = matrix(da, i, m, n);
            if (!allFinite(mi.data)) {
                throw new ArithmeticException(op + ": the matrix at batch index " + i + " of A, shape " + s
                        + ", contains non-finite values (NaN or infinity), on which the SVD iteration cannot converge;"
                        + " check the computation that produced it");
            }
            if (!svd.decompose(mi)) {
                throw new ArithmeticException(op + ": the SVD iteration did not converge for the matrix at batch index "
                        + i + " of A, shape " + s);
            }
            double[] values = svd.getSingularValues().clone();
            if (computeUV) {
                DMatrixRMaj mu = svd.getU(null, false);
                DMatrixRMaj mvh = svd.getV(null, true);
                SingularOps_DDRM.descendingOrder(mu, false, values, k, mvh, true);
                System.arraycopy(mu.data, 0, u, i * m * k, m * k);
                System.arraycopy(mvh.data, 0, vh, i * k * n, k * n);
            } else {
                double[] sorted = Arrays.copyOf(values, k);
                Arrays.sort(sorted);
                for (int j = 0; j < k; j++) {
                    values[j] = sorted[k - 1 - j];
                }
            }
            System.arraycopy(values, 0, sv, i * k, k);
        }
        return new NDArray[] {computeUV ? result(u, a.dtype(), withMatrix(batch, m, k)) : null,
            result(sv, a.dtype(), withVector(batch, k)),
            computeUV ? result(vh, a.dtype(), withMatrix(batch, k, n)) : null};
    }

    // ------------------------------------------------------------------ constant matrices

    /**
     * A {@code (rows, cols)} matrix of ones on and below ({@code upper} false) or on and above
     * ({@code upper} true) diagonal {@code diagonal} (0 the main one, positive above, negative
     * below, as {@code torch.tril}/{@code triu}), zeros elsewhere: the mask that {@code tril}/{@code triu}
     * multiply by.
     *
     * @param dtype the element type
     * @param rows the number of rows
     * @param cols the number of columns
     * @param diagonal which diagonal: 0 the main one, positive above it, negative below
     * @param upper whether to keep the upper triangle (else the lower)
     * @return the mask, {@code (rows, cols)}
     */
    public static NDArray triangleMask(DType dtype, int rows, int cols, int diagonal, boolean upper) {
        double[] d = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                boolean in = upper ? c - r >= diagonal : c - r <= diagonal;
                d[r * cols + c] = in ? 1 : 0;
            }
        }
        return Casts.to(new NDArray(d, Shape.of(rows, cols)), dtype);
    }

    /**
     * {@return the {@code (rows, cols)} matrix with ones on its main diagonal: the first columns of an identity}
     *
     * @param dtype the element type
     * @param rows the number of rows
     * @param cols the number of columns
     */
    public static NDArray eye(DType dtype, int rows, int cols) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < Math.min(rows, cols); i++) {
            d[i * cols + i] = 1;
        }
        return Casts.to(new NDArray(d, Shape.of(rows, cols)), dtype);
    }

    /**
     * LAPACK's {@code dlarfg} does not reflect a column whose part below the diagonal is zero (its
     * {@code tau} is 0); EJML reflects it with {@code H = I − 2·eⱼ·eⱼᵀ}, which only negates row {@code j}
     * of {@code R} and column {@code j} of {@code Q} (the later reflections never touch row {@code j}).
     * Undoing those negations gives LAPACK's factors.
     */
    private static void lapackSigns(QRDecompositionHouseholderColumn_DDRM qr, DMatrixRMaj q, DMatrixRMaj r,
                                    int m, int n, int k) {
        double[][] columns = qr.getQR();
        double[] gammas = qr.getGammas();
        for (int j = 0; j < k; j++) {
            boolean zeroTail = true;
            for (int i = j + 1; i < m && zeroTail; i++) {
                zeroTail = columns[j][i] == 0;
            }
            if (gammas[j] != 0 && zeroTail) {
                for (int i = 0; i < m; i++) {
                    q.data[i * k + j] = 0.0 - q.data[i * k + j]; // 0 − x: a zero stays +0
                }
                for (int c = j; c < n; c++) {
                    r.data[j * n + c] = 0.0 - r.data[j * n + c];
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static int last(Shape s) {
        return s.get(s.rank() - 1);
    }

    /** @return the leading (batch) dimensions of a batch of matrices */
    private static Shape batch(Shape s) {
        return Shape.of(Arrays.copyOf(s.toArray(), s.rank() - 2));
    }

    private static Shape withMatrix(Shape batch, int rows, int cols) {
        int[] d = Arrays.copyOf(batch.toArray(), batch.rank() + 2);
        d[batch.rank()] = rows;
        d[batch.rank() + 1] = cols;
        return Shape.of(d);
    }

    private static Shape withVector(Shape batch, int n) {
        int[] d = Arrays.copyOf(batch.toArray(), batch.rank() + 1);
        d[batch.rank()] = n;
        return Shape.of(d);
    }

    /** For each element of {@code batch}, the flat index of the element of {@code own} it is broadcast from. */
    private static int[] sourceIndex(Shape own, Shape batch) {
        double[] idx = new double[own.numel()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        return Casts.toInts(Movement.expand(new NDArray(idx, own), batch));
    }

    private static double[] doubles(NDArray x) {
        return Casts.to(x, DType.FLOAT64).data();
    }

    /** A copy of matrix {@code i} of a batch, as EJML's matrix. */
    private static DMatrixRMaj matrix(double[] data, int i, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        System.arraycopy(data, i * rows * cols, m.data, 0, rows * cols);
        return m;
    }

    /** Matrix {@code i} of a batch with its strict upper triangle replaced by the mirror of its lower one. */
    private static DMatrixRMaj symmetricFromLower(double[] data, int i, int n) {
        DMatrixRMaj m = matrix(data, i, n, n);
        for (int r = 0; r < n; r++) {
            for (int c = r + 1; c < n; c++) {
                m.data[r * n + c] = m.data[c * n + r];
            }
        }
        return m;
    }

    private static NDArray result(double[] values, DType dtype, Shape shape) {
        return Casts.to(new NDArray(values, shape), dtype);
    }

    /** @return the index of the first exactly-zero diagonal element of an LU factorisation, or -1 */
    private static int zeroPivot(DMatrixRMaj lu) {
        int n = lu.numCols;
        for (int j = 0; j < n; j++) {
            if (lu.data[j * n + j] == 0) {
                return j;
            }
        }
        return -1;
    }

    /** The sign of the permutation that EJML's pivot vector describes ({@code pivot[i]} = source row of row i). */
    private static double permutationSign(int[] pivot, int n) {
        boolean[] seen = new boolean[n];
        int swaps = 0;
        for (int i = 0; i < n; i++) {
            int len = 0;
            for (int j = i; !seen[j]; j = pivot[j]) {
                seen[j] = true;
                len++;
            }
            if (len > 0) {
                swaps += len - 1;
            }
        }
        return swaps % 2 == 0 ? 1 : -1;
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasNaNDiagonal(double[] m, int n) {
        for (int j = 0; j < n; j++) {
            if (Double.isNaN(m[j * n + j])) {
                return true;
            }
        }
        return false;
    }

    /** The order of the first leading minor of matrix {@code i} that Cholesky rejects (only on the error path). */
    private static int failingMinor(double[] data, int i, int n) {
        DMatrixRMaj full = symmetricFromLower(data, i, n);
        CholeskyDecompositionInner_DDRM chol = new CholeskyDecompositionInner_DDRM(true);
        for (int order = 1; order < n; order++) {
            DMatrixRMaj minor = new DMatrixRMaj(order, order);
            for (int r = 0; r < order; r++) {
                System.arraycopy(full.data, r * n, minor.data, r * order, order);
            }
            if (!chol.decompose(minor) || hasNaNDiagonal(minor.data, order)) {
                return order;
            }
        }
        return n;
    }

    private static ArithmeticException singular(String op, Shape shape, int batchIndex, int pivot) {
        return new ArithmeticException(op + ": the matrix at batch index " + batchIndex + " of A, shape " + shape
                + ", is singular: pivot " + pivot + " of its LU factorisation (diagonal element " + pivot
                + " of U, counting from 0) is exactly zero, so it has no inverse; check it for linearly dependent"
                + " rows or columns, or regularise it (add a small multiple of the identity)");
    }

    private static ArithmeticException notPositiveDefinite(String op, Shape shape, int batchIndex, int order) {
        return new ArithmeticException(op + ": the matrix at batch index " + batchIndex + " of A, shape " + shape
                + ", is not positive definite: its leading minor of order " + order + " is not (the factorisation"
                + " met a pivot ≤ 0 or NaN); pass a symmetric positive-definite matrix (only its lower triangle is"
                + " read), or add a small multiple of the identity (jitter) to make it one");
    }
}
