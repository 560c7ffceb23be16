package io.jgrad.nn;

import io.jgrad.Tensor;

/**
 * {@code y = tanh(x)} element-wise, as a layer (PyTorch's {@code nn.Tanh}): any input shape, output of the
 * same shape. No parameters.
 */
public class Tanh extends Layer {

    /** Creates the layer. */
    public Tanh() {
    }

    /** @return {@code tanh(x)} element-wise, of the input's shape (grad fn {@code Tanh}) */
    @Override
    public Tensor forward(Tensor input) {
        return input.tanh();
    }
}
