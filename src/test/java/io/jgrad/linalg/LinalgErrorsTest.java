package io.jgrad.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.DType;
import io.jgrad.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every error of {@link Linalg} with its message: the function, the shapes as {@code (2, 3)}, the
 * dtype where it matters, the batch index of a failing matrix, and the fix.
 */
class LinalgErrorsTest {

    private static final List<Named> ALL = List.of(
            new Named("linalg.solve", a -> Linalg.solve(a, Tensor.ones(a.dtype(), 2, 1))),
            new Named("linalg.inv", Linalg::inv),
            new Named("linalg.det", Linalg::det),
            new Named("linalg.slogdet", a -> Linalg.slogdet(a).logAbsDet()),
            new Named("linalg.cholesky", Linalg::cholesky),
            new Named("linalg.qr", a -> Linalg.qr(a).q()),
            new Named("linalg.eigh", a -> Linalg.eigh(a).eigenvalues()),
            new Named("linalg.svd", a -> Linalg.svd(a).s()),
            new Named("linalg.svdvals", Linalg::svdvals));

    private static final List<Named> SQUARE_ONLY =
            ALL.stream().filter(n -> !n.name().equals("linalg.qr") && !n.name().startsWith("linalg.svd")).toList();

    private record Named(String name, Function<Tensor, Tensor> f) {
    }

    @Test
    void integerAndBoolInputsAreRefusedWithTheirDtype() {
        for (Named n : ALL) {
            for (Tensor a : List.of(Tensor.fromArray(new long[] {1, 0, 0, 1}, 2, 2),
                    Tensor.fromArray(new boolean[] {true, false, false, true}, 2, 2))) {
                assertThatThrownBy(() -> n.f().apply(a)).as(n.name())
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith(n.name() + ": A of shape (2, 2) has dtype " + a.dtype().label())
                        .hasMessageContaining("float32 or float64")
                        .hasMessageContaining("to(DType.FLOAT64)");
            }
        }
    }

    @Test
    void tensorsOfRankBelowTwoAreRefused() {
        for (Named n : ALL) {
            assertThatThrownBy(() -> n.f().apply(Tensor.ones(3))).as(n.name())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(n.name() + ": A of shape (3,) has 1 dimension; it needs at least 2: a matrix (m, n) or"
                            + " a batch of them (…, m, n)");
            assertThatThrownBy(() -> n.f().apply(Tensor.scalar(2))).as(n.name())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("A of shape () has 0 dimensions");
        }
    }

    @Test
    void nonSquareMatricesAreRefusedWhereSquareOnesAreNeeded() {
        for (Named n : SQUARE_ONLY) {
            assertThatThrownBy(() -> n.f().apply(Tensor.ones(4, 2, 3))).as(n.name())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(n.name() + ": A of shape (4, 2, 3) is not square: its last two dimensions are 2 and 3;"
                            + " pass a square matrix (n, n) or a batch of them (…, n, n)");
        }
        // QR and the SVD take rectangular matrices
        assertThat(Linalg.qr(Tensor.ones(2, 3)).r().shape().toArray()).containsExactly(2, 3);
        assertThat(Linalg.svdvals(Tensor.ones(2, 3)).shape().toArray()).containsExactly(2);
    }

