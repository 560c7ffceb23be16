package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.BinaryOp;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.UnaryOp;

/**
 * {@code out = max(a, 0)} (floating or int64; NaN stays NaN; {@code -0} gives {@code +0}). Backward:
 * {@code ∂a = g·[out > 0]} (0 at a = 0, as PyTorch; NaN where the output is NaN, where PyTorch
 * passes {@code g} through).
 *
 * <p>Without {@code createGraph} the product is computed in one pass with no mask; with it, it is
 * the recorded {@code g.mul(mask)}, so the gradient can be differentiated again. Both give the
 * same values.
 */
public final class ReLU extends GradFn {

    private ReLU() {
    }

    /**
     * {@return {@code max(a, 0)} element-wise}
     *
     * @param a the input tensor
     * @throws IllegalArgumentException if {@code a} is bool
     */
    public static Tensor apply(Tensor a) {
        Types.notBool("relu", a, "convert it with to(DType.FLOAT64) first");
        ReLU op = new ReLU();
        Tensor out = op.record(Elementwise.unary(UnaryOp.RELU, a.array()), a);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor out = saved(0);
        if (!createGraph && g.shape().equals(out.shape()) && g.dtype() == out.dtype()) {
            return new Tensor[] {constant(Elementwise.binary(BinaryOp.RELU_BACKWARD, g.array(), out.array(), g.shape()))};
        }
        Tensor positive = constant(Elementwise.unary(UnaryOp.POSITIVE_MASK, out.array()));
        return new Tensor[] {g.mul(positive)};
    }
}
