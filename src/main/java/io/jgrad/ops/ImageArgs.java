package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.Shape;
import io.jgrad.Tensor;

/**
 * The argument checks that the image operations (convolution, pooling) share: {@code (h, w)} pairs,
 * the rank of an image tensor, dtypes. Each throws {@link IllegalArgumentException} with the
 * operation's name, the values given and the rule.
 */
final class ImageArgs {

    private ImageArgs() {
    }

    /**
     * An {@code (h, w)} pair from one value (used for both) or two, as PyTorch accepts them.
     *
     * @throws IllegalArgumentException if {@code v} is null or has another length
     */
    static int[] pair(String op, String name, int[] v) {
        if (v == null || v.length < 1 || v.length > 2) {
            throw new IllegalArgumentException(op + ": " + name + " must be one int or an {h, w} pair, got "
                    + (v == null ? "null" : Shape.format(v)));
        }
        return v.length == 1 ? new int[] {v[0], v[0]} : v.clone();
    }

    /** @throws IllegalArgumentException unless both values of {@code v} are ≥ 1 */
    static void positive(String op, String name, int[] v) {
        if (v[0] < 1 || v[1] < 1) {
            throw new IllegalArgumentException(op + ": " + name + " " + Shape.format(v) + " must be positive (≥ 1)"
                    + " in both dimensions");
        }
    }

    /** @throws IllegalArgumentException unless both values of {@code v} are ≥ 0 */
    static void nonNegative(String op, String name, int[] v, String fix) {
        if (v[0] < 0 || v[1] < 0) {
            throw new IllegalArgumentException(op + ": " + name + " " + Shape.format(v) + " must be ≥ 0 in both"
                    + " dimensions; " + fix);
        }
    }

    /**
     * @return whether {@code x} is an unbatched image {@code (C, H, W)} (rather than {@code (N, C, H, W)})
     * @throws IllegalArgumentException if it is neither
     */
    static boolean unbatched(String op, Tensor x) {
        int rank = x.shape().rank();
        if (rank != 3 && rank != 4) {
            throw new IllegalArgumentException(op + ": input of shape " + x.shape() + " has " + rank + " dimension"
                    + (rank == 1 ? "" : "s") + "; it must be (N, C, H, W), or (C, H, W) for a single image");
        }
        return rank == 3;
    }

    /** @return {@code x} as {@code (1, C, H, W)} when it is an unbatched {@code (C, H, W)}, else itself */
    static Tensor batched(Tensor x, boolean unbatched) {
        if (!unbatched) {
            return x;
        }
        int[] d = x.shape().toArray();
        return Reshape.apply(x, Shape.of(1, d[0], d[1], d[2]));
    }

    /** @return {@code y} {@code (1, C, H, W)} without its batch dimension when the input was unbatched */
    static Tensor unbatch(Tensor y, boolean unbatched) {
        if (!unbatched) {
            return y;
        }
        int[] d = y.shape().toArray();
        return Reshape.apply(y, Shape.of(d[1], d[2], d[3]));
    }

    /** @throws IllegalArgumentException unless {@code x} is float64 or float32 */
    static void floating(String op, Tensor x) {
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": input of shape " + x.shape() + " is " + x.dtype().label()
                    + "; it needs a floating dtype: convert it with to(DType.FLOAT32) or to(DType.FLOAT64)");
        }
    }

    /** @throws IllegalArgumentException unless {@code x} is float64, float32 or int64 */
    static void numeric(String op, Tensor x) {
        if (x.dtype() == DType.BOOL) {
            throw new IllegalArgumentException(op + ": input of shape " + x.shape() + " is bool, which has no"
                    + " average or maximum here; convert it with to(DType.FLOAT32), to(DType.FLOAT64) or"
                    + " to(DType.INT64)");
        }
    }

    /** {@code g} in {@code dtype}: a gradient seeded in another floating dtype, converted (recorded) to the op's. */
    static Tensor as(Tensor g, DType dtype) {
        return g.dtype() == dtype ? g : To.apply(g, dtype);
    }
}
