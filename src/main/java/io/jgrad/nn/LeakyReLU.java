package io.jgrad.nn;

import io.jgrad.Tensor;

/**
 * {@code x} for {@code x ≥ 0} and {@code negativeSlope·x} below, element-wise, PyTorch's
 * {@code nn.LeakyReLU}; any shape. No parameters.
 */
public class LeakyReLU extends Layer {

    private final double negativeSlope;

    /**
     * A leaky ReLU with the given slope below 0.
     *
     * @param negativeSlope the slope below 0 (PyTorch's default is 0.01)
     */
    public LeakyReLU(double negativeSlope) {
        this.negativeSlope = negativeSlope;
    }

    /** @return {@code input.leakyRelu(negativeSlope)} */
    @Override
    public Tensor forward(Tensor input) {
        return input.leakyRelu(negativeSlope);
    }

    /** @return {@code negative_slope=0.01}, as PyTorch prints it */
    @Override
    protected String extraRepr() {
        return "negative_slope=" + Repr.number(negativeSlope);
    }
}
