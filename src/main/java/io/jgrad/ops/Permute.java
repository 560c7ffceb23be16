package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Movement;
import java.util.Arrays;

/**
 * {@code out = a} with its dimensions reordered: output dimension {@code i} is input dimension
 * {@code dims[i]}. Backward: {@code ∂a = g} permuted by the inverse permutation.
 */
public final class Permute extends GradFn {

    private final int[] inverse;

    private Permute(int[] inverse) {
        this.inverse = inverse;
    }

    /**
     * {@return {@code a} with its dimensions reordered: dimension {@code i} of the result is {@code dims[i]} of
     * {@code a} (grad fn {@code Permute})}
     *
     * @param a the input tensor
     * @param dims a permutation of {@code a}'s dimensions; negative values count from the end
     * @throws IllegalArgumentException if {@code dims} does not have one entry per dimension, or
     *     names a dimension twice
     * @throws IndexOutOfBoundsException if an entry is out of range
     */
    public static Tensor apply(Tensor a, int... dims) {
        int rank = a.dim();
        if (dims.length != rank) {
            throw new IllegalArgumentException("permute: expected " + rank + " dims, one per dimension of shape "
                    + a.shape() + ", got " + Arrays.toString(dims) + "; give each dimension once");
        }
        int[] perm = new int[rank];
        int[] inverse = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            int d = a.shape().normalizeDim("permute", dims[i]);
            if (seen[d]) {
                throw new IllegalArgumentException("permute: dimension " + d + " appears twice in "
                        + Arrays.toString(dims) + " for shape " + a.shape() + "; give each dimension once");
            }
            seen[d] = true;
            perm[i] = d;
            inverse[d] = i;
        }
        return new Permute(inverse).record(Movement.permute(a.array(), perm), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {apply(g, inverse)};
    }
}
