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

    // a one-element array: mutating it is cheaper than ThreadLocal.set on every scope
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {
    }

    /** @return whether operations on this thread record a graph */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
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
        boolean[] state = ENABLED.get();
        Scope scope = new Scope(state, state[0]);
        state[0] = enabled;
        return scope;
    }

    /** A grad-mode scope: closing it restores the mode in force when it was opened. Closing twice is harmless. */
    public static final class Scope implements AutoCloseable {
        private final boolean[] state;
        private final boolean previous;
        private boolean closed;

        private Scope(boolean[] state, boolean previous) {
            this.state = state;
            this.previous = previous;
        }

        /** Restores the grad mode that was in force when this scope was opened. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                state[0] = previous;
            }
        }
    }
}
