package io.jgrad.optim;

import io.jgrad.Tensor;
import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter, 2019) by PyTorch's rule
 * ({@code torch.optim.AdamW}): the parameter shrinks by {@code lr · weightDecay} of itself, and the
 * gradient is left as it is. For each parameter {@code θ} with gradient {@code g}, on every
 * {@link #step()}, with {@code t} the number of updates this parameter has had, this one included:
 * <pre>
 *   θ ← θ · (1 − lr · weightDecay)
 *   m ← β1 · m + (1 − β1) · g                             (m, v start at 0)
 *   v ← β2 · v + (1 − β2) · g²
 *   stepSize ← lr / (1 − β1^t)
 *   denom    ← √v / √(1 − β2^t) + eps
 *   θ ← θ − stepSize · m / denom
 * </pre>
 *
 * <p>Defaults as PyTorch's: betas (0.9, 0.999), eps 1e-8, weight decay 0.01.
 */
public class AdamW extends Adam {

    /**
     * AdamW with PyTorch's defaults (weight decay 0.01).
     *
     * @param params the tensors to update (e.g. {@code model.parameters()}): leaves, each once
     * @param lr the learning rate, ≥ 0 (PyTorch's default is 1e-3)
     * @throws IllegalArgumentException if {@code params} is empty or invalid, or {@code lr} is
     *     negative or NaN (the message names the value)
     */
    public AdamW(List<Tensor> params, double lr) {
        super("AdamW", params, lr, true, 0.01);
    }

    /** {@inheritDoc} */
    @Override
    public AdamW betas(double beta1, double beta2) {
        super.betas(beta1, beta2);
        return this;
    }

    /** {@inheritDoc} */
    @Override
    public AdamW eps(double eps) {
        super.eps(eps);
        return this;
    }

    /** {@inheritDoc} */
    @Override
    public AdamW weightDecay(double weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    /** {@inheritDoc} */
    @Override
    public AdamW lr(double lr) {
        super.lr(lr);
        return this;
    }
}
