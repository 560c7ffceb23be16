package io.jgrad.data;

import io.jgrad.Tensor;
import io.jgrad.ndarray.Casts;

/**
 * Class indices are stored in int64 target tensors (or, from older code, as whole numbers in
 * floating ones); this turns them back into {@code int}s, exactly.
 */
final class Labels {

    private Labels() {
    }

    /**
     * @throws IllegalStateException if a target is not a whole number in the range of {@code int}
     */
    static int[] toLabels(String op, Tensor y) {
        try {
            return Casts.toInts(y.array());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(op + ": the targets of shape " + y.shape() + " are no class indices: "
                    + e.getMessage() + "; read the targets as a tensor instead", e);
        }
    }
}
