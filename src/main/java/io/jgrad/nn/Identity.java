package io.jgrad.nn;

import io.jgrad.Tensor;

/** Returns its input, PyTorch's {@code nn.Identity}: a placeholder in a layer list. No parameters. */
public class Identity extends Layer {

    /** The identity layer. */
    public Identity() {
    }

    /** @return {@code input} itself */
    @Override
    public Tensor forward(Tensor input) {
        return input;
    }
}
