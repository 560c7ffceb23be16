package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;

/** {@code out = -a}. Backward: {@code ∂a = -g}. */
public final class Neg extends GradFn {

    /** @return {@code -a} */
    public static Tensor apply(Tensor a) {
        return new Neg().record(Elementwise.map(a.array(), x -> -x), a);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {g.neg()};
    }
}
