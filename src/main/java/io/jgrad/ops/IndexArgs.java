package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Indexing;

/** The checks that index tensors get ({@code indexSelect}, {@code gather}, {@code scatterAdd}), with their messages. */
final class IndexArgs {

    private IndexArgs() {
    }

    /** @throws IllegalArgumentException if {@code index} is not INT64 */
    static void requireInt64(String op, Tensor index) {
        if (index.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": index must be int64, got " + index.dtype().label()
                    + " of shape " + index.shape() + "; convert it with to(DType.INT64)");
        }
    }

    /**
     * @param dim the dimension the entries index, of size {@code shape.get(dim)}
     * @throws IndexOutOfBoundsException naming the first entry outside {@code [0, size)}, where it
     *     is in {@code index}, and the dimension
     */
    static void requireInRange(String op, Tensor index, Shape shape, int dim) {
        int size = shape.get(dim);
        int at = Indexing.firstOutOfRange(index.array(), size);
        if (at >= 0) {
            throw new IndexOutOfBoundsException(op + ": index " + index.array().getLong(at) + " at "
                    + position(index.shape(), at) + " of the index is out of range for dimension " + dim
                    + " of size " + size + " in shape " + shape + "; entries must be in [0, " + size + ")");
        }
    }

    // a flat position as a multi-index: [1, 0]
    private static String position(Shape shape, int flat) {
        int[] dims = shape.toArray();
        int[] idx = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            idx[i] = flat % dims[i];
            flat /= dims[i];
        }
        return java.util.Arrays.toString(idx);
    }
}
