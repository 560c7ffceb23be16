package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Broadcast;
import io.jgrad.ndarray.Movement;

/**
 * {@code out = Σ a} over the dimensions along which {@code shape} broadcasts to {@code a}'s shape: the
 * inverse of {@link Expand}, and how the engine turns a broadcast gradient back into an input's
 * shape. Backward: {@code ∂a = g} expanded.
 */
public final class SumTo extends GradFn {

    private SumTo() {
    }

    /**
     * {@return {@code a} summed over the dimensions that {@code shape} broadcasts along: the backward of a
     * broadcast (grad fn {@code SumTo})}
     *
     * @param a the input tensor
     * @param shape the target shape, which broadcasts to {@code a}'s shape
     * @throws IllegalArgumentException if {@code shape} does not broadcast to {@code a}'s shape
     */
    public static Tensor apply(Tensor a, Shape shape) {
        if (!Broadcast.broadcastsTo(shape, a.shape())) {
            throw new IllegalArgumentException("sumTo: shape " + shape + " does not broadcast to " + a.shape()
                    + ", so " + a.shape() + " cannot be summed back to it");
        }
        return new SumTo().record(Movement.sumTo(a.array(), shape), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {Expand.apply(g, input(0).shape())};
    }
}
