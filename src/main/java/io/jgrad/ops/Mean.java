package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.Reductions;

/**
 * {@code out = Σ a / n} over all {@code n} elements, or along one dimension of size {@code n}.
 * Backward: {@code ∂a = g / n} broadcast back over the averaged dimension(s).
 */
public final class Mean extends GradFn {

    private final Shape keptShape;
    private final int n;

    private Mean(Shape keptShape, int n) {
        this.keptShape = keptShape;
        this.n = n;
    }

    /** @return the mean of all elements, 0-d (NaN when there are none) */
    public static Tensor apply(Tensor a) {
        int n = a.numel();
        NDArray sum = Reductions.sumAll(a.array());
        return new Mean(Shape.of(), n).record(NDArray.scalar(sum.data()[0] / n), a);
    }

    /** @return the mean along {@code dim}, removed unless {@code keepDim} */
    public static Tensor apply(Tensor a, int dim, boolean keepDim) {
        if (Dims.isScalarDim("mean", a.shape(), dim)) {
            return apply(Reshape.apply(a, Shape.of(1)), 0, false);
        }
        int d = a.shape().normalizeDim("mean", dim);
        int n = a.shape().get(d);
        Shape kept = Sum.reducedShape(a.shape(), d, true);
        Shape out = keepDim ? kept : Sum.reducedShape(a.shape(), d, false);
        NDArray mean = Elementwise.map(Reductions.sum(a.array(), d, out), v -> v / n);
        return new Mean(kept, n).record(mean, a);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        return new Tensor[] {Expand.apply(Reshape.apply(g.div(n), keptShape), input(0).shape())};
    }
}
