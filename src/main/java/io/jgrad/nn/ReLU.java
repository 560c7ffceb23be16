package io.jgrad.nn;

import io.jgrad.Tensor;

/**
 * {@code y = max(x, 0)} element-wise, as a layer (PyTorch's {@code nn.ReLU}): any input shape, output of the
 * same shape; the gradient at 0 is 0, as PyTorch's. No parameters.
 */
public class ReLU extends Layer {

    /** Creates the layer. */
    public ReLU() {
    }

    /** @return {@code max(x, 0)} element-wise, of the input's shape (grad fn {@code ReLU}) */
    @Override
    public Tensor forward(Tensor input) {
        return input.relu();
    }
}
