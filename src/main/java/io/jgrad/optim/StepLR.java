package io.jgrad.optim;

/**
 * Decays the learning rate by {@code gamma} every {@code stepSize} epochs, PyTorch's {@code StepLR}:
 * {@code lr_e = base_lr · gamma^⌊e / stepSize⌋} (computed as PyTorch does, multiplying the current
 * rate by {@code gamma} at each multiple of {@code stepSize}).
 */
public final class StepLR extends Schedules {

    private final int stepSize;
    private final double gamma;

    /**
     * A schedule over {@code optimizer}, starting from its current rate ({@code base_lr}).
     *
     * @param optimizer the optimizer whose learning rate this schedule sets
     * @param stepSize epochs between decays, ≥ 1
     * @param gamma the factor, ≥ 0
     * @throws IllegalArgumentException if {@code stepSize < 1} or {@code gamma} is negative or NaN
     */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super("StepLR", optimizer);
        if (stepSize < 1 || !(gamma >= 0)) {
            throw new IllegalArgumentException("StepLR: stepSize must be ≥ 1 and gamma ≥ 0, got stepSize " + stepSize
                    + " and gamma " + gamma);
        }
        this.stepSize = stepSize;
        this.gamma = gamma;
        start();
    }

    @Override
    double next(double current) {
        return epoch == 0 || epoch % stepSize != 0 ? current : current * gamma;
    }
}
