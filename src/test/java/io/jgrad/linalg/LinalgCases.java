package io.jgrad.linalg;

import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ops.OpCases.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The gradient-check cases of {@link Linalg} and of the helper nodes of {@code io.jgrad.linalg}
 * (first order: {@code LinalgGradCheckTest}, and in float32 {@code LinalgFloat32Test}; second order:
 * {@code LinalgGradCheckTest} too). {@code LinalgGradCheckTest#everyOperationHasAGradientCheck}
 * requires every {@code GradFn} of {@code io.jgrad.linalg} to appear in the graphs they differentiate.
 *
 * <p>The points are well conditioned: matrices near a multiple of the identity (so {@code κ} is a
 * few units), symmetric inputs with eigenvalues about 1.5 apart, rectangular ones with singular
 * values about 1.5 apart and away from 0. Functions that read one triangle ({@code cholesky},
 * {@code eigh}) are checked through a symmetric input built inside the function ({@code X·Xᵀ + nI},
 * {@code X + Xᵀ}), as PyTorch's own gradcheck does, since a finite difference of an unread element
 * sees nothing. Eigenvectors and singular vectors are defined up to sign, so their cases check
 * sign-invariant functions of them ({@code V ⊙ V}, {@code V·diag(w)·Vᵀ}, {@code U·diag(S)·Vh}).
 */
final class LinalgCases {

    private LinalgCases() {
    }

    /** @return the first-order cases */
    static List<Case> firstOrder() {
        Gen g = new Gen(4321);
        List<Case> c = new ArrayList<>();

        // solve: matrices and vectors, batches, broadcasting both ways
        int[][][] solveShapes = {
            {{3, 3}, {3, 2}}, {{3, 3}, {3}}, {{1, 1}, {1, 1}}, {{2, 3, 3}, {2, 3, 2}}, {{2, 3, 3}, {2, 3}},
            {{2, 3, 3}, {3}}, {{3, 3}, {2, 3, 2}}, {{2, 1, 3, 3}, {4, 3, 2}}, {{2, 3, 3}, {3, 1}},
        };
        for (int[][] s : solveShapes) {
            c.add(binary("solve " + shape(s[0]) + ", " + shape(s[1]), g.wellConditioned(s[0]), g.normal(s[1]),
                    Linalg::solve));
        }

        for (int[] s : new int[][] {{3, 3}, {2, 3, 3}, {1, 1}}) {
            c.add(unary("inv " + shape(s), g.wellConditioned(s), Linalg::inv));
        }

        for (int[] s : new int[][] {{3, 3}, {2, 2, 2}, {1, 1}, {4, 4}}) {
            c.add(unary("det " + shape(s), g.wellConditioned(s), Linalg::det));
        }
        c.add(unary("det of a singular (3, 3): the adjugate", singular3(), Linalg::det));
        c.add(unary("det of a batch with one singular (2, 2, 2)",
                Tensor.of(new double[][][] {{{1, 2}, {2, 4}}, {{2, 0.5}, {-1, 3}}}), Linalg::det));
        c.add(unary("det of the zero (2, 2)", Tensor.zeros(2, 2), Linalg::det));

        for (int[] s : new int[][] {{3, 3}, {2, 3, 3}}) {
            c.add(unary("slogdet logAbsDet " + shape(s), g.wellConditioned(s), a -> Linalg.slogdet(a).logAbsDet()));
        }
        c.add(unary("slogdet of a negative determinant (2, 2)", Tensor.of(new double[][] {{0.5, 2}, {2, 0.5}}),
                a -> Linalg.slogdet(a).logAbsDet()));
        c.add(unary("slogdet sign·exp(logAbsDet) (3, 3)", g.wellConditioned(3, 3),
                a -> Linalg.slogdet(a).sign().mul(Linalg.slogdet(a).logAbsDet().exp())));

        for (int[] s : new int[][] {{3, 3}, {2, 3, 3}, {1, 1}}) {
            c.add(unary("cholesky(X·Xᵀ + nI) " + shape(s), g.normal(s), LinalgCases::choleskyOfGram));
        }

        for (int[] s : new int[][] {{4, 3}, {3, 3}, {3, 4}, {2, 4, 3}, {2, 2, 3}}) {
            c.add(unary("qr Q " + shape(s), g.fullRank(s), a -> Linalg.qr(a).q()));
            c.add(unary("qr R " + shape(s), g.fullRank(s), a -> Linalg.qr(a).r()));
        }
        c.add(unary("qr Q·R (4, 3)", g.fullRank(4, 3), a -> Linalg.qr(a).q().matmul(Linalg.qr(a).r())));

        for (int[] s : new int[][] {{3, 3}, {2, 3, 3}, {4, 4}}) {
            c.add(unary("eigh eigenvalues of X + Xᵀ " + shape(s), g.symmetricish(s),
                    x -> Linalg.eigh(sym(x)).eigenvalues()));
            c.add(unary("eigh V ⊙ V of X + Xᵀ " + shape(s), g.symmetricish(s), x -> {
                Tensor v = Linalg.eigh(sym(x)).eigenvectors();
                return v.mul(v);
            }));
        }
        c.add(unary("eigh V·diag(λ³)·Vᵀ of X + Xᵀ (3, 3)", g.symmetricish(3, 3), x -> {
            Linalg.Eigh e = Linalg.eigh(sym(x));
            return e.eigenvectors().mul(Mat.row(e.eigenvalues().pow(3.0))).matmul(Mat.mT(e.eigenvectors()));
        }));

        for (int[] s : new int[][] {{3, 3}, {4, 3}, {3, 4}, {2, 4, 3}, {2, 2, 3}}) {
            c.add(unary("svdvals " + shape(s), g.fullRank(s), Linalg::svdvals));
            c.add(unary("svd U ⊙ U " + shape(s), g.fullRank(s), a -> {
                Tensor u = Linalg.svd(a).u();
                return u.mul(u);
            }));
            c.add(unary("svd Vh ⊙ Vh " + shape(s), g.fullRank(s), a -> {
                Tensor vh = Linalg.svd(a).vh();
                return vh.mul(vh);
            }));
        }
        c.add(unary("svd U·diag(S²)·Vh (4, 3)", g.fullRank(4, 3), a -> {
            Linalg.SVD d = Linalg.svd(a);
            return d.u().mul(Mat.row(d.s().mul(d.s()))).matmul(d.vh());
        }));

        for (boolean upper : new boolean[] {true, false}) {
            for (boolean left : new boolean[] {true, false}) {
                String name = "solveTriangular upper=" + upper + " left=" + left;
                int[] bs = left ? new int[] {3, 2} : new int[] {2, 3};
                c.add(binary(name + " (3, 3), " + shape(bs), g.wellConditioned(3, 3), g.normal(bs),
                        (a, b) -> LinalgSolveTriangular.apply(a, b, upper, left)));
            }
        }
        c.add(binary("solveTriangular broadcast (3, 3), (2, 3, 2)", g.wellConditioned(3, 3), g.normal(2, 3, 2),
                (a, b) -> LinalgSolveTriangular.apply(a, b, false, true)));
        return c;
    }

    /** @return the second-order cases: every function (all have non-zero second derivatives) */
    static List<Case> secondOrder() {
        Gen g = new Gen(8765);
        List<Case> c = new ArrayList<>();
        c.add(binary("solve (3, 3), (3, 2)", g.wellConditioned(3, 3), g.normal(3, 2), Linalg::solve));
        c.add(binary("solve (2, 3, 3), (3,)", g.wellConditioned(2, 3, 3), g.normal(3), Linalg::solve));
        c.add(unary("inv (3, 3)", g.wellConditioned(3, 3), Linalg::inv));
        c.add(unary("inv (2, 2, 2)", g.wellConditioned(2, 2, 2), Linalg::inv));
        c.add(unary("det (3, 3)", g.wellConditioned(3, 3), Linalg::det));
        c.add(unary("det (2, 2, 2)", g.wellConditioned(2, 2, 2), Linalg::det));
        c.add(unary("slogdet logAbsDet (3, 3)", g.wellConditioned(3, 3), a -> Linalg.slogdet(a).logAbsDet()));
        c.add(unary("cholesky(X·Xᵀ + nI) (3, 3)", g.normal(3, 3), LinalgCases::choleskyOfGram));
        c.add(unary("cholesky(X·Xᵀ + nI) (2, 2, 2)", g.normal(2, 2, 2), LinalgCases::choleskyOfGram));
        c.add(unary("qr Q (4, 3)", g.fullRank(4, 3), a -> Linalg.qr(a).q()));
        c.add(unary("qr R (3, 4)", g.fullRank(3, 4), a -> Linalg.qr(a).r()));
        c.add(unary("qr Q (3, 4)", g.fullRank(3, 4), a -> Linalg.qr(a).q()));
        c.add(unary("eigh eigenvalues of X + Xᵀ (3, 3)", g.symmetricish(3, 3), x -> Linalg.eigh(sym(x)).eigenvalues()));
        c.add(unary("eigh V ⊙ V of X + Xᵀ (3, 3)", g.symmetricish(3, 3), x -> {
            Tensor v = Linalg.eigh(sym(x)).eigenvectors();
            return v.mul(v);
        }));
        c.add(unary("svdvals (3, 3)", g.fullRank(3, 3), Linalg::svdvals));
        c.add(unary("svd U ⊙ U (4, 3)", g.fullRank(4, 3), a -> {
            Tensor u = Linalg.svd(a).u();
            return u.mul(u);
        }));
        c.add(unary("svd Vh ⊙ Vh (3, 4)", g.fullRank(3, 4), a -> {
            Tensor vh = Linalg.svd(a).vh();
            return vh.mul(vh);
        }));
        c.add(binary("solveTriangular upper left (3, 3), (3, 2)", g.wellConditioned(3, 3), g.normal(3, 2),
                (a, b) -> LinalgSolveTriangular.apply(a, b, true, true)));
        c.add(binary("solveTriangular lower right (3, 3), (2, 3)", g.wellConditioned(3, 3), g.normal(2, 3),
                (a, b) -> LinalgSolveTriangular.apply(a, b, false, false)));
        return c;
    }

    /** {@code cholesky(X·Xᵀ + n·I)}: a symmetric positive-definite input whose every element depends on {@code X}. */
    static Tensor choleskyOfGram(Tensor x) {
        int n = Mat.last(x);
        return Linalg.cholesky(x.matmul(Mat.mT(x)).add(Mat.eye(x, n).mul((double) n)));
    }

    /** {@code X + Xᵀ}. */
    static Tensor sym(Tensor x) {
        return x.add(Mat.mT(x));
    }

    /** A rank-2 {@code (3, 3)}: its third row is the sum of the first two. */
    static Tensor singular3() {
        return Tensor.of(new double[][] {{1, 2, 0.5}, {-0.5, 1, 2}, {0.5, 3, 2.5}});
    }

    private static Case unary(String name, Tensor x, Function<Tensor, Tensor> f) {
        return new Case(name, t -> f.apply(t.get(0)), List.of(x));
    }

    private static Case binary(String name, Tensor a, Tensor b, BiFunction<Tensor, Tensor, Tensor> f) {
        return new Case(name, t -> f.apply(t.get(0), t.get(1)), List.of(a, b));
    }

    static String shape(int[] s) {
        return Shape.of(s).toString();
    }

    /** Inputs drawn from one seeded generator, shaped for the functions they feed. */
    static final class Gen {
        private final Random rng;

        Gen(long seed) {
            rng = new Random(seed);
        }

        Tensor normal(int... shape) {
            double[] d = new double[Shape.of(shape).numel()];
            for (int i = 0; i < d.length; i++) {
                d[i] = rng.nextGaussian();
            }
            return Tensor.fromArray(d, shape);
        }

        /** {@code 2I + 0.4·N(0, 1)} per matrix: eigenvalues near 2, condition number a few units. */
        Tensor wellConditioned(int... shape) {
            return withDiagonal(normal(shape).mul(0.4), i -> 2.0);
        }

        /** {@code diag(0.75, 1.5, 2.25, …) + 0.15·N(0, 1)}: {@code X + Xᵀ} has eigenvalues about 1.5 apart. */
        Tensor symmetricish(int... shape) {
            return withDiagonal(normal(shape).mul(0.15), i -> 0.75 * (i + 1));
        }

        /** {@code (…, m, n)} with diagonal {@code 1.5, 3, 4.5, …} plus {@code 0.2·N(0, 1)}: singular values apart and away from 0. */
        Tensor fullRank(int... shape) {
            return withDiagonal(normal(shape).mul(0.2), i -> 1.5 * (i + 1));
        }

        private static Tensor withDiagonal(Tensor x, java.util.function.IntToDoubleFunction diag) {
            int[] s = x.shape().toArray();
            int m = s[s.length - 2];
            int n = s[s.length - 1];
            double[] d = new double[m * n];
            for (int i = 0; i < Math.min(m, n); i++) {
                d[i * n + i] = diag.applyAsDouble(i);
            }
            return x.add(Tensor.fromArray(d, m, n));
        }
    }
}
