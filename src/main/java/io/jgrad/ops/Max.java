package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.Promotion;
import io.jgrad.ndarray.Reductions;

/**
 * {@code out = max a} along one dimension, or over all elements, in {@code a}'s dtype (bool:
 * {@code false < true}). Backward: {@code ∂a = g} at the maximal element, 0 elsewhere. Along a
 * dimension the gradient goes to the first maximum (as PyTorch's {@code max(dim)}); over all
 * elements it is shared evenly among tied maxima (as PyTorch's {@code max()}).
 */
public final class Max extends GradFn {

    private final Shape keptShape;

    private Max(Shape keptShape) {
        this.keptShape = keptShape;
    }

    // mask: ∂out/∂a per element, the one-hot (or shared) weights of the maxima; saved so that
    // releasing the graph frees it
    private static Tensor make(Tensor a, NDArray values, Shape keptShape, NDArray mask) {
        Max op = new Max(keptShape);
        Tensor out = op.record(values, a);
        op.save(constant(mask));
        return out;
    }

    /**
     * @return the maximum along {@code dim}, which is removed
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     * @throws IllegalArgumentException if that dimension has size 0
     */
    public static Tensor apply(Tensor a, int dim) {
        Shape s = a.shape();
        if (Dims.isScalarDim("max", s, dim)) {
            return apply(Reshape.apply(a, Shape.of(1)), 0);
        }
        int d = s.normalizeDim("max", dim);
        if (s.get(d) == 0) {
            throw new IllegalArgumentException("max: dimension " + dim + " of shape " + s
                    + " has size 0, so it has no maximum; reduce a non-empty dimension");
        }
        Shape kept = Sum.reducedShape(s, d, true);
        Shape out = Sum.reducedShape(s, d, false);
        int[] argmax = new int[out.numel()];
        NDArray values = Reductions.extreme(a.array(), d, out, false, argmax);
        return make(a, values, kept, Reductions.argMask(s, d, argmax, Promotion.floating(a.dtype())));
    }

    /**
     * @return the maximum of all elements, 0-d
     * @throws IllegalArgumentException if {@code a} has no elements
     */
    public static Tensor apply(Tensor a) {
        if (a.numel() == 0) {
            throw new IllegalArgumentException("max: shape " + a.shape()
                    + " has no elements, so it has no maximum; use max(dim) on a non-empty tensor");
        }
        NDArray[] valueAndMask = Reductions.extremeAll(a.array(), false, Promotion.floating(a.dtype()));
        return make(a, valueAndMask[0], Shape.of(), valueAndMask[1]);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor spread = Expand.apply(Reshape.apply(g, keptShape), input(0).shape());
        return new Tensor[] {spread.mul(saved(0))};
    }
}
