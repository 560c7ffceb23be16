package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Movement;

/** {@code out = a} with dimensions {@code d0} and {@code d1} swapped. Backward: {@code ∂a = g} swapped back. */
public final class Transpose extends GradFn {

    private final int d0;
    private final int d1;

    private Transpose(int d0, int d1) {
        this.d0 = d0;
        this.d1 = d1;
    }

    /**
     * {@return {@code a} with dimensions {@code d0} and {@code d1} swapped (grad fn {@code Transpose})}
     *
     * @param a the input tensor
     * @param d0 one dimension; negative values count from the end
     * @param d1 the other dimension; negative values count from the end
     * @throws IndexOutOfBoundsException if a dimension is out of range
     */
    public static Tensor apply(Tensor a, int d0, int d1) {
        if (a.dim() == 0) {
            Dims.isScalarDim("transpose", a.shape(), d0); // validates: 0 or -1
            Dims.isScalarDim("transpose", a.shape(), d1);
            return Reshape.apply(a, a.shape());
        }
        int x = a.shape().normalizeDim("transpose", d0);
        int y = a.shape().normalizeDim("transpose", d1);
        return new Transpose(x, y).record(Movement.transpose(a.array(), x, y), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {apply(g, d0, d1)};
    }
}
