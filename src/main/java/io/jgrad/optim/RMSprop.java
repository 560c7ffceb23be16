package io.jgrad.optim;

import io.jgrad.Tensor;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.Updates;
import java.util.List;

/**
 * RMSprop by PyTorch's rule ({@code torch.optim.RMSprop}). For each parameter {@code θ} with
 * gradient {@code g}, on every {@link #step()}:
 * <pre>
 *   g ← g + weightDecay · θ                        if weightDecay ≠ 0
 *   s ← α · s + (1 − α) · g²                       (square_avg, starting at 0)
 *   if centered:  a ← a + (1 − α) · (g − a)        (grad_avg, starting at 0)
 *                 d ← √(s − a²) + eps
 *   else:         d ← √s + eps
 *   if momentum μ > 0:  b ← μ · b + g / d;  θ ← θ − lr · b      (momentum_buffer, starting at 0)
 *   else:               θ ← θ − lr · g / d
 * </pre>
 * Defaults as PyTorch's: α 0.99, eps 1e-8, momentum 0, weight decay 0, not centered. State
 * (PyTorch's names): {@code step}, {@code square_avg}, {@code momentum_buffer}, {@code grad_avg}.
 *
 * <pre>{@code
 * RMSprop opt = new RMSprop(model.parameters(), 0.01).momentum(0.9).centered(true);
 * }</pre>
 */
public class RMSprop extends Optimizer {

    private double alpha = 0.99;
    private double eps = 1e-8;
    private double momentum;
    private double weightDecay;
    private boolean centered;
    private final NDArray[] squareAvg;
    private final NDArray[] momentumBuffer;
    private final NDArray[] gradAvg;
    private final long[] steps;

    /**
     * RMSprop with PyTorch's defaults: alpha 0.99, eps 1e-8, no momentum, no weight decay, not centered.
     *
     * @param params the tensors to update (e.g. {@code model.parameters()}): leaves, each once
     * @param lr the learning rate, ≥ 0
     * @throws IllegalArgumentException if {@code params} is empty or invalid, or {@code lr} is negative or NaN
     */
    public RMSprop(List<Tensor> params, double lr) {
        super("RMSprop", params, lr);
        this.steps = stepCounts();
        this.squareAvg = slot("square_avg");
        this.momentumBuffer = slot("momentum_buffer");
        this.gradAvg = slot("grad_avg");
    }

    /**
     * Sets the smoothing constant α of the squared-gradient average.
     *
     * @param alpha ≥ 0 (PyTorch's rule); 0.99 by default
     * @return this optimizer
     * @throws IllegalArgumentException if {@code alpha} is negative or NaN
     */
    public RMSprop alpha(double alpha) {
        this.alpha = checkNonNegative("RMSprop", "alpha", alpha);
        return this;
    }

    /**
     * Sets the term added to the denominator.
     *
     * @param eps added to the denominator for stability
     * @return this optimizer
     * @throws IllegalArgumentException if {@code eps} is negative or NaN
     */
    public RMSprop eps(double eps) {
        this.eps = checkNonNegative("RMSprop", "eps", eps);
        return this;
    }

    /**
     * Sets the momentum factor (0 turns momentum off).
     *
     * @param momentum the momentum factor
     * @return this optimizer
     * @throws IllegalArgumentException if {@code momentum} is negative or NaN
     */
    public RMSprop momentum(double momentum) {
        this.momentum = checkNonNegative("RMSprop", "momentum", momentum);
        return this;
    }

    /**
     * Sets the L2 penalty added to the gradient.
     *
     * @param weightDecay the L2 penalty, added to the gradient as {@code weightDecay · θ}
     * @return this optimizer
     * @throws IllegalArgumentException if {@code weightDecay} is negative or NaN
     */
    public RMSprop weightDecay(double weightDecay) {
        this.weightDecay = checkNonNegative("RMSprop", "weightDecay", weightDecay);
        return this;
    }

    /**
     * Turns the centred variant on (the squared average minus the squared mean gradient, an
     * estimate of the variance, in the denominator).
     *
     * @param centered whether to normalise by the variance of the gradient rather than its second moment
     * @return this optimizer
     */
    public RMSprop centered(boolean centered) {
        this.centered = centered;
        return this;
    }

    /** {@inheritDoc} */
    @Override
    public RMSprop lr(double lr) {
        super.lr(lr);
        return this;
    }

    /** Applies the rule in the class description to every parameter whose gradient is not null. */
    @Override
    public void step() {
        for (int k = 0; k < params.size(); k++) {
            Tensor p = params.get(k);
            Tensor grad = p.grad();
            if (grad == null) {
                continue;
            }
            NDArray g = gradValues("RMSprop", p, grad);
            steps[k]++;
            NDArray s = state(squareAvg, k, p);
            NDArray a = centered ? state(gradAvg, k, p) : null;
            NDArray b = momentum > 0 ? state(momentumBuffer, k, p) : null;
            Updates.rmsprop(p.array(), g, s, a, b, lr, alpha, eps, weightDecay, momentum);
        }
    }

    /** {@return α} */
    public double alpha() {
        return alpha;
    }

    /** {@return eps} */
    public double eps() {
        return eps;
    }

    /** {@return the momentum factor} */
    public double momentum() {
        return momentum;
    }

    /** {@return the L2 weight decay} */
    public double weightDecay() {
        return weightDecay;
    }

    /** {@return whether the centred variant is on} */
    public boolean centered() {
        return centered;
    }
}
