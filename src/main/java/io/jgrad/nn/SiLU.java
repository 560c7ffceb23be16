package io.jgrad.nn;

import io.jgrad.Tensor;

/** Applies the sigmoid linear unit {@code x·σ(x)}, PyTorch's {@code nn.SiLU} element-wise; any shape. No parameters. */
public class SiLU extends Layer {

    /** The activation layer. */
    public SiLU() {
    }

    /** @return {@code input.silu()} */
    @Override
    public Tensor forward(Tensor input) {
        return input.silu();
    }

}
