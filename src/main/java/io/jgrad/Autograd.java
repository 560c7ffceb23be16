package io.jgrad;

import io.jgrad.ndarray.NDArray;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Gradients as values, without touching any tensor's {@code .grad}: PyTorch's {@code torch.autograd.grad}. */
public final class Autograd {

    private Autograd() {
    }

    /**
     * The gradient of a single-element {@code output} with respect to each of {@code inputs}.
     *
     * <p>Nothing is written to any {@link Tensor#grad()}. An input that {@code output} does not
     * depend on gets a zero tensor of its shape. With {@code createGraph} the gradients carry a
     * graph of their own (so they can be differentiated again) and the graph is retained;
     * otherwise it is freed.
     *
     * @param output a single-element tensor that requires grad
     * @param inputs leaves or intermediate tensors of {@code output}'s graph, each requiring grad
     * @param createGraph whether to record the backward pass, so that the gradients can be differentiated again
     * @return {@code d output / d inputs.get(i)} for each {@code i}, of the input's shape
     * @throws IllegalArgumentException if {@code output} has more than one element, or an input
     *     does not require grad
     * @throws IllegalStateException if {@code output} does not require grad, or its graph was freed
     */
    public static List<Tensor> grad(Tensor output, List<Tensor> inputs, boolean createGraph) {
        if (output.numel() != 1) {
            throw new IllegalArgumentException("Autograd.grad: output must have a single element, got shape "
                    + output.shape() + "; reduce it first (sum() or mean()), or call backward(grad) with an"
                    + " upstream gradient");
        }
        output.checkBackward();
        Map<Tensor, Boolean> wanted = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor in = inputs.get(i);
            if (!in.requiresGrad()) {
                throw new IllegalArgumentException("Autograd.grad: input " + i + " of shape " + in.shape()
                        + " does not require grad, so no gradient flows to it; call requiresGrad(true) on it"
                        + " before computing the output");
            }
            wanted.put(in, Boolean.TRUE);
        }
        Tensor seed = new Tensor(NDArray.full(output.dtype(), output.shape(), 1.0));
        Map<Tensor, Tensor> got = Engine.run(output, seed, createGraph, createGraph, wanted);
        List<Tensor> result = new ArrayList<>(inputs.size());
        for (Tensor in : inputs) {
            Tensor g = got.get(in);
            result.add(g != null ? g : new Tensor(NDArray.zeros(in.dtype(), in.shape())));
        }
        return result;
    }

    /**
     * Opens an anomaly-detection scope on this thread (PyTorch's
     * {@code torch.autograd.detect_anomaly()}): while it is open, every operation records where in
     * the caller's code it was created, and every backward formula run by a pass is checked; the
     * first that returns a NaN stops the pass with an {@link ArithmeticException} naming the
     * operation, the input and its shape, and the first frame of the caller's code that created the
     * operation (its cause carries the whole creation stack trace; an operation created outside
     * any scope is named without one). Scopes nest; outside them nothing is recorded or checked.
     *
     * <pre>{@code
     * try (var anomaly = Autograd.detectAnomaly()) {
     *     Tensor loss = model.call(x).log().mean();
     *     loss.backward();   // ArithmeticException: backward of Log returned NaN for input 0 …
     * }
     * }</pre>
     *
     * @return the scope, to close (innermost first, on this thread)
     */
    public static AnomalyScope detectAnomaly() {
        GradMode.State state = GradMode.state();
        state.anomaly++;
        return new AnomalyScope(state, state.anomaly);
    }

    /** An open {@link #detectAnomaly()} scope; {@link #close()} ends it. */
    public static final class AnomalyScope implements AutoCloseable {
        private final GradMode.State state;
        private final int depth;
        private boolean closed;

        private AnomalyScope(GradMode.State state, int depth) {
            this.state = state;
            this.depth = depth;
        }

        /**
         * Ends the scope; closing it again does nothing.
         *
         * @throws IllegalStateException if it is closed on another thread, or before a scope opened
         *     after it
         */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            if (GradMode.state() != state || state.anomaly != depth) {
                throw new IllegalStateException("Autograd.AnomalyScope.close: scopes must be closed on the thread"
                        + " that opened them, innermost first (scope " + depth + " closed while " + state.anomaly
                        + " are open); open them with try-with-resources");
            }
            closed = true;
            state.anomaly--;
        }
    }
}
