package io.jgrad;

/**
 * Whether operations record the graph that {@link Tensor#backward()} walks: on by default, per thread.
 *
 * <p>Turn it off for a block, as PyTorch's {@code with torch.no_grad():}, with a scope that puts
 * the previous mode back when it closes; scopes nest:
 * <pre>{@code
 * try (var scope = GradMode.noGrad()) {
 *     Tensor y = model.forward(x);   // no graph recorded
 * }
 * }</pre>
 * Each thread has its own mode, so graphs built on different threads do not interfere.
 */
public final class GradMode {

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    // the mode and how many scopes are open on this thread, mutated in place: cheaper than ThreadLocal.set;
    // anomaly counts the open Autograd.detectAnomaly() scopes, read with the mode at no extra lookup
    static final class State {
        boolean enabled = true;
        int depth;
        int anomaly;
    }

    /** This thread's state, for the engine and the nodes, which read several fields at once. */
    static State state() {
        return STATE.get();
    }

    private GradMode() {
    }

    /** {@return whether operations on this thread record a graph} */
    public static boolean isEnabled() {
        return STATE.get().enabled;
    }

    /**
     * Turns recording off on this thread until the returned scope is closed.
     *
     * @return the scope; closing it restores the mode that was in force before
     */
    public static Scope noGrad() {
        return set(false);
    }

    /**
     * Turns recording on on this thread until the returned scope is closed (PyTorch's
     * {@code torch.enable_grad()}), even inside a {@link #noGrad()} scope.
     *
     * @return the scope; closing it restores the mode that was in force before
     */
    public static Scope enableGrad() {
        return set(true);
    }

    static Scope set(boolean enabled) {
        State state = STATE.get();
        Scope scope = new Scope(state, state.enabled, ++state.depth);
        state.enabled = enabled;
        return scope;
    }

    /**
     * A grad-mode scope: closing it restores the mode in force when it was opened. Scopes close
     * innermost first, as try-with-resources closes them; closing twice is harmless.
     */
    public static final class Scope implements AutoCloseable {
        private final State state;
        private final boolean previous;
        private final int depth;
        private boolean closed;

        private Scope(State state, boolean previous, int depth) {
            this.state = state;
            this.previous = previous;
            this.depth = depth;
        }

        /**
         * Restores the grad mode that was in force when this scope was opened.
         *
         * @throws IllegalStateException if a scope opened inside this one is still open, or this
         *     scope is closed on another thread than the one that opened it
         */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            if (STATE.get() != state || state.depth != depth) {
                throw new IllegalStateException("GradMode.Scope.close: scopes must be closed on the thread that"
                        + " opened them, innermost first (scope " + depth + " closed while " + state.depth
                        + " are open); open them with try-with-resources");
            }
            closed = true;
            state.enabled = previous;
            state.depth--;
        }
    }
}
