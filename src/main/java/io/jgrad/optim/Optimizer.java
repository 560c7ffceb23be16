package io.jgrad.optim;

import io.jgrad.Tensor;
import io.jgrad.ndarray.Casts;
import io.jgrad.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The common part of the optimizers: the parameters to update, the learning rate, and
 * {@link #zeroGrad()}. A subclass implements {@link #step()}, PyTorch's {@code torch.optim.Optimizer}.
 *
 * <p>A training step:
 * <pre>{@code
 * opt.zeroGrad();
 * Tensor loss = lossFn.forward(model.forward(x), y);
 * loss.backward();
 * opt.step();
 * }</pre>
 *
 * <p>Updates write the parameters' values in place (through {@code io.jgrad.ndarray.Updates}), so the
 * parameter tensors stay the same objects, stay leaves, and no graph is recorded, whatever the grad
 * mode. Gradient tensors are only read: they may be shared with other tensors. A parameter whose
 * {@code grad()} is {@code null} (it took no part in the loss) is skipped, its state untouched.
 * State buffers (momentum, moments) are allocated on a parameter's first update; later steps
 * allocate nothing.
 */
public abstract class Optimizer {

    /** The parameters, in the order given. */
    protected final List<Tensor> params;
    /** The learning rate, ≥ 0. */
    protected double lr;

    /**
     * @param name the optimizer's name, for messages
     * @param params the tensors to update: leaves, each listed once
     * @param lr the learning rate, ≥ 0
     * @throws IllegalArgumentException if {@code params} is null or empty, holds null, a non-leaf or
     *     a tensor twice, or {@code lr} is negative or NaN
     */
    protected Optimizer(String name, List<Tensor> params, double lr) {
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException(name + ": got an empty parameter list; pass model.parameters()"
                    + " (a layer with no parameters has nothing to optimize)");
        }
        Map<Tensor, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p == null) {
                throw new IllegalArgumentException(name + ": parameter " + i + " is null");
            }
            if (!p.isLeaf()) {
                throw new IllegalArgumentException(name + ": parameter " + i + " of shape " + p.shape()
                        + " was made by " + p.gradFn().name() + "; only leaf tensors can be optimized");
            }
            Integer before = seen.put(p, i);
            if (before != null) {
                throw new IllegalArgumentException(name + ": parameter " + i + " of shape " + p.shape()
                        + " is the same tensor as parameter " + before + "; list each parameter once");
            }
        }
        this.params = Collections.unmodifiableList(new ArrayList<>(params));
        this.lr = checkLr(name, lr);
    }

    /** Updates every parameter that has a gradient, by this optimizer's rule. */
    public abstract void step();

    /** Resets every parameter's gradient to {@code null} (PyTorch's {@code zero_grad()}, set_to_none). */
    public void zeroGrad() {
        zeroGrad(true);
    }

    /**
     * Resets every parameter's gradient: to {@code null} when {@code setToNone} (PyTorch's default),
     * else to zeros in place, as {@code zero_grad(set_to_none=False)}. Zeros in place keep the
     * gradient arrays, so the next backward adds into them (a {@code Linear} layer's weight and bias
     * gradients go straight in, so such a step allocates no parameter-sized arrays); a parameter
     * left without a gradient then is still updated with a zero gradient (weight decay and
     * momentum apply to it), as in PyTorch.
     *
     * @param setToNone {@code true} for {@code null}, {@code false} for zeros
     */
    public void zeroGrad(boolean setToNone) {
        for (Tensor p : params) {
            p.zeroGrad(setToNone);
        }
    }

    /** @return the parameters, in the order given (unmodifiable) */
    public List<Tensor> parameters() {
        return params;
    }

    /** @return the learning rate */
    public double lr() {
        return lr;
    }

    /**
     * Sets the learning rate for the following steps (for a schedule); state is kept.
     *
     * @return this optimizer
     * @throws IllegalArgumentException if {@code lr} is negative or NaN
     */
    public Optimizer lr(double lr) {
        this.lr = checkLr(getClass().getSimpleName(), lr);
        return this;
    }

    private static double checkLr(String name, double lr) {
        return checkNonNegative(name, "learning rate lr", lr);
    }

    /**
     * @return {@code value}
     * @throws IllegalArgumentException naming the value if it is negative or NaN
     */
    static double checkNonNegative(String name, String what, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(name + ": invalid " + what + " " + value + "; it must be ≥ 0");
        }
        return value;
    }

    /**
     * The gradient's values, checked against the parameter's shape, in the parameter's dtype.
     *
     * @throws IllegalStateException if the gradient's shape differs from the parameter's
     */
    static NDArray gradValues(String name, Tensor p, Tensor g) {
        if (!g.shape().equals(p.shape())) {
            throw new IllegalStateException(name + ": the gradient of shape " + g.shape() + " does not fit its parameter"
                    + " of shape " + p.shape());
        }
        return Casts.to(g.array(), p.dtype());
    }

    /**
     * The state buffer {@code slots[k]} of parameter {@code p}: zeros of its shape and dtype made on
     * first use, and converted when the parameter's dtype changed since ({@code Layer.to}).
     */
    static NDArray state(NDArray[] slots, int k, Tensor p) {
        NDArray s = slots[k];
        if (s == null) {
            s = NDArray.zeros(p.dtype(), p.shape());
            slots[k] = s;
        } else if (s.dtype() != p.dtype()) {
            s = Casts.to(s, p.dtype());
            slots[k] = s;
        }
        return s;
    }
}
