package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Broadcast;
import io.jgrad.ndarray.Elementwise;

/** {@code out = a · b} element-wise, broadcast. Backward: {@code ∂a = g·b}, {@code ∂b = g·a}. */
public final class Mul extends GradFn {

    /** @return {@code a * b} */
    public static Tensor apply(Tensor a, Tensor b) {
        Shape out = Broadcast.shape("mul", a.shape(), b.shape());
        return new Mul().record(Elementwise.mul(a.array(), b.array(), out), a, b);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor a = input(0);
        Tensor b = input(1);
        return new Tensor[] {needsGrad(0) ? g.mul(b) : null, needsGrad(1) ? g.mul(a) : null};
    }
}
