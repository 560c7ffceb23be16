package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Reductions;

/**
 * {@code out = a - max - ln Σ_dim e^(a - max)}, stable for any finite input; an int64 or bool input
 * computes in float64. Backward: {@code ∂a = g - e^out · Σ_dim g}.
 */
public final class LogSoftmax extends GradFn {

    private final int dim;

    private LogSoftmax(int dim) {
        this.dim = dim;
    }

    /**
     * {@return {@code log softmax(a)} along {@code dim}, computed stably as {@code x − max − log Σ e^(x − max)}
     * (grad fn {@code LogSoftmax})}
     *
     * @param a the input tensor
     * @param dim the dimension; negative values count from the end
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     */
    public static Tensor apply(Tensor a, int dim) {
        if (Dims.isScalarDim("logSoftmax", a.shape(), dim)) {
            return Reshape.apply(apply(Reshape.apply(a, Shape.of(1)), 0), Shape.of());
        }
        int d = a.shape().normalizeDim("logSoftmax", dim);
        LogSoftmax op = new LogSoftmax(d);
        Tensor out = op.record(Reductions.softmax(Types.floating(a), d, true), a);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {g.sub(saved(0).exp().mul(g.sum(dim, true)))};
    }
}
