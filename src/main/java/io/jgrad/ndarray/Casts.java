package io.jgrad.ndarray;

import io.jgrad.DType;
import io.jgrad.Shape;
import java.util.Arrays;

/**
 * Dtype conversions, fills and whole-array reads: the only code that turns one dtype's storage
 * into another's. Conversions follow Java's casts ({@code (float) d}; {@code (long) d} toward zero,
 * NaN → 0, saturating; {@code v != 0} into bool; 1 / 0 out of bool).
 */
public final class Casts {

    private Casts() {
    }

    /**
     * {@code x} as {@code dtype}: {@code x} itself when it already has that dtype (unless
     * {@code copy}), otherwise a new array.
     *
     * @param x the input array
     * @param dtype the element type
     * @param copy whether to copy even when no conversion is needed
     * @return the converted array, of {@code x}'s shape
     */
    public static NDArray to(NDArray x, DType dtype, boolean copy) {
        if (x.dtype() == dtype && !copy) {
            return x;
        }
        NDArray out = NDArray.zeros(dtype, x.shape());
        Kernels.set().casts().convert(x.dtype(), x.storage(), 0, dtype, out.storage(), 0, x.numel());
        return out;
    }

    /**
     * {@return {@code x} as {@code dtype}, {@code x} itself when it already has it}
     *
     * @param x the input array
     * @param dtype the element type
     */
    public static NDArray to(NDArray x, DType dtype) {
        return to(x, dtype, false);
    }

    /**
     * Copies {@code src} into {@code dst} in place, converting to {@code dst}'s dtype, and records
     * the write in {@code dst}'s version.
     *
     * @param src the array copied, of {@code dst}'s element count
     * @param dst the array written
     * @throws IllegalArgumentException if the element counts differ
     */
    public static void copyInto(NDArray src, NDArray dst) {
        if (src.numel() != dst.numel()) {
            throw new IllegalArgumentException("copyInto: " + src.numel() + " elements of shape " + src.shape()
                    + " do not fit " + dst.numel() + " of shape " + dst.shape());
        }
        Kernels.set().casts().convert(src.dtype(), src.storage(), 0, dst.dtype(), dst.storage(), 0, src.numel());
        dst.bumpVersion();
    }

    /**
     * Sets every element of {@code x} to {@code value} converted to its dtype. Does not record a
     * version: callers that write an array someone else holds call {@link NDArray#bumpVersion()}.
     *
     * @param x the input array
     * @param value the value
     */
    public static void fill(NDArray x, double value) {
        Object s = x.storage();
        switch (x.dtype()) {
            case FLOAT64:
                Arrays.fill((double[]) s, value);
                break;
            case FLOAT32:
                Arrays.fill((float[]) s, (float) value);
                break;
            case INT64:
                Arrays.fill((long[]) s, (long) value);
                break;
            case BOOL:
                Arrays.fill((boolean[]) s, value != 0);
                break;
            default:
                throw new AssertionError(x.dtype());
        }
    }

    /**
     * {@return a new array of the given shape holding {@code values} converted to {@code dtype}}
     *
     * @param values the elements, row-major
     * @param dtype the element type
     * @param shape the shape; its element count must be {@code values.length}
     */
    public static NDArray fromDoubles(double[] values, DType dtype, Shape shape) {
        return to(new NDArray(values, shape), dtype, false);
    }

    /**
     * {@return a row-major float64 copy of the values (1.0 / 0.0 for bool)}
     *
     * @param x the input array
     */
    public static double[] toDoubles(NDArray x) {
        return x.dtype() == DType.FLOAT64 ? x.data().clone() : to(x, DType.FLOAT64).data();
    }

    /**
     * {@return a row-major float32 copy of the values}
     *
     * @param x the input array
     */
    public static float[] toFloats(NDArray x) {
        return x.dtype() == DType.FLOAT32 ? x.floats().clone() : to(x, DType.FLOAT32).floats();
    }

    /**
     * {@return a row-major int64 copy of the values (Java casts: toward zero)}
     *
     * @param x the input array
     */
    public static long[] toLongs(NDArray x) {
        return x.dtype() == DType.INT64 ? x.longs().clone() : to(x, DType.INT64).longs();
    }

    /**
     * {@return a row-major copy of the values as bools ({@code value != 0})}
     *
     * @param x the input array
     */
    public static boolean[] toBooleans(NDArray x) {
        return x.dtype() == DType.BOOL ? x.bools().clone() : to(x, DType.BOOL).bools();
    }

    /**
     * The values as {@code int}s, for class indices and the like.
     *
     * @param x the input array
     * @return a new array
     * @throws IllegalArgumentException naming the first value that is not a whole number in the
     *     range of {@code int}, and its flat index
     */
    public static int[] toInts(NDArray x) {
        int[] out = new int[x.numel()];
        if (x.dtype() == DType.INT64) {
            long[] v = x.longs();
            for (int i = 0; i < out.length; i++) {
                if (v[i] != (int) v[i]) {
                    throw new IllegalArgumentException("value " + v[i] + " at index " + i + " is outside the range of int");
                }
                out[i] = (int) v[i];
            }
            return out;
        }
        double[] v = doublesView(x);
        for (int i = 0; i < out.length; i++) {
            if (v[i] != (int) v[i]) {
                throw new IllegalArgumentException("value " + v[i] + " at index " + i
                        + " is not a whole number in the range of int");
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    /**
     * {@return a new int64 array of shape {@code (values.length,)} holding {@code values}}
     *
     * @param values the values
     */
    public static NDArray fromInts(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return new NDArray(out, Shape.of(values.length));
    }

    /** @return {@code x} as a float64 row-major array, shared when {@code x} is float64 */
    static double[] doublesView(NDArray x) {
        return x.dtype() == DType.FLOAT64 ? x.data() : to(x, DType.FLOAT64).data();
    }
}
