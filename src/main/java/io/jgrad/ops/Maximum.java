package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.BinaryOp;
import io.jgrad.ndarray.Broadcast;
import io.jgrad.ndarray.Elementwise;

/**
 * {@code out = max(a, b)} element-wise, broadcast and promoted (bool: logical or); NaN if either is
 * NaN. Backward, as PyTorch: {@code ∂a = g} where {@code a > b}, {@code ∂b = g} where {@code b > a},
 * {@code g/2} to each where they tie, and {@code g} to both where either is NaN.
 */
public final class Maximum extends GradFn {

    private Maximum() {
    }

    /**
     * {@return the larger of {@code a} and {@code b}, element by element}
     *
     * @param a the left operand
     * @param b the right operand, broadcast with {@code a}
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Tensor apply(Tensor a, Tensor b) {
        Shape out = Broadcast.shape("maximum", a.shape(), b.shape());
        return new Maximum().record(Elementwise.binary(BinaryOp.MAXIMUM, a.array(), b.array(), out), a, b);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return Minimum.tieSplit(g, input(0), input(1), needsGrad(0), needsGrad(1), false);
    }
}
