package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.BinaryOp;
import io.jgrad.ndarray.Broadcast;
import io.jgrad.ndarray.CompareOp;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;

/**
 * {@code out = min(a, b)} element-wise, broadcast and promoted (bool: logical and); NaN if either is
 * NaN. Backward, as PyTorch: {@code ∂a = g} where {@code a < b}, {@code ∂b = g} where {@code b < a},
 * {@code g/2} to each where they tie, and {@code g} to both where either is NaN.
 */
public final class Minimum extends GradFn {

    private Minimum() {
    }

    /**
     * {@return the smaller of {@code a} and {@code b}, element by element}
     *
     * @param a the left operand
     * @param b the right operand, broadcast with {@code a}
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Tensor apply(Tensor a, Tensor b) {
        Shape out = Broadcast.shape("minimum", a.shape(), b.shape());
        return new Minimum().record(Elementwise.binary(BinaryOp.MINIMUM, a.array(), b.array(), out), a, b);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return tieSplit(g, input(0), input(1), needsGrad(0), needsGrad(1), true);
    }

    /**
     * The gradients of {@code max(a, b)} or {@code min(a, b)}: {@code g·(1 − [loses] − ½[tie])} for
     * each operand, where an operand loses when the other is larger (for max) or smaller (for min).
     * NaN neither loses nor ties, so both get {@code g}, as PyTorch. The factors are 0, ½ or 1
     * exactly, in the gradient's dtype and the broadcast shape (the engine sums them back).
     */
    static Tensor[] tieSplit(Tensor g, Tensor a, Tensor b, boolean gradA, boolean gradB, boolean min) {
        Shape s = g.shape();
        DType t = g.dtype();
        NDArray half = Masks.times(Masks.where(CompareOp.EQ, a.array(), b.array(), s, t), NDArray.wrappedScalar(0.5), s);
        NDArray notHalf = Elementwise.binary(BinaryOp.SUB, NDArray.wrappedScalar(1.0), half, s);
        Tensor ga = null;
        Tensor gb = null;
        if (gradA) {
            NDArray loses = Masks.where(min ? CompareOp.GT : CompareOp.LT, a.array(), b.array(), s, t);
            ga = g.mul(constant(Elementwise.binary(BinaryOp.SUB, notHalf, loses, s)));
        }
        if (gradB) {
            NDArray loses = Masks.where(min ? CompareOp.LT : CompareOp.GT, a.array(), b.array(), s, t);
            gb = g.mul(constant(Elementwise.binary(BinaryOp.SUB, notHalf, loses, s)));
        }
        return new Tensor[] {ga, gb};
    }
}
