package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Indexing;
import io.jgrad.ndarray.NDArray;

/**
 * {@code out[i] = a[i with its dim-th coordinate replaced by index[i]]} for every multi-index
 * {@code i} of {@code index} (PyTorch's {@code gather}). Backward: {@code ∂a} = zeros with
 * {@code g} added back at the same places ({@link ScatterAdd}), so repeated entries sum.
 */
public final class Gather extends GradFn {

    private final int dim;

    private Gather(int dim) {
        this.dim = dim;
    }

    /**
     * {@return a tensor of {@code index}'s shape and {@code a}'s dtype}
     *
     * @param a the input tensor
     * @param dim negative values count from the end
     * @param index INT64 of {@code a}'s rank (a 0-d tensor counts as 1-d), no larger than {@code a}
     *     outside {@code dim}; entries in {@code [0, size of dim)}
     * @throws IllegalArgumentException if {@code index} is not INT64, its rank differs or it is
     *     larger than {@code a} outside {@code dim}
     * @throws IndexOutOfBoundsException if {@code dim} or an entry is out of range
     */
    public static Tensor apply(Tensor a, int dim, Tensor index) {
        IndexArgs.requireInt64("gather", index);
        if (Math.max(index.dim(), 1) != Math.max(a.dim(), 1)) {
            throw new IllegalArgumentException("gather: index of shape " + index.shape() + " must have the rank of "
                    + "the input of shape " + a.shape() + " (" + a.dim() + ")");
        }
        if (a.dim() == 0 || index.dim() == 0) {
            // PyTorch treats a 0-d operand as 1-d here
            if (!Dims.isScalarDim("gather", a.shape(), dim)) {
                a.shape().normalizeDim("gather", dim);
            }
            return Reshape.apply(apply(as1d(a), 0, as1d(index)), index.shape());
        }
        int d = a.shape().normalizeDim("gather", dim);
        if (index.numel() > 0) {
            for (int i = 0; i < a.dim(); i++) {
                if (i != d && index.shape().get(i) > a.shape().get(i)) {
                    throw new IllegalArgumentException("gather: index of shape " + index.shape() + " is larger than"
                            + " the input of shape " + a.shape() + " in dimension " + i + "; outside dim " + d
                            + " each size of index must be at most the input's");
                }
            }
        }
        IndexArgs.requireInRange("gather", index, a.shape(), d);
        return gather(a, d, index);
    }

    // the forward with every argument already checked
    static Tensor gather(Tensor a, int dim, Tensor index) {
        return new Gather(dim).record(Indexing.gather(a.array(), dim, index.array()), a, index);
    }

    static Tensor as1d(Tensor t) {
        return t.dim() == 0 ? Reshape.apply(t, Shape.of(1)) : t;
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor zeros = constant(NDArray.zeros(g.dtype(), input(0).shape()));
        return new Tensor[] {ScatterAdd.scatter(zeros, dim, input(1), g), null};
    }
}
