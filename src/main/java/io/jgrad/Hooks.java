package io.jgrad;

import java.util.List;
import java.util.function.UnaryOperator;

/** Runs a tensor's gradient hooks during a backward pass ({@link Tensor#registerHook}). */
final class Hooks {

    private Hooks() {
    }

    /**
     * The gradient {@code g} of {@code t} after its hooks, in registration order, each seeing the
     * previous one's result; {@code g} itself when it has none.
     *
     * @throws IllegalStateException if a hook returns a tensor of another shape or dtype
     */
    static Tensor run(Tensor t, Tensor g) {
        List<UnaryOperator<Tensor>> hooks = t.hooks();
        if (hooks == null) {
            return g;
        }
        Tensor out = g;
        // a copy, so that a hook that removes itself does not disturb the iteration
        for (UnaryOperator<Tensor> hook : List.copyOf(hooks)) {
            Tensor r = hook.apply(out);
            if (r == null) {
                continue;
            }
            if (!r.shape().equals(out.shape()) || r.dtype() != out.dtype()) {
                throw new IllegalStateException("registerHook: a hook on a tensor of shape " + t.shape()
                        + " returned a gradient of " + r.dtype().label() + " " + r.shape() + " for one of "
                        + out.dtype().label() + " " + out.shape() + "; a hook may replace the gradient only with"
                        + " one of the same shape and dtype");
            }
            r.array().markShared(); // the hook's caller may hold it: never written in place
            out = r;
        }
        return out;
    }
}
