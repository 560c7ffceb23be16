package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;

/**
 * {@code out = min a} along one dimension, or over all elements, in {@code a}'s dtype (bool:
 * {@code false < true}; a NaN wins, as the minimum). Backward: {@code ∂a = g} at the minimal element, 0
 * elsewhere. Along a dimension the gradient goes to the first minimum (as PyTorch's
 * {@code min(dim)}); over all elements it is shared evenly among tied minima (as PyTorch's
 * {@code min()}).
 */
public final class Min extends GradFn {

    private final Shape keptShape;

    private Min(Shape keptShape) {
        this.keptShape = keptShape;
    }

    // the mask (∂out/∂a per element) is saved so that releasing the graph frees it
    private static Tensor make(Tensor a, Extremes.Result r) {
        Min op = new Min(r.keptShape());
        Tensor out = op.record(r.values(), a);
        op.save(constant(r.mask()));
        return out;
    }

    /**
     * {@return the minimum along {@code dim}, which is removed}
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
     * {@return the minimum along {@code dim}, kept as size 1 when {@code keepDim}}
     *
     * @param a the input tensor
     * @param dim the dimension; negative values count from the end
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     * @throws IllegalArgumentException if that dimension has size 0
     */
    public static Tensor apply(Tensor a, int dim, boolean keepDim) {
        if (Dims.isScalarDim("min", a.shape(), dim)) {
            return apply(Reshape.apply(a, Shape.of(1)), 0, false);
        }
        return make(a, Extremes.alongDim("min", a, dim, keepDim, true));
    }

    /**
     * {@return the minimum of all elements, 0-d}
     *
     * @param a the input tensor
     * @throws IllegalArgumentException if {@code a} has no elements
     */
    public static Tensor apply(Tensor a) {
        return make(a, Extremes.all("min", a, true));
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor spread = Expand.apply(Reshape.apply(g, keptShape), input(0).shape());
        return new Tensor[] {spread.mul(saved(0))};
    }
}
