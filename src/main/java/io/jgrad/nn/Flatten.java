package io.jgrad.nn;

import io.jgrad.Tensor;

/**
 * Flattens every dimension after the first into one, PyTorch's {@code nn.Flatten()}: input
 * {@code (N, d1, d2, …)}, output {@code (N, d1·d2·…)} (grad fn {@code Reshape}). No parameters.
 */
public class Flatten extends Layer {

    /** Flattens dimensions 1 to the last. */
    public Flatten() {
    }

    /**
     * @param input of rank ≥ 1
     * @return {@code input.flatten(1, -1)}; a 1-d input is returned flattened to itself
     * @throws IndexOutOfBoundsException for a 0-d input
     */
    @Override
    public Tensor forward(Tensor input) {
        return input.dim() == 1 ? input : input.flatten(1, -1);
    }

    /** @return {@code start_dim=1, end_dim=-1}, as PyTorch prints it */
    @Override
    protected String extraRepr() {
        return "start_dim=1, end_dim=-1";
    }
}
