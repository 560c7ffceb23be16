package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Broadcast;
import io.jgrad.ndarray.Movement;

/**
 * {@code out = a} broadcast to a larger shape. Backward: {@code ∂a = Σ g} over the broadcast
 * dimensions ({@link SumTo}): with its inverse, the one place where a gradient is reduced to a shape.
 */
public final class Expand extends GradFn {

    /** @throws IllegalArgumentException if {@code a}'s shape does not broadcast to {@code shape} */
    public static Tensor apply(Tensor a, Shape shape) {
        if (!Broadcast.broadcastsTo(a.shape(), shape)) {
            throw new IllegalArgumentException("expand: shape " + a.shape() + " does not broadcast to " + shape
                    + "; each size must equal the target's or be 1, aligned from the last dimension");
        }
        return new Expand().record(Movement.expand(a.array(), shape), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {SumTo.apply(g, input(0).shape())};
    }
}
