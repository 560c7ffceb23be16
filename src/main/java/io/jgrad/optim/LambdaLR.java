package io.jgrad.optim;

import java.util.function.IntToDoubleFunction;

/**
 * The learning rate {@code base_lr · factor(e)} at epoch {@code e}, PyTorch's {@code LambdaLR}.
 *
 * <pre>{@code
 * new LambdaLR(opt, e -> Math.min(1.0, (e + 1) / 10.0));   // ten epochs of warm-up
 * }</pre>
 */
public final class LambdaLR extends Schedules {

    private final IntToDoubleFunction factor;

    /**
     * A schedule over {@code optimizer}; sets its rate to epoch 0's, {@code base_lr · factor(0)}.
     *
     * @param optimizer the optimizer whose learning rate this schedule sets
     * @param factor the multiplier of the initial rate for each epoch
     * @throws IllegalArgumentException if {@code factor} is null
     */
    public LambdaLR(Optimizer optimizer, IntToDoubleFunction factor) {
        super("LambdaLR", optimizer);
        if (factor == null) {
            throw new IllegalArgumentException("LambdaLR: the factor function is null");
        }
        this.factor = factor;
        start();
    }

    @Override
    double next(double current) {
        return baseLr * factor.applyAsDouble(epoch);
    }
}
