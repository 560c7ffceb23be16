package io.jgrad.nn;

import io.jgrad.Tensor;

/** {@code input.softmax(dim)}, PyTorch's {@code nn.Softmax(dim)}; any shape. No parameters. */
public class Softmax extends Layer {

    private final int dim;

    /**
     * Softmax along {@code dim}.
     *
     * @param dim the dimension to normalise along (negative counts from the end)
     */
    public Softmax(int dim) {
        this.dim = dim;
    }

    /**
     * @return {@code input.softmax(dim)}
     * @throws IndexOutOfBoundsException if {@code dim} is out of range for the input
     */
    @Override
    public Tensor forward(Tensor input) {
        return input.softmax(dim);
    }

    /** @return {@code dim=1}, as PyTorch prints it */
    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
