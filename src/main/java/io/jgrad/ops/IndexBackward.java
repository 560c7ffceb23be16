package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Movement;

/**
 * The gradient of {@link Index}: zeros of the indexed tensor's shape with {@code g} written at the
 * indexed block. Backward: {@code ∂g} = that block of the upstream gradient (an {@link Index}).
 */
public final class IndexBackward extends GradFn {

    private final int offset;

    private IndexBackward(int offset) {
        this.offset = offset;
    }

    static Tensor apply(Tensor g, int offset, Shape shape) {
        return new IndexBackward(offset).record(Movement.scatter(g.array(), offset, shape), g);
    }

    @Override
    protected Tensor[] backward(Tensor gg, boolean createGraph) {
        return new Tensor[] {Index.slice(gg, offset, input(0).shape())};
    }
}
