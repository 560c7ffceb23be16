package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;

/** {@code out = |a|}. Backward: {@code ∂a = g·sign(a)} (0 at a = 0, as PyTorch). */
public final class Abs extends GradFn {

    /** @return {@code |a|} element-wise */
    public static Tensor apply(Tensor a) {
        return new Abs().record(Elementwise.map(a.array(), Math::abs), a);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {g.mul(constant(Elementwise.map(input(0).array(), Math::signum)))};
    }
}
