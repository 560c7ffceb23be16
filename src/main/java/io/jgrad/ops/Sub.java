package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.BinaryOp;
import io.jgrad.ndarray.Broadcast;
import io.jgrad.ndarray.Elementwise;

/** {@code out = a - b}, broadcast and promoted. Backward: {@code ∂a = g}, {@code ∂b = -g}. */
public final class Sub extends GradFn {

    private Sub() {
    }

    /**
     * {@return {@code a - b}}
     *
     * @param a the left operand
     * @param b the right operand, broadcast with {@code a}
     * @throws IllegalArgumentException if the shapes do not broadcast, or an operand is bool
     */
    public static Tensor apply(Tensor a, Tensor b) {
        Shape out = Broadcast.shape("sub", a.shape(), b.shape());
        if (a.dtype() == DType.BOOL || b.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("sub: not defined on bool tensors (shapes " + a.shape() + " and "
                    + b.shape() + ", dtypes " + a.dtype().label() + " and " + b.dtype().label()
                    + "); to invert a mask use logicalNot(), else convert with to(DType.INT64)");
        }
        return new Sub().record(Elementwise.binary(BinaryOp.SUB, a.array(), b.array(), out), a, b);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {g, needsGrad(1) ? g.neg() : null};
    }
}
