package io.jgrad.ndarray;

import io.jgrad.DType;

/**
 * Type promotion, decided here and nowhere else (as broadcasting is in {@link Broadcast}): which
 * dtype a binary operation computes in and returns, by PyTorch's rules with float64 as the default
 * dtype.
 *
 * <p>Operands fall in three priority groups: dimensioned arrays, 0-d arrays, and wrapped numbers
 * (the {@code double} of {@code x.mul(0.5)}, see {@link NDArray#wrappedScalar}). Within a group
 * dtypes promote along {@code BOOL < INT64 < FLOAT32 < FLOAT64}. The result is the highest group's
 * dtype, widened by a lower group only when that group is of a higher <em>category</em> (bool,
 * integer, floating); a wrapped floating number then contributes the default dtype, float64.
 * So {@code f32 · f64 → f64} for two dimensioned arrays, {@code f32 · 0-d f64 → f32},
 * {@code f32 · 0.5 → f32}, {@code i64 · 0.5 → f64}, {@code i64 · 0-d f32 → f32},
 * {@code bool + i64 → i64}.
 */
public final class Promotion {

    private Promotion() {
    }

    /**
     * The dtype of {@code op(a, b)}.
     *
     * @param a one operand
     * @param b the other
     * @return the promoted dtype
     */
    public static DType resultType(NDArray a, NDArray b) {
        int ga = group(a);
        int gb = group(b);
        if (ga == gb) {
            return promote(a.dtype(), b.dtype());
        }
        NDArray hi = ga > gb ? a : b;
        NDArray lo = ga > gb ? b : a;
        if (category(lo.dtype()) > category(hi.dtype())) {
            // a wrapped floating number stands for the default dtype, which is float64
            DType loType = lo.isWrappedNumber() && lo.dtype().isFloatingPoint() ? DType.FLOAT64 : lo.dtype();
            return promote(hi.dtype(), loType);
        }
        return hi.dtype();
    }

    /**
     * {@return the wider of two dtypes, along {@code BOOL < INT64 < FLOAT32 < FLOAT64}}
     *
     * @param a one dtype
     * @param b the other
     */
    public static DType promote(DType a, DType b) {
        return rank(a) >= rank(b) ? a : b;
    }

    /**
     * The dtype a float-only function ({@code exp}, {@code mean}, {@code softmax}, …) computes in:
     * the input's when it is floating, otherwise the default, float64.
     *
     * @param d the input's dtype
     * @return FLOAT32 or FLOAT64
     */
    public static DType floating(DType d) {
        return d.isFloatingPoint() ? d : DType.FLOAT64;
    }

    // 2: dimensioned, 1: 0-d, 0: wrapped number
    private static int group(NDArray x) {
        if (x.isWrappedNumber()) {
            return 0;
        }
        return x.shape().rank() == 0 ? 1 : 2;
    }

    private static int category(DType d) {
        switch (d) {
            case BOOL:
                return 0;
            case INT64:
                return 1;
            default:
                return 2;
        }
    }

    private static int rank(DType d) {
        switch (d) {
            case BOOL:
                return 0;
            case INT64:
                return 1;
            case FLOAT32:
                return 2;
            case FLOAT64:
                return 3;
            default:
                throw new AssertionError(d);
        }
    }
}
