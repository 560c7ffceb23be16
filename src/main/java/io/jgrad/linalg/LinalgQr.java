package io.jgrad.linalg;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Decompositions;
import io.jgrad.ndarray.NDArray;

/**
 * The reduced QR factorisation {@code A = Q·R}, batched: {@code Q} {@code (…, m, k)} with orthonormal
 * columns, {@code R} {@code (…, k, n)} upper triangular, {@code k = min(m, n)}, by Householder
 * reflections. Two outputs, each recorded by its own node of this class; the gradient of {@code A}
 * is the sum of the two nodes' (PyTorch's formula is linear in {@code (gQ, gR)}).
 *
 * <p>Backward (PyTorch's {@code linalg_qr_backward}), with {@code M = gR·Rᵀ − Qᵀ·gQ} (each node
 * contributing its own term):
 * <ul>
 *   <li>{@code m ≥ n}: {@code ∂A = (gQ + Q·copyltu(M))·R⁻ᵀ}, where
 *       {@code copyltu(M) = triu(M) + triu(M, 1)ᵀ}, {@code R⁻ᵀ} by a triangular solve;</li>
 *   <li>{@code m < n}: with {@code R₁} the leading {@code m × m} block of {@code R},
 *       {@code ∂A = [Q·tril(N − Nᵀ)·R₁⁻ᵀ, 0] + Q·gR} where {@code N = −M}.</li>
 * </ul>
 * Both need {@code R} (or {@code R₁}) invertible: {@code A} of full rank.
 */
final class LinalgQr extends GradFn {

    private final boolean isQ;

    private LinalgQr(boolean isQ) {
        this.isQ = isQ;
    }

    static Linalg.QR apply(Tensor a) {
        NDArray[] qr = Decompositions.qr(a.array());
        LinalgQr nodeQ = new LinalgQr(true);
        LinalgQr nodeR = new LinalgQr(false);
        Tensor q = nodeQ.record(qr[0], a);
        Tensor r = nodeR.record(qr[1], a);
        nodeQ.save(q, r);
        nodeR.save(q, r);
        return new Linalg.QR(q, r);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor q = saved(0);
        Tensor r = saved(1);
        int m = Mat.rows(q);
        int n = Mat.last(r);
        Tensor mm = isQ ? Mat.mT(q).matmul(g).neg() : g.matmul(Mat.mT(r));
        if (m >= n) {
            Tensor triu = Mat.triu(mm, 0);
            Tensor ga = q.matmul(triu.add(Mat.mT(Mat.triu(mm, 1))));
            if (isQ) {
                ga = ga.add(g);
            }
            return new Tensor[] {LinalgSolveTriangular.apply(Mat.mT(r), ga, false, false)};
        }
        // R₁ = R·P and [X, 0] = X·Pᵀ with P the first m columns of the n × n identity
        Tensor p = Tensor.wrap(Decompositions.eye(r.dtype(), n, m));
        Tensor nn = mm.neg();
        Tensor ga = q.matmul(Mat.tril(nn.sub(Mat.mT(nn)), 0));
        ga = LinalgSolveTriangular.apply(Mat.mT(r.matmul(p)), ga, false, false).matmul(Mat.mT(p));
        if (!isQ) {
            ga = ga.add(q.matmul(g));
        }
        return new Tensor[] {ga};
    }
}
