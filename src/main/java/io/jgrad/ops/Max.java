package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;

/**
 * {@code out = max a} along one dimension, or over all elements, in {@code a}'s dtype (bool:
 * {@code false < true}; a NaN is the maximum). Backward: {@code ∂a = g} at the maximal element, 0
 * elsewhere. Along a dimension the gradient goes to the first maximum (as PyTorch's
 * {@code max(dim)}); over all elements it is shared evenly among tied maxima (as PyTorch's
 * {@code max()}).
 */
public final class Max extends GradFn {

    private final Shape keptShape;

    private Max(Shape keptShape) {
        this.keptShape = keptShape;
    }

    // the mask (∂out/∂a per element) is saved so that releasing the graph frees it
    private static Tensor make(Tensor a, Extremes.Result r) {
        Max op = new Max(r.keptShape());
        Tensor out = op.record(r.values(), a);
        op.save(constant(r.mask()));
        return out;
    }

    /**
     * {@return the maximum along {@code dim}, which is removed}
     *
     * @param a the input tensor
     * @param dim the dimension; negative values count from the end
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     * @throws IllegalArgumentException if that dimension has size 0
     */
    public static Tensor apply(Tensor a, int dim) {
        return apply(a, dim, false);
    }

    /**
     * {@return the maximum along {@code dim}, kept as size 1 when {@code keepDim}}
     *
     * @param a the input tensor
     * @param dim the dimension; negative values count from the end
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     * @throws IllegalArgumentException if that dimension has size 0
     */
    public static Tensor apply(Tensor a, int dim, boolean keepDim) {
        if (Dims.isScalarDim("max", a.shape(), dim)) {
            return apply(Reshape.apply(a, Shape.of(1)), 0, false);
        }
        return make(a, Extremes.alongDim("max", a, dim, keepDim, false));
    }

    /**
     * {@return the maximum of all elements, 0-d}
     *
     * @param a the input tensor
     * @throws IllegalArgumentException if {@code a} has no elements
     */
    public static Tensor apply(Tensor a) {
        return make(a, Extremes.all("max", a, false));
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor spread = Expand.apply(Reshape.apply(g, keptShape), input(0).shape());
        return new Tensor[] {spread.mul(saved(0))};
    }
}
