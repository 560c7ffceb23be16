package io.jgrad.nn;

import io.jgrad.Tensor;

/**
 * Batch normalisation of {@code (N, C)} or {@code (N, C, L)} inputs over the batch (and length),
 * per feature {@code C}: PyTorch's {@code nn.BatchNorm1d} (eps 1e-5, momentum 0.1). See
 * {@link BatchNorm} for the formula, parameters and buffers.
 */
public class BatchNorm1d extends BatchNorm {

    /**
     * Batch normalisation of {@code features} features, in training mode.
     *
     * @param features {@code C}
     * @throws IllegalArgumentException if {@code features < 1}
     */
    public BatchNorm1d(int features) {
        super("BatchNorm1d", features);
    }

    @Override
    void checkInput(Tensor input) {
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException("BatchNorm1d: expected a 2-d (N, C) or 3-d (N, C, L) input, got shape "
                    + input.shape() + "; use BatchNorm2d for images");
        }
    }
}
