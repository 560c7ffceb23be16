package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.ReduceDims;

/**
 * {@code out = ln Σ e^a} along one dimension, computed as {@code m + ln Σ e^(a − m)} with {@code m}
 * the maximum, so no finite input overflows (a slice of only −∞, or an empty one, gives −∞; one
 * holding +∞ gives +∞; a NaN gives NaN, as PyTorch). An int64 or bool input computes in float64.
 * Backward: {@code ∂a = g·e^(a − out)} (the softmax along the dimension).
 */
public final class Logsumexp extends GradFn {

    private final Shape keptShape;

    private Logsumexp(Shape keptShape) {
        this.keptShape = keptShape;
    }

    /**
     * {@return {@code ln Σ e^a} along {@code dim}, kept as size 1 when {@code keepDim}}
     *
     * @param a the input tensor
     * @param dim the dimension; negative values count from the end
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     * @throws IndexOutOfBoundsException if {@code dim} is out of range (0 or -1 are accepted on a 0-d tensor)
     */
    public static Tensor apply(Tensor a, int dim, boolean keepDim) {
        if (Dims.isScalarDim("logsumexp", a.shape(), dim)) {
            return apply(Reshape.apply(a, Shape.of(1)), 0, false);
        }
        int d = a.shape().normalizeDim("logsumexp", dim);
        Shape kept = Sum.reducedShape(a.shape(), d, true);
        Shape out = keepDim ? kept : Sum.reducedShape(a.shape(), d, false);
        NDArray values = ReduceDims.logsumexp(Types.floating(a), d, out);
        Logsumexp op = new Logsumexp(kept);
        Tensor result = op.record(values, a);
        op.save(result);
        return result;
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor a = input(0);
        Tensor spread = Expand.apply(Reshape.apply(g, keptShape), a.shape());
        return new Tensor[] {spread.mul(a.sub(Reshape.apply(saved(0), keptShape)).exp())};
    }
}
