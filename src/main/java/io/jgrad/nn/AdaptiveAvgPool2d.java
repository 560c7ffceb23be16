package io.jgrad.nn;

import io.jgrad.Tensor;

/**
 * Average pooling to a fixed output size, PyTorch's {@code nn.AdaptiveAvgPool2d}: input
 * {@code (N, C, H, W)} or {@code (C, H, W)}, output {@code (N, C, outH, outW)}, output cell
 * {@code i} averaging input rows {@code ⌊i·H/outH⌋ … ⌈(i+1)·H/outH⌉ − 1} (likewise columns). No
 * parameters.
 */
public class AdaptiveAvgPool2d extends Layer {

    private final int outH;
    private final int outW;

    /**
     * Pooling to an {@code outH × outW} output.
     *
     * @param outH the output height
     * @param outW the output width
     * @throws IllegalArgumentException if a size is not positive
     */
    public AdaptiveAvgPool2d(int outH, int outW) {
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("AdaptiveAvgPool2d: the output size must be ≥ 1, got (" + outH + ", "
                    + outW + ")");
        }
        this.outH = outH;
        this.outW = outW;
    }

    /** @see Functional#adaptiveAvgPool2d */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.adaptiveAvgPool2d(input, outH, outW);
    }

    /** @return {@code output_size=(1, 1)}, as PyTorch prints it */
    @Override
    protected String extraRepr() {
        return "output_size=(" + outH + ", " + outW + ")";
    }
}
