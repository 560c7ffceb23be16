package io.jgrad;

/**
 * The handle of a registered hook ({@link Tensor#registerHook}, {@code Layer.registerForwardHook}),
 * PyTorch's {@code RemovableHandle}: {@link #remove()} unregisters the hook.
 */
public final class HookHandle {

    private Runnable remover;

    /**
     * A handle whose {@link #remove()} runs {@code remover} once.
     *
     * @param remover what unregisters the hook
     */
    public HookHandle(Runnable remover) {
        this.remover = remover;
    }

    /** Unregisters the hook; calling it again does nothing. */
    public void remove() {
        Runnable r = remover;
        remover = null;
        if (r != null) {
            r.run();
        }
    }
}
