package io.jgrad.ops;

import io.jgrad.Shape;
import java.util.Arrays;

/**
 * The set of dimensions an {@code int[] dims} argument of a reduction names ({@code sum}, {@code mean},
 * {@code var}, {@code std}): checked and resolved once, as flags, one per dimension.
 */
final class DimSet {

    private DimSet() {
    }

    /**
     * Resolves {@code dims} against {@code s}: negative values count from the end, an empty array
     * means every dimension (as PyTorch), and a 0-d shape accepts 0 and -1 (as for one dim).
     *
     * @return one flag per dimension of {@code s}, true where it is reduced
     * @throws IndexOutOfBoundsException if a dimension is out of range
     * @throws IllegalArgumentException if a dimension is named twice (also as {@code d} and {@code d − rank})
     */
    static boolean[] of(String op, Shape s, int[] dims) {
        int rank = s.rank();
        boolean[] reduced = new boolean[rank];
        if (dims.length == 0) {
            Arrays.fill(reduced, true);
            return reduced;
        }
        boolean scalarSeen = false;
        for (int dim : dims) {
            if (Dims.isScalarDim(op, s, dim)) {
                if (scalarSeen) {
                    throw repeated(op, s, 0, dims);
                }
                scalarSeen = true;
                continue;
            }
            int d = s.normalizeDim(op, dim);
            if (reduced[d]) {
                throw repeated(op, s, d, dims);
            }
            reduced[d] = true;
        }
        return reduced;
    }

    /** @return {@code s} with the reduced dimensions kept as 1 ({@code keep}) or removed */
    static Shape reducedShape(Shape s, boolean[] reduced, boolean keep) {
        int[] dims = s.toArray();
        int[] out = new int[dims.length];
        int n = 0;
        for (int k = 0; k < dims.length; k++) {
            if (!reduced[k]) {
                out[n++] = dims[k];
            } else if (keep) {
                out[n++] = 1;
            }
        }
        return Shape.of(Arrays.copyOf(out, n));
    }

    /** @return how many elements each output element combines: the product of the reduced sizes */
    static int count(Shape s, boolean[] reduced) {
        int n = 1;
        for (int k = 0; k < reduced.length; k++) {
            if (reduced[k]) {
                n *= s.get(k);
            }
        }
        return n;
    }

    /** @return the reduced dimensions' indices, ascending (empty for a 0-d shape) */
    static int[] indices(boolean[] reduced) {
        int[] out = new int[reduced.length];
        int n = 0;
        for (int k = 0; k < reduced.length; k++) {
            if (reduced[k]) {
                out[n++] = k;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static IllegalArgumentException repeated(String op, Shape s, int d, int[] dims) {
        return new IllegalArgumentException(op + ": dimension " + d + " appears more than once in dims "
                + Arrays.toString(dims) + " for shape " + s + "; name each dimension once");
    }
}
