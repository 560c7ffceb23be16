package io.jgrad.linalg;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Decompositions;

/**
 * {@code out = A⁻¹} by LU with partial pivoting, batched.
 *
 * <p>Backward (PyTorch's {@code linalg_inv_ex}): {@code ∂A = −A⁻ᵀ·g·A⁻ᵀ}, written with the saved
 * output, so a second differentiation runs through this node again.
 */
final class LinalgInv extends GradFn {

    /** @throws ArithmeticException if a matrix of {@code a} is singular */
    static Tensor apply(Tensor a) {
        LinalgInv op = new LinalgInv();
        Tensor out = op.record(Decompositions.inv("linalg.inv", a.array()), a);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor invT = Mat.mT(saved(0));
        return new Tensor[] {invT.matmul(g).matmul(invT).neg()};
    }
}
