package io.jgrad.ndarray;

/**
 * Optimizer updates on arrays, in place, in the parameter's dtype: the optimizers in
 * {@code io.jgrad.optim} decide the hyperparameters and call these; the kernel set does the pass.
 * Every array written is recorded in its version.
 */
public final class Updates {

    private Updates() {
    }

    /**
     * One SGD update of {@code w} (see {@link UpdateKernels#sgd}).
     *
     * @param w the parameter, float32 or float64, updated in place
     * @param g the gradient, of {@code w}'s shape and dtype
     * @param b the momentum buffer of {@code w}'s shape and dtype, or {@code null} without momentum
     * @param first whether this is the parameter's first momentum update ({@code b} is then set to the gradient)
     * @param lr the learning rate
     * @param wd the weight decay, added to the gradient as {@code wd·w}
     * @param mu the momentum factor ({@code 0}: none)
     * @param dampening the dampening of the momentum
     * @param nesterov whether to use Nesterov momentum
     * @throws IllegalArgumentException if a dtype or size differs from {@code w}'s
     */
    public static void sgd(NDArray w, NDArray g, NDArray b, boolean first, double lr, double wd, double mu,
                           double dampening, boolean nesterov) {
        check("sgd", w, g, b, null);
        int n = w.numel();
        UpdateKernels k = Kernels.set().updates();
        switch (w.dtype()) {
            case FLOAT64:
                k.sgd(w.data(), g.data(), b == null ? null : b.data(), first, lr, wd, mu, dampening, nesterov, n);
                break;
            case FLOAT32:
                k.sgd(w.floats(), g.floats(), b == null ? null : b.floats(), first, lr, wd, mu, dampening, nesterov, n);
                break;
            default:
                throw notFloating("sgd", w);
        }
        w.bumpVersion();
        if (b != null) {
            b.bumpVersion();
        }
    }

    /**
     * One Adam/AdamW update of {@code w} (see {@link UpdateKernels#adam}).
     *
     * @param w the parameter, float32 or float64, updated in place
     * @param g the gradient, of {@code w}'s shape and dtype
     * @param m the running mean of the gradient (Adam's first moment), updated in place
     * @param v the running mean of its square (the second moment), updated in place
     * @param l2 Adam's L2 penalty, added to the gradient as {@code l2·w} (0 for AdamW)
     * @param shrink the factor {@code w} is multiplied by first: AdamW's decoupled decay {@code 1 − lr·wd}
     *     (1 for Adam)
     * @param beta1 the decay of the running mean of the gradient
     * @param beta2 the decay of the running mean of its square
     * @param stepSize {@code lr / (1 − β1ᵗ)}, the learning rate with the first moment's bias correction
     * @param bc2Sqrt {@code √(1 − β2ᵗ)}, the second moment's bias correction
     * @param eps added to the denominator for stability
     * @throws IllegalArgumentException if a dtype or size differs from {@code w}'s
     */
    public static void adam(NDArray w, NDArray g, NDArray m, NDArray v, double l2, double shrink, double beta1,
                            double beta2, double stepSize, double bc2Sqrt, double eps) {
        check("adam", w, g, m, v);
        int n = w.numel();
        UpdateKernels k = Kernels.set().updates();
        switch (w.dtype()) {
            case FLOAT64:
                k.adam(w.data(), g.data(), m.data(), v.data(), l2, shrink, beta1, beta2, stepSize, bc2Sqrt, eps, n);
                break;
            case FLOAT32:
                k.adam(w.floats(), g.floats(), m.floats(), v.floats(), l2, shrink, beta1, beta2, stepSize, bc2Sqrt,
                        eps, n);
                break;
            default:
                throw notFloating("adam", w);
        }
        w.bumpVersion();
        m.bumpVersion();
        v.bumpVersion();
    }

    /**
     * One RMSprop update of {@code w} (see {@link UpdateKernels#rmsprop}).
     *
     * @param w the parameter, float32 or float64, updated in place
     * @param g the gradient, of {@code w}'s shape and dtype
     * @param s the running mean of squared gradients, updated in place
     * @param a the centred gradient average, or {@code null}
     * @param b the momentum buffer, or {@code null}
     * @param lr the learning rate
     * @param alpha the smoothing constant of the running mean of squared gradients
     * @param eps added to the denominator for stability
     * @param wd the weight decay, added to the gradient as {@code wd·w}
     * @param mu the momentum factor ({@code 0}: none)
     * @throws IllegalArgumentException if a dtype or size differs from {@code w}'s
     */
    public static void rmsprop(NDArray w, NDArray g, NDArray s, NDArray a, NDArray b, double lr, double alpha,
                               double eps, double wd, double mu) {
        check("rmsprop", w, g, s, a, b);
        int n = w.numel();
        UpdateKernels k = Kernels.set().updates();
        switch (w.dtype()) {
            case FLOAT64:
                k.rmsprop(w.data(), g.data(), s.data(), a == null ? null : a.data(), b == null ? null : b.data(),
                        lr, alpha, eps, wd, mu, n);
                break;
            case FLOAT32:
                k.rmsprop(w.floats(), g.floats(), s.floats(), a == null ? null : a.floats(),
                        b == null ? null : b.floats(), lr, alpha, eps, wd, mu, n);
                break;
            default:
                throw notFloating("rmsprop", w);
        }
        for (NDArray x : new NDArray[] {w, s, a, b}) {
            if (x != null) {
                x.bumpVersion();
            }
        }
    }

    private static void check(String op, NDArray w, NDArray... others) {
        for (NDArray o : others) {
            if (o != null && (o.dtype() != w.dtype() || o.numel() != w.numel())) {
                throw new IllegalArgumentException(op + ": an array of " + o.dtype().label() + " " + o.shape()
                        + " does not match the parameter of " + w.dtype().label() + " " + w.shape());
            }
        }
    }

    private static IllegalArgumentException notFloating(String op, NDArray w) {
        return new IllegalArgumentException(op + ": only floating parameters can be updated, got "
                + w.dtype().label() + " of shape " + w.shape());
    }
}
