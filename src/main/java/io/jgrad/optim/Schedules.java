package io.jgrad.optim;

/**
 * The bookkeeping every schedule shares: the optimizer, its learning rate when the first schedule
 * over it was made ({@code base_lr}: PyTorch's {@code initial_lr}, so that a second schedule made
 * over the same optimizer, say a cosine decay after a linear warm-up that already scaled the rate,
 * starts from the same base as in PyTorch), the epoch counter ({@code last_epoch}) and the rate set
 * last. A schedule says how the next rate follows ({@link #next}); as PyTorch's schedulers, making
 * one sets the rate for epoch 0.
 */
abstract class Schedules implements LRScheduler {

    final Optimizer optimizer;
    final double baseLr;
    int epoch;
    private double last;

    Schedules(String name, Optimizer optimizer) {
        if (optimizer == null) {
            throw new IllegalArgumentException(name + ": the optimizer is null");
        }
        this.optimizer = optimizer;
        if (Double.isNaN(optimizer.initialLr)) {
            optimizer.initialLr = optimizer.lr(); // PyTorch: group.setdefault('initial_lr', group['lr'])
        }
        this.baseLr = optimizer.initialLr;
    }

    /** Sets the rate for epoch 0; called at the end of each subclass's constructor. */
    final void start() {
        set(next(optimizer.lr()));
    }

    /**
     * The rate for epoch {@link #epoch}, from the current one (PyTorch's chainable {@code get_lr}).
     *
     * @param current the optimizer's learning rate now
     */
    abstract double next(double current);

    @Override
    public final void step() {
        epoch++;
        set(next(optimizer.lr()));
    }

    @Override
    public final double lastLr() {
        return last;
    }

    private void set(double lr) {
        // a schedule may step past zero by rounding (cosine at its minimum): the optimizer takes ≥ 0
        last = lr;
        optimizer.lr(Math.max(0.0, lr));
    }
}
