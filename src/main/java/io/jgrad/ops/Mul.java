package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.BinaryOp;
import io.jgrad.ndarray.Broadcast;
import io.jgrad.ndarray.Elementwise;

/**
 * {@code out = a · b} element-wise, broadcast and promoted (two bools: logical and, as PyTorch).
 * Backward: {@code ∂a = g·b}, {@code ∂b = g·a}.
 */
public final class Mul extends GradFn {

    private Mul() {
    }

    /**
     * {@return {@code a * b}}
     *
     * @param a the left operand
     * @param b the right operand, broadcast with {@code a}
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Tensor apply(Tensor a, Tensor b) {
        Shape out = Broadcast.shape("mul", a.shape(), b.shape());
        return new Mul().record(Elementwise.binary(BinaryOp.MUL, a.array(), b.array(), out), a, b);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor a = input(0);
        Tensor b = input(1);
        return new Tensor[] {needsGrad(0) ? g.mul(b) : null, needsGrad(1) ? g.mul(a) : null};
    }
}
