package io.jgrad.linalg;

import io.jgrad.GradFn;
import io.jgrad.GradMode;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Decompositions;
import io.jgrad.ndarray.NDArray;

/**
 * The reduced singular value decomposition {@code A = U·diag(S)·Vh}, batched: {@code U} {@code (…, m, k)},
 * {@code S} {@code (…, k)} descending, {@code Vh} {@code (…, k, n)}, {@code k = min(m, n)}. Three outputs,
 * each recorded by its own node of this class (PyTorch's formula is linear in {@code (gU, gS, gVh)}).
 *
 * <p>Backward (PyTorch's {@code svd_backward}, real case), with {@code skew(X) = X − Xᵀ},
 * {@code Eᵢⱼ = Sⱼ² − Sᵢ²} ({@code i ≠ j}) and {@code V = Vhᵀ}:
 * <ul>
 *   <li>from {@code gS}: {@code U·diag(gS)·Vh} (always finite: {@code svdvals} needs nothing else);</li>
 *   <li>from {@code gU}: {@code U·(skew(Uᵀ·gU) / E)·diag(S)·Vh}, plus, when {@code m > n},
 *       {@code (I − U·Uᵀ)·gU·diag(S)⁻¹·Vh};</li>
 *   <li>from {@code gVh}: {@code U·diag(S)·(skew(Vh·gVhᵀ) / E)·Vh}, plus, when {@code m < n},
 *       {@code U·diag(S)⁻¹·gVh·(I − V·Vh)}.</li>
 * </ul>
 * The singular-vector terms divide by the gaps between squared singular values (infinite or NaN for
 * a repeated one) and, for rectangular {@code A}, by the singular values (infinite when {@code A} is
 * rank-deficient), as PyTorch's. Singular vectors are defined up to a simultaneous sign flip of
 * {@code U}'s column and {@code Vh}'s row: only losses invariant under it are well defined.
 */
final class LinalgSvd extends GradFn {

    private static final int U = 0;
    private static final int S = 1;
    private static final int VH = 2;

    private final int output;

    private LinalgSvd(int output) {
        this.output = output;
    }

    /**
     * @param computeUV whether {@code U} and {@code Vh} are wanted; when they are not and {@code a}
     *     needs no gradient, they are not computed (their fields are then {@code null})
     * @throws ArithmeticException if the iteration does not converge
     */
    static Linalg.SVD apply(Tensor a, boolean computeUV) {
        boolean uv = computeUV || (a.requiresGrad() && GradMode.isEnabled());
        NDArray[] usv = Decompositions.svd("linalg.svd", a.array(), uv);
        if (!uv) {
            return new Linalg.SVD(null, Tensor.wrap(usv[S]), null);
        }
        LinalgSvd[] nodes = {new LinalgSvd(U), new LinalgSvd(S), new LinalgSvd(VH)};
        Tensor[] out = new Tensor[3];
        for (int i = 0; i < 3; i++) {
            out[i] = nodes[i].record(usv[i], a);
        }
        for (LinalgSvd node : nodes) {
            node.save(out);
        }
        return new Linalg.SVD(out[U], out[S], out[VH]);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor u = saved(U);
        Tensor s = saved(S);
        Tensor vh = saved(VH);
        int m = Mat.rows(u);
        int n = Mat.last(vh);
        if (output == S) {
            return new Tensor[] {u.mul(Mat.row(g)).matmul(vh)};
        }
        Tensor e = Mat.gaps(s.mul(s));
        if (output == U) {
            Tensor utg = Mat.mT(u).matmul(g);
            Tensor inner = utg.sub(Mat.mT(utg)).div(e).mul(Mat.row(s));
            Tensor ga = u.matmul(inner);
            if (m > n) {
                Tensor gus = g.div(Mat.row(s));
                ga = ga.add(gus).sub(u.matmul(Mat.mT(u).matmul(gus)));
            }
            return new Tensor[] {ga.matmul(vh)};
        }
        Tensor vtg = vh.matmul(Mat.mT(g));
        Tensor inner = Mat.column(s).mul(vtg.sub(Mat.mT(vtg)).div(e));
        Tensor ga = inner.matmul(vh);
        if (m < n) {
            Tensor sgvh = g.div(Mat.column(s));
            ga = ga.add(sgvh).sub(sgvh.matmul(Mat.mT(vh)).matmul(vh));
        }
        return new Tensor[] {u.matmul(ga)};
    }
}
