package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Reductions;

/**
 * {@code out = e^(a - max) / Σ_dim e^(a - max)}, stable for any finite input; an int64 or bool
 * input computes in float64. Backward: {@code ∂a = out·(g - Σ_dim g·out)}.
 */
public final class Softmax extends GradFn {

    private final int dim;

    private Softmax(int dim) {
        this.dim = dim;
    }

    /**
     * {@return {@code softmax(a)} along {@code dim}, computed stably as {@code e^(x − max) / Σ e^(x − max)} (grad
     * fn {@code Softmax})}
     *
     * @param a the input tensor
     * @param dim the dimension; negative values count from the end
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     */
    public static Tensor apply(Tensor a, int dim) {
        if (Dims.isScalarDim("softmax", a.shape(), dim)) {
            return Reshape.apply(apply(Reshape.apply(a, Shape.of(1)), 0), Shape.of());
        }
        int d = a.shape().normalizeDim("softmax", dim);
        Softmax op = new Softmax(d);
        Tensor out = op.record(Reductions.softmax(Types.floating(a), d, false), a);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor out = saved(0);
        return new Tensor[] {out.mul(g.sub(g.mul(out).sum(dim, true)))};
    }
}
