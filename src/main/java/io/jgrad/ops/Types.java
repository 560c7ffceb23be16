package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Casts;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.Promotion;

/** The dtype rules the ops share: what a float-only function computes in, and what bool refuses. */
final class Types {

    private Types() {
    }

    /**
     * The values of {@code a} in the dtype a float-only function ({@code exp}, {@code mean}, …)
     * computes in: its own when floating, float64 for int64 and bool (PyTorch's default dtype).
     */
    static NDArray floating(Tensor a) {
        return Casts.to(a.array(), Promotion.floating(a.dtype()));
    }

    /**
     * @throws IllegalArgumentException if {@code a} is bool, for an operation PyTorch does not
     *     define on bool, naming the fix
     */
    static void notBool(String op, Tensor a, String fix) {
        if (a.dtype() == DType.BOOL) {
            throw new IllegalArgumentException(op + ": not defined on a bool tensor (shape " + a.shape() + "); " + fix);
        }
    }
}
