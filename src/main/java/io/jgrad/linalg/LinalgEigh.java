package io.jgrad.linalg;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Decompositions;
import io.jgrad.ndarray.NDArray;

/**
 * The eigendecomposition of symmetric matrices {@code A = V·diag(λ)·Vᵀ}, batched, read from the lower
 * triangle: eigenvalues ascending {@code (…, n)}, orthonormal eigenvectors as the columns of {@code V}
 * {@code (…, n, n)}. Two outputs, each recorded by its own node of this class.
 *
 * <p>Backward (PyTorch's {@code linalg_eig_backward} with {@code is_hermitian}):
 * {@code ∂A = V·(diag(gλ) + skew(Vᵀ·gV) / E)·Vᵀ} with {@code skew(X) = ½(X − Xᵀ)} and
 * {@code Eᵢⱼ = λⱼ − λᵢ} ({@code i ≠ j}). The eigenvalue node contributes {@code V·diag(gλ)·Vᵀ}, always
 * finite; the eigenvector node the rest, which divides by the eigenvalue gaps: with a repeated
 * eigenvalue it is infinite or NaN, and near one it is ill-conditioned (as in PyTorch). Each
 * eigenvector is defined up to its sign: only losses that do not depend on the signs (such as
 * {@code V·f(Λ)·Vᵀ} or {@code V ⊙ V}) have a well-defined gradient. The gradient is symmetric (the
 * derivative along symmetric perturbations, PyTorch's convention).
 */
final class LinalgEigh extends GradFn {

    private final boolean values;

    private LinalgEigh(boolean values) {
        this.values = values;
    }

    /** @throws ArithmeticException if the iteration does not converge */
    static Linalg.Eigh apply(Tensor a) {
        NDArray[] lv = Decompositions.eigh("linalg.eigh", a.array());
        LinalgEigh nodeL = new LinalgEigh(true);
        LinalgEigh nodeV = new LinalgEigh(false);
        Tensor l = nodeL.record(lv[0], a);
        Tensor v = nodeV.record(lv[1], a);
        nodeL.save(l, v);
        nodeV.save(l, v);
        return new Linalg.Eigh(l, v);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor l = saved(0);
        Tensor v = saved(1);
        if (values) {
            return new Tensor[] {v.mul(Mat.row(g)).matmul(Mat.mT(v))}; // V·diag(gλ)·Vᵀ
        }
        Tensor vtg = Mat.mT(v).matmul(g);
        Tensor inner = vtg.sub(Mat.mT(vtg)).mul(0.5).div(Mat.gaps(l));
        return new Tensor[] {v.matmul(inner).matmul(Mat.mT(v))};
    }
}
