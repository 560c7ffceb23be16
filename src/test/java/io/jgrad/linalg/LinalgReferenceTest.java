package io.jgrad.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.DType;
import io.jgrad.GradMode;
import io.jgrad.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The forward values of {@link Linalg} against what they must satisfy, checked with plain loops
 * written here: {@code A·X = B}, {@code A·A⁻¹ = I}, the determinant by cofactor expansion,
 * {@code A = L·Lᵀ}, {@code A = Q·R}, {@code A = V·diag(λ)·Vᵀ}, {@code A = U·diag(S)·Vh} with orthonormal
 * factors, triangular and ordered as promised; batched calls against a loop over single matrices;
 * broadcasting; empty shapes; float32 against float64; the nodes' names.
 */
class LinalgReferenceTest {

    private static final double TOL = 1e-12;
    private final Random rng = new Random(99);

    // ------------------------------------------------------------------ solve, inv, det, slogdet

    @Test
    void solveSatisfiesTheEquationsForMatricesAndVectors() {
        Tensor a = wellConditioned(4, 4);
        Tensor b = normal(4, 3);
        assertThat(maxAbs(minus(product(a, Linalg.solve(a, b)), b.toArray()))).isLessThan(TOL);

        Tensor v = normal(4);
        Tensor x = Linalg.solve(a, v);
        assertThat(x.shape().toArray()).containsExactly(4);
        assertThat(maxAbs(minus(product(a, x.reshape(4, 1)), v.toArray()))).isLessThan(TOL);
    }

