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

    private Expand() {
    }

    /**
     * PyTorch's {@code expand(sizes…)}: {@code a} broadcast to {@code sizes}, where {@code -1} keeps
     * the size of the matching dimension of {@code a} (aligned from the last dimension). Sizes
     * beyond {@code a}'s rank add leading dimensions, which need an explicit size.
     *
     * @param a the input tensor
     * @param sizes the target sizes; {@code -1} keeps a size of {@code a}
     * @return {@code a} broadcast to the sizes (grad fn {@code Expand})
     * @throws IllegalArgumentException if there are fewer sizes than dimensions, a new leading
     *     dimension is {@code -1}, a size is below {@code -1}, or {@code a} does not broadcast to the sizes
     */
    public static Tensor apply(Tensor a, int... sizes) {
        int[] from = a.shape().toArray();
        if (sizes.length < from.length) {
            throw new IllegalArgumentException("expand: " + sizes.length + " sizes " + Shape.format(sizes)
                    + " were given for shape " + a.shape() + " of rank " + from.length
                    + "; give at least one size per dimension (-1 keeps a size)");
        }
        int lead = sizes.length - from.length;
        int[] target = sizes.clone();
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] == -1 && i < lead) {
                throw new IllegalArgumentException("expand: size -1 at dimension " + i + " of " + Shape.format(sizes)
                        + " is a new leading dimension for shape " + a.shape()
                        + ", which has no size to keep; give its size");
            }
            if (sizes[i] == -1) {
                target[i] = from[i - lead];
            } else if (sizes[i] < 0) {
                throw new IllegalArgumentException("expand: invalid size " + sizes[i] + " in " + Shape.format(sizes)
                        + " for shape " + a.shape() + "; sizes must be ≥ 0, or -1 to keep a size");
            }
        }
        return apply(a, Shape.of(target));
    }

    /**
     * {@return {@code a} broadcast to {@code shape} (grad fn {@code Expand}, whose backward sums back to {@code
     * a}'s shape)}
     *
     * @param a the input tensor
     * @param shape the target shape, which {@code a}'s shape broadcasts to
     * @throws IllegalArgumentException if {@code a}'s shape does not broadcast to {@code shape}
     */
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
