package io.jgrad.linalg;

import io.jgrad.DType;
import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Decompositions;

/**
 * {@code out = det(A)} from the LU factorisation, batched ({@code (…, n, n) → (…)}).
 *
 * <p>Backward (PyTorch's {@code linalg_det_backward}, its {@code create_graph} branch, used here in
 * both modes): Jacobi's formula {@code ∂A = g·det(A)·A⁻ᵀ}, computed as the solve
 * {@code Aᵀ·∂A = g·det(A)·I}, when every {@code |det(A)| ≥ 100·ε} of the dtype. Otherwise (some matrix
 * of the batch singular or nearly so) it is the transposed adjugate from the SVD {@code A = U·diag(s)·Vh},
 * which needs no inverse: {@code ∂A = g·det(U)·det(Vh)·U·diag(∏_{j≠i} sⱼ)·Vh}. Both are
 * differentiable again. (PyTorch's first-order pass without {@code create_graph} multiplies by the
 * computed {@code det}, so at an exactly singular matrix it returns zeros; the adjugate is the true
 * derivative, which its {@code create_graph} pass returns.)
 */
final class LinalgDet extends GradFn {

    static Tensor apply(Tensor a) {
        LinalgDet op = new LinalgDet();
        Tensor out = op.record(Decompositions.det(a.array()), a);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor a = input(0);
        Tensor det = saved(0);
        int n = Mat.last(a);
        if (a.numel() == 0) {
            return new Tensor[] {Tensor.zeros(a.dtype(), a.shape().toArray())};
        }
        if (!anyNearlySingular(det)) {
            Tensor d = Mat.scalarPerMatrix(g.mul(det)).mul(Mat.eye(a, n));
            return new Tensor[] {LinalgSolve.apply(Mat.mT(a), d, false, false)};
        }
        Linalg.SVD svd = LinalgSvd.apply(a, true);
        // det(U)·det(Vh) = ±1: locally constant on the orthogonal matrices, so a constant here
        Tensor signs = Tensor.wrap(Decompositions.det(svd.u().array()))
                .mul(Tensor.wrap(Decompositions.det(svd.vh().array())));
        Tensor weights = productOfOthers(svd.s()).mul(Mat.column(signs.mul(g)));
        return new Tensor[] {svd.u().mul(Mat.row(weights)).matmul(svd.vh())};
    }

    // PyTorch's threshold for the SVD branch: |det| < 100·ε of the dtype
    private static boolean anyNearlySingular(Tensor det) {
        double eps = det.dtype() == DType.FLOAT32 ? Math.ulp(1.0f) : Math.ulp(1.0);
        for (double v : det.toArray()) {
            if (!(Math.abs(v) >= 100 * eps)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code pᵢ = ∏_{j≠i} sⱼ} along the last dimension, without dividing (so zeros are safe: PyTorch's
     * {@code prod_safe_zeros_backward}), as a product of factors {@code sⱼ} masked to 1 at {@code i = j}.
     */
    private static Tensor productOfOthers(Tensor s) {
        int n = Mat.last(s);
        Tensor eye = Mat.eye(s, n);
        Tensor p = null;
        for (int j = 0; j < n; j++) {
            Tensor ej = eye.get(j);
            Tensor sj = s.mul(ej).sum(-1, true);
            Tensor factor = sj.mul(ej.neg().add(1.0)).add(ej);
            p = p == null ? factor : p.mul(factor);
        }
        return p;
    }
}
