package io.jgrad.linalg;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Decompositions;
import io.jgrad.ndarray.NDArray;

/**
 * {@code (sign, log|det A|)} from the LU factorisation, batched: two outputs, each recorded by its own
 * node of this class (PyTorch records one node with two outputs; the gradient is the sum of the two
 * nodes', as the formula is linear in the two upstream gradients).
 *
 * <p>Backward (PyTorch's {@code slogdet_backward}): {@code ∂A = g_logabsdet·A⁻ᵀ}, as the solve
 * {@code Aᵀ·∂A = g·I} (differentiable again); the sign is piecewise constant, its gradient zero. A
 * singular matrix (sign 0, {@code −∞}) is not differentiable: the solve then gives infinities or
 * NaN, as PyTorch's.
 */
final class LinalgSlogdet extends GradFn {

    private final boolean sign;

    private LinalgSlogdet(boolean sign) {
        this.sign = sign;
    }

    static Linalg.SignLogDet apply(Tensor a) {
        NDArray[] sl = Decompositions.slogdet(a.array());
        Tensor sign = new LinalgSlogdet(true).record(sl[0], a);
        Tensor logAbsDet = new LinalgSlogdet(false).record(sl[1], a);
        return new Linalg.SignLogDet(sign, logAbsDet);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        if (sign) {
            return new Tensor[] {null};
        }
        Tensor a = input(0);
        if (a.numel() == 0) {
            return new Tensor[] {Tensor.zeros(a.dtype(), a.shape().toArray())};
        }
        Tensor d = Mat.scalarPerMatrix(g).mul(Mat.eye(a, Mat.last(a)));
        return new Tensor[] {LinalgSolve.apply(Mat.mT(a), d, false, false)};
    }
}
