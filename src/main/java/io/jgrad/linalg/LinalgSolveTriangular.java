package io.jgrad.linalg;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Decompositions;

/**
 * {@code X = A⁻¹·B} ({@code left}) or {@code X = B·A⁻¹} for triangular {@code A}, reading only its
 * upper or lower triangle, batched with broadcasting: PyTorch's {@code linalg.solve_triangular},
 * which the Cholesky and QR gradients use. A zero on the diagonal gives infinities or NaN (no check,
 * as PyTorch's).
 *
 * <p>Backward (PyTorch's {@code linalg_solve_triangular_backward}): {@code ∂B = A⁻ᵀ·g} (a triangular
 * solve with the other triangle; {@code g·A⁻ᵀ} when right), and {@code ∂A = −∂B·Xᵀ} ({@code −Xᵀ·∂B}
 * when right) projected onto {@code A}'s triangle ({@code triu} or {@code tril}), the triangular
 * matrices being the tangent space of the triangular inputs.
 */
final class LinalgSolveTriangular extends GradFn {

    private final boolean upper;
    private final boolean left;

    private LinalgSolveTriangular(boolean upper, boolean left) {
        this.upper = upper;
        this.left = left;
    }

    /**
     * @param a {@code (…, n, n)}, triangular (only the triangle given by {@code upper} is read)
     * @param b {@code (…, n, k)} when {@code left}, {@code (…, k, n)} otherwise, of {@code a}'s dtype
     */
    static Tensor apply(Tensor a, Tensor b, boolean upper, boolean left) {
        LinalgSolveTriangular op = new LinalgSolveTriangular(upper, left);
        Tensor out = op.record(Decompositions.solveTriangular(a.array(), b.array(), upper, left), a, b);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor a = input(0);
        Tensor x = saved(0);
        Tensor gb = apply(Mat.mT(a), g, !upper, left);
        Tensor ga = null;
        if (needsGrad(0)) {
            ga = left ? gb.matmul(Mat.mT(x)).neg() : Mat.mT(x).matmul(gb).neg();
            ga = upper ? Mat.triu(ga, 0) : Mat.tril(ga, 0);
        }
        return new Tensor[] {ga, needsGrad(1) ? gb : null};
    }
}
