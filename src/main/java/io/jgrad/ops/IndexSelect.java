package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Indexing;
import io.jgrad.ndarray.Movement;
import io.jgrad.ndarray.NDArray;

/**
 * {@code out[…, j, …] = a[…, index[j], …]} along one dimension (PyTorch's {@code index_select}), for
 * an INT64 vector {@code index}; repeated entries repeat the slice. Backward: {@code ∂a} = zeros
 * with {@code g}'s slices added at {@code index} (a {@link ScatterAdd}, with the index expanded to
 * {@code g}'s shape), so repeated entries sum.
 */
public final class IndexSelect extends GradFn {

    private final int dim;

    private IndexSelect(int dim) {
        this.dim = dim;
    }

    /**
     * {@return {@code a} with size {@code index.numel()} along {@code dim}}
     *
     * @param a the input tensor
     * @param dim negative values count from the end (0 or -1 on a 0-d tensor)
     * @param index INT64, 1-d (or 0-d: one entry); entries in {@code [0, size of dim)}
     * @throws IllegalArgumentException if {@code index} is not INT64 or has rank &gt; 1, or has
     *     other than one entry for a 0-d {@code a}
     * @throws IndexOutOfBoundsException if {@code dim} or an entry is out of range
     */
    public static Tensor apply(Tensor a, int dim, Tensor index) {
        IndexArgs.requireInt64("indexSelect", index);
        if (index.dim() > 1) {
            throw new IllegalArgumentException("indexSelect: index must be 1-d, got shape " + index.shape()
                    + " for a tensor of shape " + a.shape() + "; flatten it first");
        }
        if (Dims.isScalarDim("indexSelect", a.shape(), dim)) {
            if (index.numel() != 1) {
                throw new IllegalArgumentException("indexSelect: a 0-d tensor takes an index of one entry, got shape "
                        + index.shape());
            }
            return Reshape.apply(apply(Reshape.apply(a, Shape.of(1)), 0, index), Shape.of());
        }
        int d = a.shape().normalizeDim("indexSelect", dim);
        IndexArgs.requireInRange("indexSelect", index, a.shape(), d);
        return new IndexSelect(d).record(Indexing.indexSelect(a.array(), d, index.array()), a, index);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        // index[j] for every element of g: the vector laid along dim and expanded
        int[] along = new int[g.dim()];
        java.util.Arrays.fill(along, 1);
        along[dim] = g.shape().get(dim);
        NDArray expanded = Movement.expand(input(1).array().reshape(Shape.of(along)), g.shape());
        Tensor zeros = constant(NDArray.zeros(g.dtype(), input(0).shape()));
        return new Tensor[] {ScatterAdd.scatter(zeros, dim, constant(expanded), g), null};
    }
}