    @Test
    void batchedSolveEqualsALoopOverItsMatricesWithBroadcasting() {
        Tensor a = wellConditioned(2, 1, 3, 3);
        Tensor b = normal(4, 3, 2);
        Tensor x = Linalg.solve(a, b);
        assertThat(x.shape().toArray()).containsExactly(2, 4, 3, 2);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(x.get(i, j).toArray()).containsExactly(Linalg.solve(a.get(i, 0), b.get(j)).toArray());
            }
        }
        // (…, n) with A's batch is a batch of vectors; (n,) broadcasts over A's batch
        Tensor a2 = wellConditioned(2, 3, 3);
        Tensor vs = normal(2, 3);
        assertThat(Linalg.solve(a2, vs).shape().toArray()).containsExactly(2, 3);
        assertThat(Linalg.solve(a2, vs).get(1).toArray()).containsExactly(Linalg.solve(a2.get(1), vs.get(1)).toArray());
        assertThat(Linalg.solve(a2, normal(3)).shape().toArray()).containsExactly(2, 3);
        // (3, 3) with (2, 3, 3): B is matrices (its shape is not A's without the last dimension)
        assertThat(Linalg.solve(normal(3, 3).add(Tensor.eye(3).mul(3.0)), normal(2, 3, 3)).shape().toArray())
                .containsExactly(2, 3, 3);
    }

    @Test
    void invTimesTheMatrixIsTheIdentityAndBatchesLoop() {
        Tensor a = wellConditioned(3, 4, 4);
        Tensor inv = Linalg.inv(a);
        for (int i = 0; i < 3; i++) {
            assertThat(maxAbs(minus(product(a.get(i), inv.get(i)), Tensor.eye(4).toArray()))).isLessThan(TOL);
            assertThat(inv.get(i).toArray()).containsExactly(Linalg.inv(a.get(i)).toArray());
        }
    }

    @Test
    void detEqualsTheCofactorExpansionAndSlogdetAgrees() {
        for (int n = 1; n <= 5; n++) {
            Tensor a = normal(n, n);
            double expected = cofactorDet(a.toArray(), n);
            assertThat(Linalg.det(a).item()).isCloseTo(expected, within(1e-12 * (1 + Math.abs(expected))));
            Linalg.SignLogDet s = Linalg.slogdet(a);
            assertThat(s.sign().item()).isEqualTo(Math.signum(expected));
            assertThat(s.logAbsDet().item()).isCloseTo(Math.log(Math.abs(expected)), within(1e-12));
        }
        Tensor batch = normal(2, 3, 3, 3);
        Tensor det = Linalg.det(batch);
        assertThat(det.shape().toArray()).containsExactly(2, 3);
        assertThat(det.getDouble(1, 2)).isEqualTo(Linalg.det(batch.get(1, 2)).item());
    }

    @Test
    void singularMatricesHaveDeterminantZeroAndSlogdetSignZeroAndMinusInfinity() {
        Tensor a = Tensor.of(new double[][][] {{{1, 2}, {2, 4}}, {{0, 0}, {0, 0}}, {{2, 1}, {1, 1}}});
        // −0.0 or 0.0, as the pivots' signs fall (PyTorch prints -0. for the first)
        double[] det = Linalg.det(a).toArray();
        assertThat(det[0] == 0 && det[1] == 0 && det[2] == 1).as("det %s", java.util.Arrays.toString(det)).isTrue();
        Linalg.SignLogDet s = Linalg.slogdet(a);
        double[] sign = s.sign().toArray();
        assertThat(sign[0] == 0 && sign[1] == 0 && sign[2] == 1).as("sign %s", java.util.Arrays.toString(sign)).isTrue();
        assertThat(s.logAbsDet().toArray()).containsExactly(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0);
        assertThat(Linalg.slogdet(Tensor.of(new double[][] {{0, 1}, {1, 0}})).sign().item()).isEqualTo(-1.0);
    }

    @Test
    void detGradientAtASingularMatrixIsTheAdjugateWithOrWithoutCreateGraph() {
        Tensor a = Tensor.of(new double[][] {{1, 2}, {2, 4}}).requiresGrad(true);
        Linalg.det(a).backward();
        assertThat(maxAbs(minus(a.grad().toArray(), new double[] {4, -2, -2, 1}))).isLessThan(1e-12);
    }

    @Test
    void emptyAndZeroSizeMatricesAsPyTorch() {
        assertThat(Linalg.det(Tensor.zeros(0, 0)).item()).isEqualTo(1.0);
        assertThat(Linalg.slogdet(Tensor.zeros(0, 0)).logAbsDet().item()).isEqualTo(0.0);
        assertThat(Linalg.det(Tensor.zeros(2, 0, 0)).toArray()).containsExactly(1.0, 1.0);
        assertThat(Linalg.det(Tensor.zeros(0, 3, 3)).shape().toArray()).containsExactly(0);
        assertThat(Linalg.inv(Tensor.zeros(0, 0)).shape().toArray()).containsExactly(0, 0);
        assertThat(Linalg.solve(Tensor.zeros(0, 2, 2), Tensor.zeros(0, 2, 1)).shape().toArray()).containsExactly(0, 2, 1);
        assertThat(Linalg.cholesky(Tensor.zeros(2, 0, 0)).shape().toArray()).containsExactly(2, 0, 0);
        Linalg.QR qr = Linalg.qr(Tensor.zeros(3, 0));
        assertThat(qr.q().shape().toArray()).containsExactly(3, 0);
        assertThat(qr.r().shape().toArray()).containsExactly(0, 0);
        assertThat(Linalg.qr(Tensor.zeros(0, 3)).r().shape().toArray()).containsExactly(0, 3);
        Linalg.Eigh e = Linalg.eigh(Tensor.zeros(0, 0));
        assertThat(e.eigenvalues().shape().toArray()).containsExactly(0);
        Linalg.SVD d = Linalg.svd(Tensor.zeros(3, 0));
        assertThat(d.u().shape().toArray()).containsExactly(3, 0);
        assertThat(d.s().shape().toArray()).containsExactly(0);
        assertThat(d.vh().shape().toArray()).containsExactly(0, 0);
    }

    // ------------------------------------------------------------------ decompositions

    @Test
    void choleskyFactorIsLowerWithAPositiveDiagonalAndReconstructs() {
        Tensor x = normal(2, 4, 4);
        Tensor a = x.matmul(x.transpose(-2, -1)).add(Tensor.eye(4));
        Tensor l = Linalg.cholesky(a);
        for (int b = 0; b < 2; b++) {
            double[] lb = l.get(b).toArray();
            for (int i = 0; i < 4; i++) {
                assertThat(lb[i * 4 + i]).isPositive();
                for (int j = i + 1; j < 4; j++) {
                    assertThat(lb[i * 4 + j]).isEqualTo(0.0);
                }
            }
            assertThat(maxAbs(minus(productTransB(lb, lb, 4, 4, 4), a.get(b).toArray()))).isLessThan(TOL);
            assertThat(l.get(b).toArray()).containsExactly(Linalg.cholesky(a.get(b)).toArray());
        }
        // only the lower triangle is read
        Tensor garbageAbove = a.get(0).add(Mat.triu(normal(4, 4), 1).mul(100.0));
        assertThat(Linalg.cholesky(garbageAbove).toArray()).containsExactly(l.get(0).toArray());
    }

    @Test
    void qrReconstructsWithOrthonormalQAndUpperTriangularR() {
        for (int[] s : new int[][] {{5, 3}, {3, 3}, {3, 5}}) {
            Tensor a = normal(2, s[0], s[1]);
            Linalg.QR qr = Linalg.qr(a);
            int k = Math.min(s[0], s[1]);
            assertThat(qr.q().shape().toArray()).containsExactly(2, s[0], k);
            assertThat(qr.r().shape().toArray()).containsExactly(2, k, s[1]);
            for (int b = 0; b < 2; b++) {
                double[] q = qr.q().get(b).toArray();
                double[] r = qr.r().get(b).toArray();
                assertThat(maxAbs(minus(product(q, r, s[0], k, s[1]), a.get(b).toArray()))).isLessThan(TOL);
                assertThat(maxAbs(minus(productTransA(q, q, s[0], k, k), Tensor.eye(k).toArray()))).isLessThan(TOL);
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < Math.min(i, s[1]); j++) {
                        assertThat(r[i * s[1] + j]).isEqualTo(0.0);
                    }
                }
                assertThat(q).containsExactly(Linalg.qr(a.get(b)).q().toArray());
            }
        }
    }

    @Test
    void qrKeepsLapacksSignsWhereNoReflectionIsNeeded() {
        // LAPACK (and so PyTorch) reflects no column that is already zero below the diagonal
        Linalg.QR qr = Linalg.qr(Tensor.eye(3));
        assertThat(qr.q().toArray()).containsExactly(Tensor.eye(3).toArray());
        assertThat(qr.r().toArray()).containsExactly(Tensor.eye(3).toArray());
        Tensor upper = Tensor.of(new double[][] {{2, 1}, {0, -3}});
        assertThat(Linalg.qr(upper).r().toArray()).containsExactly(2.0, 1.0, 0.0, -3.0);
        // the last diagonal element of a square R, as torch.linalg.qr gives it
        assertThat(Linalg.qr(Tensor.of(new double[][] {{1, 2}, {4, 5}})).r().getDouble(1, 1))
                .isCloseTo(-0.7276068751089989, within(1e-15));
    }

    @Test
    void eighReconstructsFromTheLowerTriangleWithAscendingEigenvalues() {
        Tensor x = normal(3, 4, 4);
        Tensor a = x.add(x.transpose(-2, -1));
        Linalg.Eigh e = Linalg.eigh(a);
        for (int b = 0; b < 3; b++) {
            double[] l = e.eigenvalues().get(b).toArray();
            double[] v = e.eigenvectors().get(b).toArray();
            for (int i = 1; i < 4; i++) {
                assertThat(l[i]).isGreaterThanOrEqualTo(l[i - 1]);
            }
            assertThat(maxAbs(minus(productTransB(scaleColumns(v, l, 4, 4), v, 4, 4, 4), a.get(b).toArray())))
                    .isLessThan(TOL);
            assertThat(maxAbs(minus(productTransA(v, v, 4, 4, 4), Tensor.eye(4).toArray()))).isLessThan(TOL);
            assertThat(v).containsExactly(Linalg.eigh(a.get(b)).eigenvectors().toArray());
        }
        Tensor garbageAbove = a.get(0).add(Mat.triu(normal(4, 4), 1).mul(100.0));
        assertThat(Linalg.eigh(garbageAbove).eigenvalues().toArray()).containsExactly(e.eigenvalues().get(0).toArray());
    }

    @Test
    void svdReconstructsWithOrthonormalFactorsAndDescendingValues() {
        for (int[] s : new int[][] {{5, 3}, {3, 3}, {3, 5}}) {
            Tensor a = normal(2, s[0], s[1]);
            Linalg.SVD d = Linalg.svd(a);
            int k = Math.min(s[0], s[1]);
            for (int b = 0; b < 2; b++) {
                double[] u = d.u().get(b).toArray();
                double[] sv = d.s().get(b).toArray();
                double[] vh = d.vh().get(b).toArray();
                for (int i = 0; i < k; i++) {
                    assertThat(sv[i]).isGreaterThanOrEqualTo(i + 1 < k ? sv[i + 1] : 0.0);
                }
                assertThat(maxAbs(minus(product(scaleColumns(u, sv, s[0], k), vh, s[0], k, s[1]), a.get(b).toArray())))
                        .isLessThan(TOL);
                assertThat(maxAbs(minus(productTransA(u, u, s[0], k, k), Tensor.eye(k).toArray()))).isLessThan(TOL);
                assertThat(maxAbs(minus(productTransB(vh, vh, k, s[1], k), Tensor.eye(k).toArray()))).isLessThan(TOL);
                assertThat(Linalg.svdvals(a.get(b)).toArray()).containsExactly(sv);
                assertThat(u).containsExactly(Linalg.svd(a.get(b)).u().toArray());
            }
        }
    }

    // ------------------------------------------------------------------ dtypes, nodes

    @Test
    void float32ResultsAreTheFloat64OnesRounded() {
        Tensor a64 = Tensor.fromArray(wellConditioned(2, 3, 3).toFloatArray(), 2, 3, 3).to(DType.FLOAT64);
        Tensor a32 = a64.to(DType.FLOAT32);
        Tensor b32 = Tensor.ones(DType.FLOAT32, 3, 2);
        assertFloat32Of(Linalg.solve(a32, b32), Linalg.solve(a64, b32.to(DType.FLOAT64)));
        assertFloat32Of(Linalg.inv(a32), Linalg.inv(a64));
        assertFloat32Of(Linalg.det(a32), Linalg.det(a64));
        assertFloat32Of(Linalg.slogdet(a32).logAbsDet(), Linalg.slogdet(a64).logAbsDet());
        Tensor spd32 = a64.matmul(a64.transpose(-2, -1)).to(DType.FLOAT32);
        Tensor spd64 = spd32.to(DType.FLOAT64); // the same (rounded) values
        assertFloat32Of(Linalg.cholesky(spd32), Linalg.cholesky(spd64));
        assertFloat32Of(Linalg.qr(a32).r(), Linalg.qr(a64).r());
        assertFloat32Of(Linalg.eigh(spd32).eigenvalues(), Linalg.eigh(spd64).eigenvalues());
        assertFloat32Of(Linalg.svdvals(a32), Linalg.svdvals(a64));
    }

    @Test
    void eachOutputRecordsTheFunctionsNode() {
        Tensor a = wellConditioned(3, 3).requiresGrad(true);
        Tensor spd = a.matmul(a.t());
        assertThat(Linalg.solve(a, normal(3)).gradFn().name()).isEqualTo("LinalgSolve");
        assertThat(Linalg.inv(a).gradFn().name()).isEqualTo("LinalgInv");
        assertThat(Linalg.det(a).gradFn().name()).isEqualTo("LinalgDet");
        assertThat(Linalg.slogdet(a).sign().gradFn().name()).isEqualTo("LinalgSlogdet");
        assertThat(Linalg.slogdet(a).logAbsDet().gradFn().name()).isEqualTo("LinalgSlogdet");
        assertThat(Linalg.cholesky(spd).gradFn().name()).isEqualTo("LinalgCholesky");
        assertThat(Linalg.qr(a).q().gradFn().name()).isEqualTo("LinalgQr");
        assertThat(Linalg.qr(a).r().gradFn().name()).isEqualTo("LinalgQr");
        assertThat(Linalg.eigh(spd).eigenvectors().gradFn().name()).isEqualTo("LinalgEigh");
        assertThat(Linalg.svd(a).vh().gradFn().name()).isEqualTo("LinalgSvd");
        assertThat(Linalg.svdvals(a).gradFn().name()).isEqualTo("LinalgSvd");

        Tensor plain = wellConditioned(3, 3);
        assertThat(Linalg.svdvals(plain).gradFn()).isNull();
        assertThat(Linalg.inv(plain).requiresGrad()).isFalse();
        try (var s = GradMode.noGrad()) {
            assertThat(Linalg.eigh(spd).eigenvalues().gradFn()).isNull();
        }
    }

    // ------------------------------------------------------------------ helpers

    private Tensor normal(int... shape) {
        return Tensor.randn(rng, shape);
    }

    private Tensor wellConditioned(int... shape) {
        return normal(shape).mul(0.4).add(Tensor.eye(shape[shape.length - 1]).mul(2.0));
    }

    private static void assertFloat32Of(Tensor y32, Tensor y64) {
        assertThat(y32.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(y32.toFloatArray()).containsExactly(y64.toFloatArray());
    }

    /** {@code a·b} for 2-d tensors. */
    private static double[] product(Tensor a, Tensor b) {
        return product(a.toArray(), b.toArray(), a.shape().get(0), a.shape().get(1), b.shape().get(1));
    }

    private static double[] product(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    /** {@code aᵀ·b} with {@code a} {@code (k, m)} and {@code b} {@code (k, n)}. */
    private static double[] productTransA(double[] a, double[] b, int k, int m, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[p * m + i] * b[p * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    /** {@code a·bᵀ} with {@code a} {@code (m, k)} and {@code b} {@code (n, k)}. */
    private static double[] productTransB(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[j * k + p];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    /** {@code a·diag(d)} for {@code a} {@code (m, n)}. */
    private static double[] scaleColumns(double[] a, double[] d, int m, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[i * n + j] = a[i * n + j] * d[j];
            }
        }
        return c;
    }

    private static double[] minus(double[] a, double[] b) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] - b[i];
        }
        return c;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** The determinant by expansion along the first row (exponential, for n ≤ 5). */
    private static double cofactorDet(double[] a, int n) {
        if (n == 1) {
            return a[0];
        }
        double det = 0;
        for (int c = 0; c < n; c++) {
            double[] minor = new double[(n - 1) * (n - 1)];
            for (int r = 1; r < n; r++) {
                for (int cc = 0, k = 0; cc < n; cc++) {
                    if (cc != c) {
                        minor[(r - 1) * (n - 1) + k++] = a[r * n + cc];
                    }
                }
            }
            det += (c % 2 == 0 ? 1 : -1) * a[c] * cofactorDet(minor, n - 1);
        }
        return det;
    }
}
