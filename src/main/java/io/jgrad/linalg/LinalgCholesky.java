package io.jgrad.linalg;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Decompositions;

/**
 * {@code L} lower triangular with {@code A = L·Lᵀ}, batched, reading only the lower triangle of
 * {@code A}.
 *
 * <p>Backward (PyTorch's {@code cholesky_backward}, after Murray, arXiv:1602.07527):
 * {@code Φ = tril(Lᵀ·g)}, {@code P = ½(Φ + tril(Φ, −1)ᵀ)} (the symmetric matrix whose lower triangle
 * is {@code ½Φ}), {@code ∂A = L⁻ᵀ·P·L⁻¹} by two triangular solves. The
 * gradient is symmetric: the gradient of {@code A ↦ cholesky(A)} on symmetric matrices, split evenly
 * between the two triangles (as PyTorch; only the lower triangle is read, so a finite difference of a
 * single upper element sees nothing: check gradients through a symmetric input such as {@code X·Xᵀ}).
 */
final class LinalgCholesky extends GradFn {

    /** @throws ArithmeticException if a matrix of {@code a} is not positive definite */
    static Tensor apply(Tensor a) {
        LinalgCholesky op = new LinalgCholesky();
        Tensor out = op.record(Decompositions.cholesky("linalg.cholesky", a.array()), a);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor l = saved(0);
        Tensor phi = Mat.tril(Mat.mT(l).matmul(g), 0);
        Tensor p = phi.add(Mat.mT(Mat.tril(phi, -1))).mul(0.5);
        Tensor ga = LinalgSolveTriangular.apply(Mat.mT(l), p, true, true);
        return new Tensor[] {LinalgSolveTriangular.apply(l, ga, false, false)};
    }
}
