package io.jgrad.optim;

import io.jgrad.Tensor;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.Updates;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba, 2015) by PyTorch's rule ({@code torch.optim.Adam}), with weight decay as an
 * L2 penalty added to the gradient. For each parameter {@code θ} with gradient {@code g}, on every
 * {@link #step()}, with {@code t} the number of updates this parameter has had, this one included:
 * <pre>
 *   g ← g + weightDecay · θ                               if weightDecay ≠ 0
 *   m ← β1 · m + (1 − β1) · g                             (m, v start at 0)
 *   v ← β2 · v + (1 − β2) · g²
 *   stepSize ← lr / (1 − β1^t)
 *   denom    ← √v / √(1 − β2^t) + eps
 *   θ ← θ − stepSize · m / denom
 * </pre>
 * which is {@code θ ← θ − lr · m̂ / (√v̂ + eps)} with the bias-corrected moments
 * {@code m̂ = m / (1 − β1^t)}, {@code v̂ = v / (1 − β2^t)}, arranged as PyTorch computes it.
 * There is no AMSGrad variant. {@link AdamW} decouples the weight decay instead.
 *
 * <pre>{@code
 * Adam opt = new Adam(model.parameters(), 1e-3).betas(0.9, 0.999);
 * }</pre>
 *
 * <p>Defaults as PyTorch's: betas (0.9, 0.999), eps 1e-8, weight decay 0. Each setter validates its
 * value at once.
 */
public class Adam extends Optimizer {

    private final String name;
    private final boolean decoupled;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;
    private final NDArray[] m;
    private final NDArray[] v;
    private final long[] steps;

    /**
     * Adam with PyTorch's defaults.
     *
     * @param params the tensors to update (e.g. {@code model.parameters()}): leaves, each once
     * @param lr the learning rate, ≥ 0 (PyTorch's default is 1e-3)
     * @throws IllegalArgumentException if {@code params} is empty or invalid, or {@code lr} is
     *     negative or NaN (the message names the value)
     */
    public Adam(List<Tensor> params, double lr) {
        this("Adam", params, lr, false, 0.0);
    }

    /** For {@link AdamW}: {@code decoupled} applies the weight decay to θ directly. */
    Adam(String name, List<Tensor> params, double lr, boolean decoupled, double weightDecay) {
        super(name, params, lr);
        this.name = name;
        this.decoupled = decoupled;
        this.weightDecay = weightDecay;
        this.m = slot("exp_avg");
        this.v = slot("exp_avg_sq");
        this.steps = stepCounts();
    }

    /**
     * Sets the decay rates of the moment estimates.
     *
     * @param beta1 of the first moment (mean), in {@code [0, 1)}
     * @param beta2 of the second moment (uncentred variance), in {@code [0, 1)}
     * @return this optimizer
     * @throws IllegalArgumentException naming the value if a beta is outside {@code [0, 1)}
     */
    public Adam betas(double beta1, double beta2) {
        checkBeta("beta1", beta1);
        checkBeta("beta2", beta2);
        this.beta1 = beta1;
        this.beta2 = beta2;
        return this;
    }

    private void checkBeta(String which, double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException(name + ": invalid " + which + " " + beta + "; each beta must be in [0, 1)");
        }
    }

    /**
     * Sets the term added to the denominator for numerical stability.
     *
     * @param eps ≥ 0
     * @return this optimizer
     * @throws IllegalArgumentException if {@code eps} is negative or NaN
     */
    public Adam eps(double eps) {
        this.eps = checkNonNegative(name, "eps", eps);
        return this;
    }

    /**
     * Sets the weight decay: for Adam an L2 penalty ({@code weightDecay · θ} added to the gradient),
     * for {@link AdamW} a decoupled shrink of θ.
     *
     * @param weightDecay ≥ 0
     * @return this optimizer
     * @throws IllegalArgumentException if {@code weightDecay} is negative or NaN
     */
    public Adam weightDecay(double weightDecay) {
        this.weightDecay = checkNonNegative(name, "weightDecay", weightDecay);
        return this;
    }

    /** {@inheritDoc} */
    @Override
    public Adam lr(double lr) {
        super.lr(lr);
        return this;
    }

    /**
     * Applies the rule in the class description to every parameter whose gradient is not null, in
     * the parameter's dtype (moments made in another dtype, before {@code Layer.to}, are
     * converted first).
     */
    @Override
    public void step() {
        for (int k = 0; k < params.size(); k++) {
            Tensor p = params.get(k);
            Tensor grad = p.grad();
            if (grad == null) {
                continue;
            }
            NDArray g = gradValues(name, p, grad);
            NDArray mk = state(m, k, p);
            NDArray vk = state(v, k, p);
            long t = ++steps[k];
            double stepSize = lr / (1 - Math.pow(beta1, t));
            double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
            double shrink = decoupled ? 1 - lr * weightDecay : 1.0;
            double l2 = decoupled ? 0.0 : weightDecay;
            // the update records the write in the parameter's version, so graphs recorded before
            // this step refuse to backward through the new values
            Updates.adam(p.array(), g, mk, vk, l2, shrink, beta1, beta2, stepSize, bc2Sqrt, eps);
        }
    }

    /** {@return β1} */
    public double beta1() {
        return beta1;
    }

    /** {@return β2} */
    public double beta2() {
        return beta2;
    }

    /** {@return eps} */
    public double eps() {
        return eps;
    }

    /** {@return the weight decay} */
    public double weightDecay() {
        return weightDecay;
    }
}
