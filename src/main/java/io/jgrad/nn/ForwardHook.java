package io.jgrad.nn;

import io.jgrad.Tensor;

/**
 * A function run after a layer's {@link Layer#forward} when the layer is applied with
 * {@link Layer#call}, PyTorch's forward hook: it sees the layer, the input and the output, and may
 * replace the output by returning a tensor (or keep it by returning {@code null}).
 */
@FunctionalInterface
public interface ForwardHook {

    /**
     * {@return a replacement output, or {@code null} to keep {@code output}}
     *
     * @param layer the layer that ran
     * @param input its input
     * @param output its output, or the previous hook's replacement
     */
    Tensor apply(Layer layer, Tensor input, Tensor output);
}
