package io.jgrad.nn;

import io.jgrad.Tensor;

/**
 * Batch normalisation of {@code (N, C, H, W)} images over the batch and the plane, per channel
 * {@code C}: PyTorch's {@code nn.BatchNorm2d} (eps 1e-5, momentum 0.1). See {@link BatchNorm} for
 * the formula, parameters and buffers.
 */
public class BatchNorm2d extends BatchNorm {

    /**
     * Batch normalisation of {@code features} channels, in training mode.
     *
     * @param features {@code C}
     * @throws IllegalArgumentException if {@code features < 1}
     */
    public BatchNorm2d(int features) {
        super("BatchNorm2d", features);
    }

    @Override
    void checkInput(Tensor input) {
        if (input.dim() != 4) {
            throw new IllegalArgumentException("BatchNorm2d: expected a 4-d (N, C, H, W) input, got shape "
                    + input.shape() + "; add a batch dimension with unsqueeze(0)");
        }
    }
}
