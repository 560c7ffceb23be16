package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Indexing;

/**
 * {@code out = self} with {@code src[i]} added at {@code i} with its dim-th coordinate replaced by
 * {@code index[i]}, for every multi-index {@code i} of {@code index} (PyTorch's out-of-place
 * {@code scatter_add}; bool adds as logical or). Repeated entries add up in the row-major order of
 * {@code index}, so the result is deterministic. Backward: {@code ∂self = g};
 * {@code ∂src = gather(g, dim, index)} ({@link Gather}), zero where {@code src} is larger than
 * {@code index}.
 */
public final class ScatterAdd extends GradFn {

    private final int dim;

    private ScatterAdd(int dim) {
        this.dim = dim;
    }

    /**
     * {@return a tensor of {@code self}'s shape and dtype}
     *
     * @param self the tensor added into (not modified)
     * @param dim negative values count from the end
     * @param index INT64 of {@code self}'s rank (a 0-d tensor counts as 1-d), no larger than
     *     {@code src} in any dimension nor than {@code self} outside {@code dim}; entries in
     *     {@code [0, size of dim)}
     * @param src of {@code self}'s dtype and rank
     * @throws IllegalArgumentException if {@code index} is not INT64, {@code src}'s dtype differs
     *     from {@code self}'s, the ranks differ or {@code index} is too large
     * @throws IndexOutOfBoundsException if {@code dim} or an entry is out of range
     */
    public static Tensor apply(Tensor self, int dim, Tensor index, Tensor src) {
        IndexArgs.requireInt64("scatterAdd", index);
        if (src.dtype() != self.dtype()) {
            throw new IllegalArgumentException("scatterAdd: src must have the dtype of self: self is "
                    + self.dtype().label() + " of shape " + self.shape() + ", src " + src.dtype().label()
                    + " of shape " + src.shape() + "; convert src with to(DType." + self.dtype() + ")");
        }
        int rank = Math.max(self.dim(), 1);
        if (Math.max(index.dim(), 1) != rank || Math.max(src.dim(), 1) != rank) {
            throw new IllegalArgumentException("scatterAdd: self of shape " + self.shape() + ", index of shape "
                    + index.shape() + " and src of shape " + src.shape() + " must have the same rank");
        }
        if (self.dim() == 0 || index.dim() == 0 || src.dim() == 0) {
            // PyTorch treats a 0-d operand as 1-d here
            if (!Dims.isScalarDim("scatterAdd", self.shape(), dim)) {
                self.shape().normalizeDim("scatterAdd", dim);
            }
            Tensor out = apply(Gather.as1d(self), 0, Gather.as1d(index), Gather.as1d(src));
            return Reshape.apply(out, self.shape());
        }
        int d = self.shape().normalizeDim("scatterAdd", dim);
        if (index.numel() > 0) {
            for (int i = 0; i < self.dim(); i++) {
                int n = index.shape().get(i);
                if (n > src.shape().get(i)) {
                    throw new IllegalArgumentException("scatterAdd: index of shape " + index.shape()
                            + " is larger than src of shape " + src.shape() + " in dimension " + i
                            + "; each size of index must be at most src's");
                }
                if (i != d && n > self.shape().get(i)) {
                    throw new IllegalArgumentException("scatterAdd: index of shape " + index.shape()
                            + " is larger than self of shape " + self.shape() + " in dimension " + i
                            + "; outside dim " + d + " each size of index must be at most self's");
                }
            }
        }
        IndexArgs.requireInRange("scatterAdd", index, self.shape(), d);
        return scatter(self, d, index, src);
    }

    // the forward with every argument already checked
    static Tensor scatter(Tensor self, int dim, Tensor index, Tensor src) {
        return new ScatterAdd(dim).record(Indexing.scatterAdd(self.array(), dim, index.array(), src.array()),
                self, index, src);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor dSrc = null;
        if (needsGrad(2)) {
            dSrc = Gather.gather(g, dim, input(1));
            Shape src = input(2).shape();
            for (int i = 0; i < src.rank(); i++) {
                if (dSrc.shape().get(i) < src.get(i)) { // src elements that index does not reach get 0
                    dSrc = NarrowBackward.apply(dSrc, i, 0, 1, src.get(i));
                }
            }
        }
        return new Tensor[] {g, null, dSrc};
    }
}
