package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;

/** {@code out = e^a}. Backward: {@code ∂a = g·out}. */
public final class Exp extends GradFn {

    /** @return {@code e^a} */
    public static Tensor apply(Tensor a) {
        Exp op = new Exp();
        Tensor out = op.record(Elementwise.map(a.array(), Math::exp), a);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {g.mul(saved(0))};
    }
}
