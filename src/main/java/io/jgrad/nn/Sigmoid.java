package io.jgrad.nn;

import io.jgrad.Tensor;

/**
 * {@code y = 1 / (1 + e^-x)} element-wise, as a layer (PyTorch's {@code nn.Sigmoid}): any input shape, output of the
 * same shape. No parameters.
 */
public class Sigmoid extends Layer {

    /** Creates the layer. */
    public Sigmoid() {
    }

    /** @return {@code 1 / (1 + e^-x)} element-wise, of the input's shape (grad fn {@code Sigmoid}) */
    @Override
    public Tensor forward(Tensor input) {
        return input.sigmoid();
    }
}
