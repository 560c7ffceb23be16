package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.BinaryOp;
import io.jgrad.ndarray.Broadcast;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.Promotion;

/**
 * {@code out = a / b} element-wise, broadcast; true division: integer and bool operands give
 * float64, as PyTorch's {@code /}. Backward: {@code ∂a = g / b}, {@code ∂b = -g·a / b²}.
 */
public final class Div extends GradFn {

    private Div() {
    }

    /**
     * {@return {@code a / b}}
     *
     * @param a the left operand
     * @param b the right operand, broadcast with {@code a}
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Tensor apply(Tensor a, Tensor b) {
        Shape out = Broadcast.shape("div", a.shape(), b.shape());
        var type = Promotion.floating(Promotion.resultType(a.array(), b.array()));
        return new Div().record(Elementwise.binary(BinaryOp.DIV, a.array(), b.array(), out, type), a, b);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor a = input(0);
        Tensor b = input(1);
        return new Tensor[] {
            needsGrad(0) ? g.div(b) : null,
            needsGrad(1) ? g.neg().mul(a).div(b.mul(b)) : null
        };
    }
}
