package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.BinaryOp;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.ReduceDims;
import io.jgrad.ndarray.Reductions;

/**
 * {@code out = Σ a / n} over all {@code n} elements, along one dimension of size {@code n}, or over a
 * set of dimensions whose sizes multiply to {@code n}; an int64 or bool input computes in float64.
 * Backward: {@code ∂a = g / n} broadcast back over the averaged dimension(s).
 */
public final class Mean extends GradFn {

    private final Shape keptShape;
    private final int n;

    private Mean(Shape keptShape, int n) {
        this.keptShape = keptShape;
        this.n = n;
    }

    /**
     * {@return the mean of all elements, 0-d (NaN when there are none)}
     *
     * @param a the input tensor
     */
    public static Tensor apply(Tensor a) {
        int n = a.numel();
        NDArray sum = Reductions.sumAll(Types.floating(a));
        return new Mean(Shape.of(), n).record(divide(sum, n), a);
    }

    /**
     * {@return the mean along {@code dim}, removed unless {@code keepDim}}
     *
     * @param a the input tensor
     * @param dim the dimension; negative values count from the end
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     */
    public static Tensor apply(Tensor a, int dim, boolean keepDim) {
        if (Dims.isScalarDim("mean", a.shape(), dim)) {
            return apply(Reshape.apply(a, Shape.of(1)), 0, false);
        }
        int d = a.shape().normalizeDim("mean", dim);
        int n = a.shape().get(d);
        Shape kept = Sum.reducedShape(a.shape(), d, true);
        Shape out = keepDim ? kept : Sum.reducedShape(a.shape(), d, false);
        return new Mean(kept, n).record(divide(Reductions.sum(Types.floating(a), d, out), n), a);
    }

    /**
     * {@return the mean over {@code dims}, which are removed unless {@code keepDim} (NaN over no elements)}
     *
     * @param a the input tensor
     * @param dims the dimensions to average over, each once (negative count from the end); empty means all
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     * @throws IndexOutOfBoundsException if a dimension is out of range
     * @throws IllegalArgumentException if a dimension is named twice
     */
    public static Tensor apply(Tensor a, int[] dims, boolean keepDim) {
        boolean[] reduced = DimSet.of("mean", a.shape(), dims);
        int n = DimSet.count(a.shape(), reduced);
        Shape kept = DimSet.reducedShape(a.shape(), reduced, true);
        Shape out = keepDim ? kept : DimSet.reducedShape(a.shape(), reduced, false);
        return new Mean(kept, n).record(divide(ReduceDims.sum(Types.floating(a), reduced, out), n), a);
    }

    private static NDArray divide(NDArray sum, int n) {
        return Elementwise.binary(BinaryOp.DIV, sum, NDArray.wrappedScalar(n), sum.shape());
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {Expand.apply(Reshape.apply(g.div(n), keptShape), input(0).shape())};
    }
}
