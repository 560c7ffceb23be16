package io.jgrad.data;

import io.jgrad.Tensor;

/**
 * One sample of a {@link TensorDataset}: its features {@code x} and its target {@code y}. For
 * classification {@code y} is a 0-d tensor holding the class index, read with {@link #label()}.
 *
 * @param x the features, of the data set's sample shape
 * @param y the target, of the data set's target shape ({@code ()} for a class label)
 */
public record Sample(Tensor x, Tensor y) {

    /**
     * The class label held in {@code y}.
     *
     * @return {@code y}'s single value as an {@code int}
     * @throws IllegalStateException if {@code y} has more than one element or is not a whole number
     */
    public int label() {
        if (y.numel() != 1) {
            throw new IllegalStateException("Sample.label: the target has shape " + y.shape()
                    + ", not a single class index; read y() for a tensor target");
        }
        return Labels.toLabels("Sample.label", y.reshape(-1).get(0))[0];
    }
}
