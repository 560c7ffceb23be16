package io.jgrad.optim;

/**
 * A learning-rate schedule, PyTorch's {@code torch.optim.lr_scheduler}: made over an optimizer, it
 * sets the optimizer's learning rate at construction (epoch 0) and at every {@link #step()}, by
 * PyTorch's formula for the schedule.
 *
 * <pre>{@code
 * LRScheduler sched = new CosineAnnealingLR(opt, epochs, 0.0);
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     train(opt);          // opt.step() per batch
 *     sched.step();        // once per epoch, after the optimizer's steps
 * }
 * }</pre>
 */
public interface LRScheduler {

    /** Advances the schedule by one epoch (or step) and sets the optimizer's learning rate. */
    void step();

    /** {@return the learning rate the schedule set last (PyTorch's {@code get_last_lr()})} */
    double lastLr();
}
