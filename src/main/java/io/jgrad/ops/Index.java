package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Movement;
import java.util.Arrays;

/**
 * {@code out = a[i0, i1, …]}, integer indices into the leading dimensions: a contiguous block of
 * {@code a}. Backward: {@code ∂a} = zeros with {@code g} written at that block ({@link IndexBackward}).
 */
public final class Index extends GradFn {

    private final int offset;

    private Index(int offset) {
        this.offset = offset;
    }

    /**
     * {@return the notebook's {@code a[i, j, …]}: the sub-tensor at the given leading indices (grad fn {@code Index})}
     *
     * @param a the input tensor
     * @param index at most {@code a.dim()} indices; negative values count from the end
     * @throws IndexOutOfBoundsException if there are too many indices or one is out of range
     */
    public static Tensor apply(Tensor a, int... index) {
        int off = offset("get", a.shape(), index);
        int[] dims = a.shape().toArray();
        return slice(a, off, Shape.of(Arrays.copyOfRange(dims, index.length, dims.length)));
    }

    /** The block of {@code shape.numel()} elements of {@code a} at flat {@code offset}, shaped {@code shape}. */
    static Tensor slice(Tensor a, int offset, Shape shape) {
        return new Index(offset).record(Movement.slice(a.array(), offset, shape), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {IndexBackward.apply(g, offset, input(0).shape())};
    }

    /**
     * The flat offset of {@code shape[index…]}.
     *
     * @param op the operation, for messages
     * @param shape the shape indexed
     * @param index one index per leading dimension; negative values count from the end
     * @return the flat offset of {@code shape[index…]}
     * @throws IndexOutOfBoundsException if there are more indices than dimensions, or one is out of range
     */
    public static int offset(String op, Shape shape, int[] index) {
        int[] dims = shape.toArray();
        if (index.length > dims.length) {
            throw new IndexOutOfBoundsException(op + ": too many indices for shape " + shape + ": got "
                    + index.length + " but it has " + dims.length + " dimensions");
        }
        int[] resolved = new int[index.length];
        for (int i = 0; i < index.length; i++) {
            int v = index[i];
            if (v < -dims[i] || v >= dims[i]) {
                throw new IndexOutOfBoundsException(op + ": index " + v + " is out of range for dimension "
                        + i + " of size " + dims[i] + " in shape " + shape + "; use an index in ["
                        + (-dims[i]) + ", " + (dims[i] - 1) + "]");
            }
            resolved[i] = v < 0 ? v + dims[i] : v;
        }
        return Movement.offsetOf(shape, resolved);
    }
}
