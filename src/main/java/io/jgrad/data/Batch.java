package io.jgrad.data;

import io.jgrad.Tensor;

/**
 * A batch from a {@link DataLoader}: the features of {@code B} samples stacked along a new first
 * dimension, and their targets stacked the same way. Neither tensor requires grad.
 *
 * @param x the features, shape {@code (B, …sample shape)}
 * @param y the targets, shape {@code (B, …target shape)}; {@code (B,)} for class labels
 */
public record Batch(Tensor x, Tensor y) {

    /** {@return the number of samples {@code B}} */
    public int size() {
        return x.shape().get(0);
    }

    /**
     * The class labels in {@code y}, as {@code CrossEntropyLoss.forward(logits, int[] targets)} takes them.
     *
     * @return a new array of {@code B} class indices
     * @throws IllegalStateException if {@code y} is not of shape {@code (B,)} or holds a value that
     *     is not a whole number
     */
    public int[] labels() {
        if (y.dim() != 1) {
            throw new IllegalStateException("Batch.labels: the targets have shape " + y.shape()
                    + ", not (B,) class indices; read y() for tensor targets");
        }
        return Labels.toLabels("Batch.labels", y);
    }
}
