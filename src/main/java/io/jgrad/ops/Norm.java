package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.CompareOp;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.ReduceDims;

/**
 * {@code out = ‖a‖₂ = √Σ a²} over all elements, 0-d (0 for no elements; float32 summed in double).
 * An int64 or bool input computes in float64. Backward: {@code ∂a = g·a / out}, and 0 where
 * {@code out = 0} (at the zero vector, as PyTorch's subgradient, instead of 0/0).
 */
public final class Norm extends GradFn {

    private Norm() {
    }

    /**
     * {@return the 2-norm of all elements, 0-d}
     *
     * @param a the input tensor
     */
    public static Tensor apply(Tensor a) {
        Norm op = new Norm();
        Tensor out = op.record(ReduceDims.norm(Types.floating(a)), a);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor out = saved(0);
        // g / (out + [out = 0]) · [out ≠ 0]: the denominator is never 0, and the zero is exact
        NDArray zero = Masks.where(CompareOp.EQ, out.array(), 0.0, g.dtype());
        Tensor scale = g.div(out.add(constant(zero))).mul(constant(Masks.not(zero)));
        return new Tensor[] {input(0).mul(scale)};
    }
}
