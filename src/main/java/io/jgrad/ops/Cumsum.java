package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Scans;

/**
 * {@code out[…, j, …] = Σ_{k ≤ j} a[…, k, …]} along one dimension (int64 for int64 and bool input, as
 * PyTorch; float32 accumulated in double). Backward: {@code ∂a} is the reversed cumulative sum of
 * {@code g}, {@code Σ_{k ≥ j} g[…, k, …]}: another {@code Cumsum} node, summing from the end, whose own
 * backward is the forward sum again (an inverse pair, so every order of derivative is recorded).
 */
public final class Cumsum extends GradFn {

    private final int dim;          // in range; ignored for a 0-d input
    private final boolean reverse;  // sums from the end of the dimension

    private Cumsum(int dim, boolean reverse) {
        this.dim = dim;
        this.reverse = reverse;
    }

    /**
     * {@return the cumulative sum along {@code dim}, of {@code a}'s shape}
     *
     * @param a the input tensor
     * @param dim the dimension; negative values count from the end
     * @throws IndexOutOfBoundsException if {@code dim} is out of range (0 or -1 are accepted on a 0-d tensor)
     */
    public static Tensor apply(Tensor a, int dim) {
        int d = Dims.isScalarDim("cumsum", a.shape(), dim) ? 0 : a.shape().normalizeDim("cumsum", dim);
        return scan(a, d, false);
    }

    private static Tensor scan(Tensor a, int dim, boolean reverse) {
        return new Cumsum(dim, reverse).record(Scans.cumsum(a.array(), dim, reverse), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {scan(g, dim, !reverse)};
    }
}
