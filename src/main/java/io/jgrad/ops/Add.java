package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.BinaryOp;
import io.jgrad.ndarray.Broadcast;
import io.jgrad.ndarray.Elementwise;

/**
 * {@code out = a + b}, broadcast and promoted (two bools: logical or, as PyTorch). Backward:
 * {@code ∂a = g}, {@code ∂b = g}.
 */
public final class Add extends GradFn {

    private Add() {
    }

    /**
     * {@return {@code a + b}}
     *
     * @param a the left operand
     * @param b the right operand, broadcast with {@code a}
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Tensor apply(Tensor a, Tensor b) {
        Shape out = Broadcast.shape("add", a.shape(), b.shape());
        return new Add().record(Elementwise.binary(BinaryOp.ADD, a.array(), b.array(), out), a, b);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {g, g};
    }
}
