package io.jgrad.ops;

import io.jgrad.Shape;

/** Dimension arguments that need more than {@link Shape#normalizeDim}. */
final class Dims {

    private Dims() {
    }

    /**
     * Whether {@code dim} addresses a 0-d tensor. PyTorch lets a 0-d tensor be reduced, soft-maxed
     * or transposed along dim 0 or -1, as if it had shape {@code (1,)}; the ops do so by viewing it
     * as {@code (1,)}.
     *
     * @return true when {@code s} is {@code ()} and {@code dim} is 0 or -1; false for any other rank
     * @throws IndexOutOfBoundsException if {@code s} is {@code ()} and {@code dim} is neither
     */
    static boolean isScalarDim(String op, Shape s, int dim) {
        if (s.rank() != 0) {
            return false;
        }
        if (dim != 0 && dim != -1) {
            throw new IndexOutOfBoundsException(op + ": dimension " + dim + " is out of range for shape ()"
                    + "; a 0-d tensor takes dim 0 or -1");
        }
        return true;
    }
}
