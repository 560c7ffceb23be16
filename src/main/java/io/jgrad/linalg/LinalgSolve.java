package io.jgrad.linalg;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Decompositions;
import io.jgrad.ndarray.NDArray;
import java.util.Arrays;

/**
 * {@code X = A⁻¹·B} by LU with partial pivoting, batched, the batch dimensions broadcast; {@code B}
 * {@code (…, n, k)}, or {@code (…, n)} for vectors (then {@code X} is {@code (…, n)}).
 *
 * <p>Backward (PyTorch's {@code linalg_solve_backward}): {@code ∂B = A⁻ᵀ·g} (itself a solve, so it
 * differentiates again) and {@code ∂A = −∂B·Xᵀ}, each summed over the batch dimensions its input was
 * broadcast along (by the engine).
 */
final class LinalgSolve extends GradFn {

    private final boolean vector;

    private LinalgSolve(boolean vector) {
        this.vector = vector;
    }

    /**
     * @param vector whether {@code b} holds vectors {@code (…, n)} rather than matrices
     * @param check whether a singular {@code a} throws (the public function) or gives infinities
     *     (backward formulas, as PyTorch's)
     * @throws ArithmeticException if {@code check} and a matrix of {@code a} is singular
     */
    static Tensor apply(Tensor a, Tensor b, boolean vector, boolean check) {
        NDArray bm = vector ? b.array().reshape(column(b.shape())) : b.array();
        NDArray x = Decompositions.solve("linalg.solve", a.array(), bm, check);
        if (vector) {
            x = x.reshape(Shape.of(Arrays.copyOf(x.shape().toArray(), x.shape().rank() - 1)));
        }
        LinalgSolve op = new LinalgSolve(vector);
        Tensor out = op.record(x, a, b);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor a = input(0);
        Tensor x = vector ? Mat.column(saved(0)) : saved(0);
        Tensor gm = vector ? Mat.column(g) : g;
        Tensor gb = apply(Mat.mT(a), gm, false, false);
        Tensor ga = needsGrad(0) ? gb.matmul(Mat.mT(x)).neg() : null;
        return new Tensor[] {ga, needsGrad(1) ? (vector ? Mat.dropLast(gb) : gb) : null};
    }

    private static Shape column(Shape s) {
        int[] d = Arrays.copyOf(s.toArray(), s.rank() + 1);
        d[s.rank()] = 1;
        return Shape.of(d);
    }
}
