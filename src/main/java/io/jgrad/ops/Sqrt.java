package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;

/** {@code out = √a}. Backward: {@code ∂a = g / (2·out)}. */
public final class Sqrt extends GradFn {

    /** @return {@code √a} element-wise (NaN for negative values) */
    public static Tensor apply(Tensor a) {
        Sqrt op = new Sqrt();
        Tensor out = op.record(Elementwise.map(a.array(), Math::sqrt), a);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {g.div(saved(0).mul(2.0))};
    }
}
