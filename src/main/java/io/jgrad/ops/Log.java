package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;

/** {@code out = ln a}. Backward: {@code ∂a = g / a}. */
public final class Log extends GradFn {

    /** @return {@code ln a} (NaN for negative, -∞ for 0, as IEEE) */
    public static Tensor apply(Tensor a) {
        return new Log().record(Elementwise.map(a.array(), Math::log), a);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {g.div(input(0))};
    }
}
