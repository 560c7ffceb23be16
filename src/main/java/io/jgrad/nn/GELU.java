package io.jgrad.nn;

import io.jgrad.Tensor;

/** Applies the Gaussian error linear unit {@code x·Φ(x)} (exact, with erf), PyTorch's {@code nn.GELU()} element-wise; any shape. No parameters. */
public class GELU extends Layer {

    /** The activation layer. */
    public GELU() {
    }

    /** @return {@code input.gelu()} */
    @Override
    public Tensor forward(Tensor input) {
        return input.gelu();
    }

    /** @return {@code approximate='none'}, as PyTorch prints it */
    @Override
    protected String extraRepr() {
        return "approximate='none'";
    }
}
