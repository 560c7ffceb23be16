package io.jgrad.ndarray;

/**
 * The seam for optimizer updates: one pass over a parameter {@code w}, its gradient {@code g} and
 * the optimizer's state buffers, all of {@code n} elements, writing {@code w} and the buffers in
 * place. The formulas are the optimizers' (see {@code io.jgrad.optim}); float32 parameters are
 * updated in single precision with the hyperparameters rounded to float, as PyTorch does.
 */
interface UpdateKernels {

    /**
     * SGD: {@code g' = g + wd·w}; with momentum {@code μ > 0}: {@code b ← g'} on the first update,
     * else {@code b ← μ·b + (1 − dampening)·g'}, and {@code g' ← nesterov ? g' + μ·b : b};
     * then {@code w ← w − lr·g'}.
     *
     * @param b the momentum buffer, or {@code null} when {@code μ = 0}
     * @param first whether this is the parameter's first momentum update
     */
    void sgd(double[] w, double[] g, double[] b, boolean first, double lr, double wd, double mu,
             double dampening, boolean nesterov, int n);

    /** As the float64 form, float32. */
    void sgd(float[] w, float[] g, float[] b, boolean first, double lr, double wd, double mu,
             double dampening, boolean nesterov, int n);

    /**
     * Adam / AdamW: {@code g' = g + l2·w}; {@code m ← β1·m + (1 − β1)·g'};
     * {@code v ← β2·v + (1 − β2)·g'²}; {@code w ← w·shrink − stepSize·m / (√v / bc2Sqrt + eps)}.
     */
    void adam(double[] w, double[] g, double[] m, double[] v, double l2, double shrink, double beta1,
              double beta2, double stepSize, double bc2Sqrt, double eps, int n);

    /**
     * RMSprop: {@code g' = g + wd·w}; {@code s ← α·s + (1 − α)·g'²}; centered:
     * {@code a ← a + (1 − α)·(g' − a)} (PyTorch's lerp) and {@code d = √(s − a²) + eps}, else
     * {@code d = √s + eps}; with momentum {@code μ > 0}: {@code b ← μ·b + g'/d}, {@code w ← w − lr·b};
     * else {@code w ← w − lr·g'/d}.
     *
     * @param a the centred gradient average, or {@code null} when not centered
     * @param b the momentum buffer, or {@code null} when {@code μ = 0}
     */
    void rmsprop(double[] w, double[] g, double[] s, double[] a, double[] b, double lr, double alpha, double eps,
                 double wd, double mu, int n);

    /** As the float64 form, float32. */
    void rmsprop(float[] w, float[] g, float[] s, float[] a, float[] b, double lr, double alpha, double eps,
                 double wd, double mu, int n);

    /** As the float64 form, float32. */
    void adam(float[] w, float[] g, float[] m, float[] v, double l2, double shrink, double beta1,
              double beta2, double stepSize, double bc2Sqrt, double eps, int n);
}
