package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.ReduceDims;
import io.jgrad.ndarray.Reductions;

/**
 * {@code out = Σ a} over all elements, along one dimension or over a set of them (int64 for int64
 * and bool input, as PyTorch). Backward: {@code ∂a = g} broadcast back over the summed dimension(s).
 */
public final class Sum extends GradFn {

    private final Shape keptShape; // the output's shape with the reduced dimension kept as 1

    private Sum(Shape keptShape) {
        this.keptShape = keptShape;
    }

    /**
     * {@return the sum of all elements, 0-d}
     *
     * @param a the input tensor
     */
    public static Tensor apply(Tensor a) {
        return new Sum(Shape.of()).record(Reductions.sumAll(a.array()), a);
    }

    /**
     * {@return the sum along {@code dim}, removed unless {@code keepDim}}
     *
     * @param a the input tensor
     * @param dim the dimension; negative values count from the end
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     */
    public static Tensor apply(Tensor a, int dim, boolean keepDim) {
        if (Dims.isScalarDim("sum", a.shape(), dim)) {
            return apply(Reshape.apply(a, Shape.of(1)), 0, false);
        }
        int d = a.shape().normalizeDim("sum", dim);
        Shape kept = reducedShape(a.shape(), d, true);
        Shape out = keepDim ? kept : reducedShape(a.shape(), d, false);
        return new Sum(kept).record(Reductions.sum(a.array(), d, out), a);
    }

    /**
     * {@return the sum over {@code dims}, which are removed unless {@code keepDim}}
     *
     * @param a the input tensor
     * @param dims the dimensions to sum over, each once (negative count from the end); empty means all
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     * @throws IndexOutOfBoundsException if a dimension is out of range
     * @throws IllegalArgumentException if a dimension is named twice
     */
    public static Tensor apply(Tensor a, int[] dims, boolean keepDim) {
        boolean[] reduced = DimSet.of("sum", a.shape(), dims);
        Shape kept = DimSet.reducedShape(a.shape(), reduced, true);
        Shape out = keepDim ? kept : DimSet.reducedShape(a.shape(), reduced, false);
        return new Sum(kept).record(ReduceDims.sum(a.array(), reduced, out), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {Expand.apply(Reshape.apply(g, keptShape), input(0).shape())};
    }

    /** The shape left after reducing dimension {@code d}: size 1 when kept, removed otherwise. */
    static Shape reducedShape(Shape s, int d, boolean keep) {
        int[] dims = s.toArray();
        if (keep) {
            dims[d] = 1;
            return Shape.of(dims);
        }
        int[] out = new int[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != d) {
                out[j++] = dims[i];
            }
        }
        return Shape.of(out);
    }
}
