package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Broadcast;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;

/**
 * {@code out = a ^ e} element-wise, broadcast.
 * Backward: {@code ∂a = g·e·a^(e-1)} (0 where {@code e = 0}), {@code ∂e = g·out·ln a}
 * (0 where {@code a = 0}, {@code e ≥ 0}, as PyTorch).
 */
public final class Pow extends GradFn {

    /** @return {@code a ^ e} */
    public static Tensor apply(Tensor a, Tensor e) {
        Shape out = Broadcast.shape("pow", a.shape(), e.shape());
        Pow op = new Pow();
        Tensor result = op.record(Elementwise.zip(a.array(), e.array(), out, Math::pow), a, e);
        op.save(result);
        return result;
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor a = input(0);
        Tensor e = input(1);
        Tensor ga = null;
        Tensor ge = null;
        if (needsGrad(0)) {
            // e·a^(e-1); where e = 0 the exponent is taken as 0, so a = 0 gives 0·1, not 0·∞ = NaN
            Tensor nonzero = constant(Elementwise.map(e.array(), v -> v == 0 ? 0.0 : 1.0));
            ga = g.mul(e.mul(a.pow(e.sub(1.0).mul(nonzero))));
        }
        if (needsGrad(1)) {
            // ln a with a = 0 replaced by ln 1: there out = 0^e is 0 (or 1 for e = 0) and PyTorch's gradient is 0
            NDArray zeros = Elementwise.map(a.array(), v -> v == 0 ? 1.0 : 0.0);
            ge = g.mul(saved(0)).mul(a.add(constant(zeros)).log());
        }
        return new Tensor[] {ga, ge};
    }
}
