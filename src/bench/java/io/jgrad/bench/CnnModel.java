package io.jgrad.bench;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.nn.Conv2d;
import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.Linear;
import io.jgrad.nn.MaxPool2d;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.Adam;
import java.util.Random;

/**
 * The CNN of the {@code cnn} and {@code cnnepoch} sections and its training step: {@code
 * Sequential(Conv2d(1, 32, 3, padding 1), ReLU, MaxPool2d(2), Conv2d(32, 64, 3, padding 1), ReLU,
 * MaxPool2d(2), Flatten, Linear(3136, 128), ReLU, Linear(128, 10))} on {@code (B, 1, 28, 28)}
 * images, mean cross-entropy, Adam with {@code lr = 1e-3} (PyTorch's other defaults). The children
 * are numbered as in PyTorch's {@code nn.Sequential}, so the state dict's keys are PyTorch's:
 * {@code 0.weight}, {@code 0.bias}, {@code 3.weight}, {@code 3.bias}, {@code 7.weight},
 * {@code 7.bias}, {@code 9.weight}, {@code 9.bias}.
 */
final class CnnModel {

    /** Adam's learning rate. */
    static final double LR = 1e-3;

    final Sequential model;
    final Adam opt;
    final CrossEntropyLoss lossFn = new CrossEntropyLoss();
    final DType dtype;

    /**
     * @param rng draws the initial weights (in float64, then converted to {@code dtype})
     * @param dtype FLOAT32 or FLOAT64
     */
    CnnModel(Random rng, DType dtype) {
        this.dtype = dtype;
        model = new Sequential(new Conv2d(1, 32, 3, 1, 1, rng), new ReLU(), new MaxPool2d(2),
                new Conv2d(32, 64, 3, 1, 1, rng), new ReLU(), new MaxPool2d(2), new Flatten(),
                new Linear(3136, 128, rng), new ReLU(), new Linear(128, 10, rng));
        model.to(dtype);
        opt = new Adam(model.parameters(), LR);
    }

    /**
     * One training step: forward, mean cross-entropy, backward, Adam step, then the gradients reset
     * to {@code null} (PyTorch's {@code zero_grad(set_to_none=True)}).
     *
     * @param x {@code (B, 1, 28, 28)} in the model's dtype
     * @param y {@code B} class indices
     * @return the loss before the update
     */
    double step(Tensor x, int[] y) {
        Tensor loss = lossFn.forward(model.forward(x), y);
        loss.backward();
        opt.step();
        opt.zeroGrad();
        return loss.item();
    }
}
