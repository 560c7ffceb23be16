package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Broadcast;
import io.jgrad.ndarray.Elementwise;

/** {@code out = a / b} element-wise, broadcast. Backward: {@code ∂a = g / b}, {@code ∂b = -g·a / b²}. */
public final class Div extends GradFn {

    /** @return {@code a / b} */
    public static Tensor apply(Tensor a, Tensor b) {
        Shape out = Broadcast.shape("div", a.shape(), b.shape());
        return new Div().record(Elementwise.zip(a.array(), b.array(), out, (x, y) -> x / y), a, b);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor a = input(0);
        Tensor b = input(1);
        return new Tensor[] {
            needsGrad(0) ? g.div(b) : null,
            needsGrad(1) ? g.neg().mul(a).div(b.mul(b)) : null
        };
    }
}
