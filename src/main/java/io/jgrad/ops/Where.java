package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Broadcast;
import io.jgrad.ndarray.Indexing;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.Promotion;

/**
 * {@code out = condition ? a : b} element-wise, the three broadcast together and {@code a},
 * {@code b} promoted to a common dtype (PyTorch's {@code where}). Backward:
 * {@code ∂a = where(condition, g, 0)}, {@code ∂b = where(condition, 0, g)}.
 */
public final class Where extends GradFn {

    private Where() {
    }

    /**
     * {@return a tensor of the broadcast shape, in the promoted dtype of {@code a} and {@code b}}
     *
     * @param condition BOOL
     * @param a the values where {@code condition} holds
     * @param b the values elsewhere
     * @throws IllegalArgumentException if {@code condition} is not BOOL or the shapes do not
     *     broadcast; the message names all three
     */
    public static Tensor apply(Tensor condition, Tensor a, Tensor b) {
        if (condition.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("where: condition must be bool, got " + condition.dtype().label()
                    + " of shape " + condition.shape() + "; make it with a comparison or to(DType.BOOL)");
        }
        Shape out;
        try {
            out = Broadcast.shape("where", Broadcast.shape("where", condition.shape(), a.shape()), b.shape());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("where: condition of shape " + condition.shape() + ", a of shape "
                    + a.shape() + " and b of shape " + b.shape() + " do not broadcast together ("
                    + e.getMessage().substring("where: ".length()) + ")", e);
        }
        DType type = Promotion.resultType(a.array(), b.array());
        return new Where().record(Indexing.where(condition.array(), a.array(), b.array(), out, type), condition, a, b);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor zero = constant(NDArray.scalar(g.dtype(), 0.0));
        Tensor da = needsGrad(1) ? apply(input(0), g, zero) : null;
        Tensor db = needsGrad(2) ? apply(input(0), zero, g) : null;
        return new Tensor[] {null, da, db};
    }
}
