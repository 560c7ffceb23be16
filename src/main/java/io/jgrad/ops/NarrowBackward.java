package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Slicing;

/**
 * The gradient of {@link Narrow}: {@code g} padded with zeros back to the narrowed tensor's size
 * along one dimension, written at elements {@code start, start + step, …} (tinygrad's {@code pad}).
 * Backward: {@code ∂g} = the same range of the upstream gradient (a {@link Narrow}).
 */
public final class NarrowBackward extends GradFn {

    private final int dim;
    private final int start;
    private final int step;

    private NarrowBackward(int dim, int start, int step) {
        this.dim = dim;
        this.start = start;
        this.step = step;
    }

    /** @param size the size of {@code dim} to pad to, large enough for the range (not checked) */
    static Tensor apply(Tensor g, int dim, int start, int step, int size) {
        return new NarrowBackward(dim, start, step).record(Slicing.pad(g.array(), dim, start, step, size), g);
    }

    @Override
    protected Tensor[] backward(Tensor gg, boolean createGraph) {
        return new Tensor[] {Narrow.strided(gg, dim, start, input(0).shape().get(dim), step)};
    }
}
