package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;

/** {@code out = max(a, 0)}. Backward: {@code ∂a = g·[out > 0]} (0 at a = 0, as PyTorch). */
public final class ReLU extends GradFn {

    /** @return {@code max(a, 0)} element-wise */
    public static Tensor apply(Tensor a) {
        ReLU op = new ReLU();
        Tensor out = op.record(Elementwise.map(a.array(), x -> x > 0 ? x : 0.0), a);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor positive = constant(Elementwise.map(saved(0).array(), x -> x > 0 ? 1.0 : 0.0));
        return new Tensor[] {g.mul(positive)};
    }
}
