package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;

/** {@code out = tanh a}. Backward: {@code ∂a = g·(1 - out²)}. */
public final class Tanh extends GradFn {

    /** @return {@code tanh a} element-wise */
    public static Tensor apply(Tensor a) {
        Tanh op = new Tanh();
        Tensor out = op.record(Elementwise.map(a.array(), Math::tanh), a);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor out = saved(0);
        return new Tensor[] {g.mul(out.mul(out).neg().add(1.0))};
    }
}
