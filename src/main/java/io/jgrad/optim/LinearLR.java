package io.jgrad.optim;

/**
 * Scales the learning rate by a factor moving linearly from {@code startFactor} to
 * {@code endFactor} over {@code totalIters} epochs, then keeps it, PyTorch's {@code LinearLR}
 * (a warm-up, typically): {@code lr_e = base_lr · (s + (t − s) · min(e, N) / N)}, computed as
 * PyTorch does, multiplying the current rate by
 * {@code 1 + (t − s) / (N·s + (e − 1)(t − s))} at each epoch up to {@code N}.
 */
public final class LinearLR extends Schedules {

    private final double startFactor;
    private final double endFactor;
    private final int totalIters;

    /**
     * A schedule over {@code optimizer}; sets its rate to epoch 0's, {@code base_lr · startFactor}.
     *
     * @param optimizer the optimizer whose learning rate this schedule sets
     * @param startFactor in {@code (0, 1]}
     * @param endFactor in {@code [0, 1]}
     * @param totalIters ≥ 1
     * @throws IllegalArgumentException if a factor is out of range or {@code totalIters < 1}
     */
    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        super("LinearLR", optimizer);
        if (!(startFactor > 0 && startFactor <= 1) || !(endFactor >= 0 && endFactor <= 1) || totalIters < 1) {
            throw new IllegalArgumentException("LinearLR: startFactor must be in (0, 1], endFactor in [0, 1] and"
                    + " totalIters ≥ 1, got " + startFactor + ", " + endFactor + " and " + totalIters);
        }
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        start();
    }

    @Override
    double next(double current) {
        if (epoch == 0) {
            return current * startFactor;
        }
        if (epoch > totalIters) {
            return current;
        }
        return current * (1.0 + (endFactor - startFactor)
                / (totalIters * startFactor + (epoch - 1) * (endFactor - startFactor)));
    }
}
