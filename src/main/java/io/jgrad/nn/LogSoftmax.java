package io.jgrad.nn;

import io.jgrad.Tensor;

/** {@code input.logSoftmax(dim)}, PyTorch's {@code nn.LogSoftmax(dim)}; any shape. No parameters. */
public class LogSoftmax extends Layer {

    private final int dim;

    /**
     * Log-softmax along {@code dim}.
     *
     * @param dim the dimension to normalise along (negative counts from the end)
     */
    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    /**
     * @return {@code input.logSoftmax(dim)}
     * @throws IndexOutOfBoundsException if {@code dim} is out of range for the input
     */
    @Override
    public Tensor forward(Tensor input) {
        return input.logSoftmax(dim);
    }

    /** @return {@code dim=1}, as PyTorch prints it */
    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
