package io.jgrad.optim;

import io.jgrad.Tensor;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.Updates;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight
 * decay, by PyTorch's rule ({@code torch.optim.SGD}). For each parameter {@code θ} with gradient
 * {@code g}, on every {@link #step()}:
 * <pre>
 *   g ← g + weightDecay · θ                               if weightDecay ≠ 0
 *   if momentum ≠ 0:
 *       b ← g                                             on the parameter's first update
 *       b ← momentum · b + (1 − dampening) · g             afterwards
 *       g ← g + momentum · b                              if nesterov
 *       g ← b                                             otherwise
 *   θ ← θ − lr · g
 * </pre>
 * The first-step convention is PyTorch's: the momentum buffer starts as the gradient itself, not
 * as {@code (1 − dampening) · g}.
 *
 * <pre>{@code
 * SGD opt = new SGD(model.parameters(), 0.1).momentum(0.9).weightDecay(1e-4);
 * }</pre>
 *
 * <p>Defaults as PyTorch's: momentum 0, dampening 0, nesterov off, weight decay 0. Each setter
 * validates its value at once.
 */
public class SGD extends Optimizer {

    private double momentum;
    private double dampening;
    private boolean nesterov;
    private double weightDecay;
    private final NDArray[] buffers;

    /**
     * Plain SGD, {@code θ ← θ − lr · g}.
     *
     * @param params the tensors to update (e.g. {@code model.parameters()}): leaves, each once
     * @param lr the learning rate, ≥ 0
     * @throws IllegalArgumentException if {@code params} is empty or invalid, or {@code lr} is
     *     negative or NaN (the message names the value)
     */
    public SGD(List<Tensor> params, double lr) {
        super("SGD", params, lr);
        this.buffers = slot("momentum_buffer");
    }

    /**
     * Sets the momentum factor.
     *
     * @param momentum ≥ 0 (0 turns momentum off); 0.9 is common
     * @return this optimizer
     * @throws IllegalArgumentException if {@code momentum} is negative or NaN, or 0 while nesterov is on
     */
    public SGD momentum(double momentum) {
        checkNonNegative("SGD", "momentum", momentum);
        checkNesterov(nesterov, momentum, dampening);
        this.momentum = momentum;
        return this;
    }

    /**
     * Sets the dampening of the momentum: the gradient enters the buffer scaled by
     * {@code 1 − dampening} (from the second update on).
     *
     * @param dampening in {@code [0, 1]}
     * @return this optimizer
     * @throws IllegalArgumentException if {@code dampening} is outside {@code [0, 1]}, or non-zero
     *     while nesterov is on
     */
    public SGD dampening(double dampening) {
        if (!(dampening >= 0 && dampening <= 1)) {
            throw new IllegalArgumentException("SGD: invalid dampening " + dampening + "; it must be in [0, 1]");
        }
        checkNesterov(nesterov, momentum, dampening);
        this.dampening = dampening;
        return this;
    }

    /**
     * Turns Nesterov momentum on or off. It needs a momentum &gt; 0 and no dampening, so set the
     * momentum first: {@code .momentum(0.9).nesterov(true)}.
     *
     * @param nesterov whether to use Nesterov momentum
     * @return this optimizer
     * @throws IllegalArgumentException if turned on while momentum is 0 or dampening is not 0
     */
    public SGD nesterov(boolean nesterov) {
        checkNesterov(nesterov, momentum, dampening);
        this.nesterov = nesterov;
        return this;
    }

    /**
     * Sets the L2 penalty: {@code weightDecay · θ} is added to the gradient.
     *
     * @param weightDecay ≥ 0
     * @return this optimizer
     * @throws IllegalArgumentException if {@code weightDecay} is negative or NaN
     */
    public SGD weightDecay(double weightDecay) {
        this.weightDecay = checkNonNegative("SGD", "weightDecay", weightDecay);
        return this;
    }

    /** {@inheritDoc} */
    @Override
    public SGD lr(double lr) {
        super.lr(lr);
        return this;
    }

    private static void checkNesterov(boolean nesterov, double momentum, double dampening) {
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("SGD: nesterov momentum needs momentum > 0 and dampening 0, but"
                    + " momentum is " + momentum + " and dampening is " + dampening
                    + "; set momentum(…) before nesterov(true), and leave dampening at 0");
        }
    }

    /**
     * Applies the rule in the class description to every parameter whose gradient is not null, in
     * the parameter's dtype (a momentum buffer made in another dtype, before {@code Layer.to},
     * is converted first).
     */
    @Override
    public void step() {
        for (int k = 0; k < params.size(); k++) {
            Tensor p = params.get(k);
            Tensor grad = p.grad();
            if (grad == null) {
                continue;
            }
            NDArray g = gradValues("SGD", p, grad);
            // graphs recorded before this step must not backward through the new values: the
            // update records the write in the parameter's version
            if (momentum == 0) {
                Updates.sgd(p.array(), g, null, false, lr, weightDecay, 0, dampening, nesterov);
                continue;
            }
            boolean first = buffers[k] == null;
            NDArray b = state(buffers, k, p);
            Updates.sgd(p.array(), g, b, first, lr, weightDecay, momentum, dampening, nesterov);
        }
    }

    /** {@return the momentum factor} */
    public double momentum() {
        return momentum;
    }

    /** {@return the dampening} */
    public double dampening() {
        return dampening;
    }

    /** {@return whether Nesterov momentum is on} */
    public boolean nesterov() {
        return nesterov;
    }

    /** {@return the L2 weight decay} */
    public double weightDecay() {
        return weightDecay;
    }
}