    @Test
    void solveRefusesOperandsThatDoNotFit() {
        Tensor a = Tensor.eye(3);
        assertThatThrownBy(() -> Linalg.solve(a, Tensor.ones(DType.FLOAT32, 3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("linalg.solve: A of shape (3, 3) is float64 but B of shape (3, 2) is float32; both need one"
                        + " dtype: convert one with to(DType)");
        assertThatThrownBy(() -> Linalg.solve(a, Tensor.fromArray(new long[] {1, 2, 3}, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("linalg.solve: B of shape (3,) has dtype int64");
        assertThatThrownBy(() -> Linalg.solve(a, Tensor.scalar(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("linalg.solve: B of shape () is 0-d");
        assertThatThrownBy(() -> Linalg.solve(a, Tensor.ones(4, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("linalg.solve: A of shape (3, 3) and B of shape (4, 2) do not fit A·X = B: A is 3 × 3 but B"
                        + " has 4 rows (as matrices); B must be (…, 3, k) or (…, 3)");
        assertThatThrownBy(() -> Linalg.solve(a, Tensor.ones(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("B has 4 rows (as vectors)");
        assertThatThrownBy(() -> Linalg.solve(Tensor.ones(2, 3, 3), Tensor.ones(4, 3, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("linalg.solve: the batch dimensions of A of shape (2, 3, 3) and B of shape (4, 3, 1), (2,)"
                        + " and (4,), do not broadcast; make them equal or 1");
    }

    @Test
    void singularMatricesMakeSolveAndInvThrowWithTheBatchIndex() {
        Tensor a = Tensor.of(new double[][][] {{{2, 0}, {0, 2}}, {{1, 2}, {2, 4}}});
        assertThatThrownBy(() -> Linalg.solve(a, Tensor.ones(2, 2, 1)))
                .isInstanceOf(ArithmeticException.class)
                .hasMessage("linalg.solve: the matrix at batch index 1 of A, shape (2, 2, 2), is singular: pivot 1 of"
                        + " its LU factorisation (diagonal element 1 of U, counting from 0) is exactly zero, so it has"
                        + " no inverse; check it for linearly dependent rows or columns, or regularise it (add a small"
                        + " multiple of the identity)");
        assertThatThrownBy(() -> Linalg.inv(a))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageStartingWith("linalg.inv: the matrix at batch index 1 of A, shape (2, 2, 2), is singular");
        assertThatThrownBy(() -> Linalg.inv(Tensor.zeros(DType.FLOAT32, 3, 3)))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageStartingWith("linalg.inv: the matrix at batch index 0 of A, shape (3, 3), is singular: pivot 0");
        // a singular A broadcast over B's batch is reported at its own batch index
        assertThatThrownBy(() -> Linalg.solve(a.get(1), Tensor.ones(5, 2, 3)))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageStartingWith("linalg.solve: the matrix at batch index 0 of A, shape (2, 2), is singular");
    }

    @Test
    void choleskyOfAMatrixThatIsNotPositiveDefiniteThrowsWithTheBatchIndexAndTheMinor() {
        Tensor a = Tensor.of(new double[][][] {
            {{4, 0, 0}, {0, 4, 0}, {0, 0, 4}},
            {{4, 0, 0}, {0, 4, 0}, {0, 0, 4}},
            {{1, 0, 0}, {2, 1, 0}, {0, 0, 1}}, // lower triangle read: [[1, 2], [2, 1]] has a negative eigenvalue
        });
        assertThatThrownBy(() -> Linalg.cholesky(a))
                .isInstanceOf(ArithmeticException.class)
                .hasMessage("linalg.cholesky: the matrix at batch index 2 of A, shape (3, 3, 3), is not positive"
                        + " definite: its leading minor of order 2 is not (the factorisation met a pivot ≤ 0 or NaN);"
                        + " pass a symmetric positive-definite matrix (only its lower triangle is read), or add a small"
                        + " multiple of the identity (jitter) to make it one");
        assertThatThrownBy(() -> Linalg.cholesky(Tensor.eye(3).neg()))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("leading minor of order 1");
        assertThatThrownBy(() -> Linalg.cholesky(Tensor.of(new double[][] {{1, Double.NaN}, {Double.NaN, 1}})))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("leading minor of order 2");
    }

    @Test
    void nonFiniteInputsFollowPyTorch() {
        Tensor nan = Tensor.of(new double[][][] {{{1, 0}, {0, 1}}, {{1, Double.NaN}, {Double.NaN, 2}}});
        assertThatThrownBy(() -> Linalg.svd(nan))
                .isInstanceOf(ArithmeticException.class)
                .hasMessage("linalg.svd: the matrix at batch index 1 of A, shape (2, 2, 2), contains non-finite values"
                        + " (NaN or infinity), on which the SVD iteration cannot converge; check the computation that"
                        + " produced it");
        assertThatThrownBy(() -> Linalg.svdvals(nan)).isInstanceOf(ArithmeticException.class);
        // eigh gives NaN for that matrix and the others' results, as PyTorch
        Linalg.Eigh e = Linalg.eigh(nan);
        assertThat(e.eigenvalues().toArray()).containsExactly(1.0, 1.0, Double.NaN, Double.NaN);
        // the upper triangle is not read
        assertThat(Linalg.eigh(Tensor.of(new double[][] {{1, Double.POSITIVE_INFINITY}, {0, 2}})).eigenvalues().toArray())
                .containsExactly(1.0, 2.0);
    }
}
