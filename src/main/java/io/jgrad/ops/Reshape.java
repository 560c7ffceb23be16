package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;

/** {@code out} = the elements of {@code a} in another shape (a view). Backward: {@code ∂a = g} reshaped back. */
public final class Reshape extends GradFn {

    private Reshape() {
    }

    /**
     * {@return {@code a} with the given sizes and the same elements in row-major order (grad fn {@code Reshape})}
     *
     * @param a the input tensor
     * @param shape the new sizes; one may be {@code -1}, inferred from the element count
     * @throws IllegalArgumentException if the element counts differ, or the sizes are invalid
     */
    public static Tensor apply(Tensor a, int... shape) {
        return apply(a, infer(a.shape(), shape));
    }

    /**
     * {@return {@code a} viewed with {@code shape}, which holds as many elements}
     *
     * @param a the input tensor
     * @param shape the new shape
     * @throws IllegalArgumentException if the element counts differ
     */
    public static Tensor apply(Tensor a, Shape shape) {
        if (shape.numel() != a.numel()) {
            throw new IllegalArgumentException("reshape: cannot view shape " + a.shape() + " (" + a.numel()
                    + " elements) as " + shape + " (" + shape.numel() + " elements); the element counts must match");
        }
        return new Reshape().record(a.array().reshape(shape), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {apply(g, input(0).shape())};
    }

    private static Shape infer(Shape from, int[] sizes) {
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException("reshape: only one size can be -1, got "
                            + Shape.format(sizes) + " for shape " + from);
                }
                inferred = i;
            } else if (sizes[i] < 0) {
                throw new IllegalArgumentException("reshape: invalid size " + sizes[i] + " in "
                        + Shape.format(sizes) + " for shape " + from + "; sizes must be ≥ 0 or a single -1");
            } else {
                known *= sizes[i];
            }
        }
        if (inferred < 0) {
            return Shape.of(sizes);
        }
        if (known == 0 || from.numel() % known != 0) {
            throw new IllegalArgumentException("reshape: cannot view shape " + from + " (" + from.numel()
                    + " elements) as " + Shape.format(sizes) + ": the known sizes (product " + known
                    + ") do not divide the element count");
        }
        int[] dims = sizes.clone();
        dims[inferred] = (int) (from.numel() / known);
        return Shape.of(dims);
    }
}
