package io.jgrad.optim;

/**
 * Cosine annealing, PyTorch's {@code CosineAnnealingLR}: from {@code base_lr} at epoch 0 down to
 * {@code etaMin} at epoch {@code tMax} (and back up after, periodically), by PyTorch's recursive
 * form: {@code lr_e = η + (1 + cos(π e / T)) / (1 + cos(π (e−1) / T)) · (lr_{e−1} − η)}, and at the
 * restarts {@code lr_e = lr_{e−1} + (base_lr − η)(1 − cos(π / T)) / 2}; in closed form
 * {@code η + (base_lr − η)(1 + cos(π e / T)) / 2}.
 */
public final class CosineAnnealingLR extends Schedules {

    private final int tMax;
    private final double etaMin;

    /**
     * A schedule over {@code optimizer}, starting from its current rate ({@code base_lr}).
     *
     * @param optimizer the optimizer whose learning rate this schedule sets
     * @param tMax epochs to the minimum, ≥ 1
     * @param etaMin the minimum rate
     * @throws IllegalArgumentException if {@code tMax < 1} or {@code etaMin} is negative or NaN
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super("CosineAnnealingLR", optimizer);
        if (tMax < 1 || !(etaMin >= 0)) {
            throw new IllegalArgumentException("CosineAnnealingLR: tMax must be ≥ 1 and etaMin ≥ 0, got tMax " + tMax
                    + " and etaMin " + etaMin);
        }
        this.tMax = tMax;
        this.etaMin = etaMin;
        start();
    }

    @Override
    double next(double current) {
        if (epoch == 0) {
            return current;
        }
        if ((epoch - 1 - tMax) % (2 * tMax) == 0) {
            return current + (baseLr - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
        }
        return (1 + Math.cos(Math.PI * epoch / tMax)) / (1 + Math.cos(Math.PI * (epoch - 1) / tMax))
                * (current - etaMin) + etaMin;
    }
}
