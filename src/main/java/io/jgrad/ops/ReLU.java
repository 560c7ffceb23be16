package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.GradMode;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;

/**
 * {@code out = max(a, 0)} (NaN stays NaN; {@code -0} gives {@code +0}). Backward:
 * {@code ∂a = g·[out > 0]} (0 at a = 0, as PyTorch; NaN where the output is NaN, where PyTorch
 * passes {@code g} through).
 *
 * <p>With grad mode off during the backward pass (the usual, first-order case) the product is
 * computed in one pass with no mask; with it on ({@code createGraph}) it is the recorded
 * {@code g.mul(mask)}, so the gradient can be differentiated again. Both give the same values.
 */
public final class ReLU extends GradFn {

    /** @return {@code max(a, 0)} element-wise */
    public static Tensor apply(Tensor a) {
        ReLU op = new ReLU();
        Tensor out = op.record(Elementwise.relu(a.array()), a);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor out = saved(0);
        if (!GradMode.isEnabled() && g.shape().equals(out.shape())) {
            return new Tensor[] {constant(Elementwise.reluBackward(g.array(), out.array()))};
        }
        Tensor positive = constant(Elementwise.positiveMask(out.array()));
        return new Tensor[] {g.mul(positive)};
    }
}
