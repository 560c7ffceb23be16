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
    // the learning rate when the first schedule was made over this optimizer (PyTorch's param group
    // 'initial_lr'): every schedule's base_lr, so that schedules chain as PyTorch's; NaN before
    double initialLr = Double.NaN;

    // the per-parameter state buffers by PyTorch's name, in registration order, and step counts
    private final Map<String, NDArray[]> slots = new java.util.LinkedHashMap<>();
    private long[] steps;

    /**
     * An optimizer over {@code params}, with no state yet.
     *
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

    /**
     * Declares a per-parameter state buffer under PyTorch's name ({@code momentum_buffer},
     * {@code exp_avg}, …), so that {@link #stateDict()} saves it; called by a subclass's constructor.
     *
     * @param name PyTorch's name of the buffer
     * @return the slots, one per parameter, {@code null} until the parameter's first update
     */
    protected final NDArray[] slot(String name) {
        NDArray[] s = new NDArray[params.size()];
        slots.put(name, s);
        return s;
    }

    /**
     * Declares per-parameter step counts, saved as {@code step} by {@link #stateDict()}; called by a
     * subclass's constructor.
     *
     * @return the counts, one per parameter, 0 before its first update
     */
    protected final long[] stepCounts() {
        steps = new long[params.size()];
        return steps;
    }

    /**
     * The optimizer's state, PyTorch's {@code optimizer.state_dict()} flattened: for parameter
     * {@code i} (its index in {@link #parameters()}) that has state, {@code state.<i>.<name>} for
     * each buffer under PyTorch's name (copies, in the parameter's dtype) and {@code state.<i>.step}
     * (a 0-d float64 count) for optimizers that count steps; and {@code lr}, a 0-d float64 tensor.
     * A parameter that has not been updated yet has no entries, as in PyTorch.
     *
     * @return a new insertion-ordered map
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            if (steps != null && steps[i] > 0) {
                out.put("state." + i + ".step", Tensor.scalar(steps[i]));
            }
            for (Map.Entry<String, NDArray[]> e : slots.entrySet()) {
                NDArray b = e.getValue()[i];
                if (b != null) {
                    out.put("state." + i + "." + e.getKey(), Tensor.wrap(b.copy()));
                }
            }
        }
        out.put("lr", Tensor.scalar(lr));
        return out;
    }

    /**
     * Restores state saved by {@link #stateDict()} into this optimizer (made over the same
     * parameters with the same settings), so that its next {@link #step()} gives the same bits as
     * the original's would. Buffers are copied, converted to their parameter's dtype; a parameter
     * without entries starts without state. Nothing changes unless everything fits.
     *
     * @param state the state, as {@link #stateDict()} gives it
     * @throws IllegalArgumentException naming the key if a key is unknown (not {@code lr} nor
     *     {@code state.<i>.<name>} with a parameter index and a name this optimizer uses), a
     *     buffer's shape differs from its parameter's, a {@code step} is not a non-negative whole
     *     number, or {@code lr} is missing or invalid
     */
    public void loadStateDict(Map<String, Tensor> state) {
        String name = getClass().getSimpleName();
        if (state == null || !state.containsKey("lr") || state.get("lr") == null || state.get("lr").numel() != 1) {
            throw new IllegalArgumentException(name + ".loadStateDict: the state has no 0-d 'lr'; pass a map made by"
                    + " stateDict()");
        }
        double newLr = checkLr(name, state.get("lr").item());
        Map<String, NDArray[]> newSlots = new java.util.LinkedHashMap<>();
        for (String k : slots.keySet()) {
            newSlots.put(k, new NDArray[params.size()]);
        }
        long[] newSteps = steps == null ? null : new long[params.size()];
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            String key = e.getKey();
            if (key.equals("lr")) {
                continue;
            }
            String[] parts = key.split("\\.");
            int i = parts.length == 3 && parts[0].equals("state") ? index(parts[1]) : -1;
            if (i < 0 || i >= params.size()) {
                throw new IllegalArgumentException(name + ".loadStateDict: unexpected key '" + key + "'; this optimizer"
                        + " has " + params.size() + " parameters and keys lr and state.<i>." + (steps != null ? "step, "
                        + "state.<i>." : "") + String.join("/", slots.keySet()));
            }
            Tensor v = e.getValue();
            if (v == null) {
                throw new IllegalArgumentException(name + ".loadStateDict: key '" + key + "' maps to null");
            }
            if (parts[2].equals("step") && newSteps != null) {
                double s = v.numel() == 1 ? v.item() : -1;
                if (!(s >= 0) || s != Math.rint(s)) {
                    throw new IllegalArgumentException(name + ".loadStateDict: key '" + key + "' holds " + v.shape()
                            + " " + (v.numel() == 1 ? String.valueOf(s) : "values") + "; a step count is one whole number ≥ 0");
                }
                newSteps[i] = (long) s;
                continue;
            }
            NDArray[] slot = newSlots.get(parts[2]);
            if (slot == null) {
                throw new IllegalArgumentException(name + ".loadStateDict: unexpected key '" + key + "'; "
                        + name + " keeps " + (steps != null ? "step, " : "") + String.join(", ", slots.keySet()));
            }
            Tensor p = params.get(i);
            if (!v.shape().equals(p.shape())) {
                throw new IllegalArgumentException(name + ".loadStateDict: key '" + key + "' has shape " + v.shape()
                        + " but parameter " + i + " has shape " + p.shape());
            }
            slot[i] = Casts.to(v.array(), p.dtype(), true);
        }
        lr = newLr;
        for (Map.Entry<String, NDArray[]> e : newSlots.entrySet()) {
            System.arraycopy(e.getValue(), 0, slots.get(e.getKey()), 0, params.size());
        }
        if (steps != null) {
            System.arraycopy(newSteps, 0, steps, 0, params.size());
        }
    }

    private static int index(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

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

    /** {@return the parameters, in the order given (unmodifiable)} */
    public List<Tensor> parameters() {
        return params;
    }

    /** {@return the learning rate} */
    public double lr() {
        return lr;
    }

    /**
     * Sets the learning rate for the following steps (for a schedule); state is kept.
     *
     * @param lr the learning rate
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
