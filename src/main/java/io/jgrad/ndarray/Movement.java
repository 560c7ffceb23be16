package io.jgrad.ndarray;

import io.jgrad.DType;
import io.jgrad.Shape;

/**
 * Kernels that move elements without arithmetic, or only add them up along the way: broadcast
 * expansion and its inverse (sum back to a shape), permutation of dimensions, and slicing of a
 * contiguous block and its inverse (scatter into zeros). Every dtype; contiguous runs are moved by
 * {@link System#arraycopy}, the only loops are the strided gathers below.
 *
 * <p>All of them copy: arrays are dense. (Measured before choosing: the copies of transposes and
 * broadcasts are a few per cent of a training step, where strided views would put a stride
 * computation into every kernel; see docs/design.md.)
 */
public final class Movement {

    private Movement() {
    }

    /**
     * Broadcasts {@code x} to {@code shape}: {@code out[i] = x[broadcast index of i]}.
     *
     * @param x the input array
     * @param shape a shape that {@code x.shape()} broadcasts to
     * @return a new array of {@code x}'s dtype
     */
    public static NDArray expand(NDArray x, Shape shape) {
        if (x.shape().equals(shape)) {
            return x.copy();
        }
        int[] o = shape.toArray();
        return gather(x, o, Broadcast.stridesFor(x.shape().toArray(), o));
    }

    /**
     * The inverse of {@link #expand}: sums {@code x} over the dimensions along which {@code shape}
     * was broadcast to {@code x.shape()}; each output element adds its inputs in row-major order.
     * Float32 sums accumulate in double and are rounded once; bool sums become int64.
     *
     * @param x the input array
     * @param shape a shape that broadcasts to {@code x.shape()}
     * @return a new array of {@link Reductions#sumType}{@code (x.dtype())}
     */
    public static NDArray sumTo(NDArray x, Shape shape) {
        DType type = Reductions.sumType(x.dtype());
        if (x.shape().equals(shape)) {
            return Casts.to(x, type, true);
        }
        int[] o = x.shape().toArray();
        int[] st = Broadcast.stridesFor(shape.toArray(), o);
        Runs runs = new Runs(o, st, st);
        switch (type) {
            case FLOAT64: {
                double[] in = x.data();
                double[] out = new double[shape.numel()];
                runs.forEach((start, len, offA, strideA, offB, strideB) -> {
                    if (strideA == 0) {
                        double s = out[offA];
                        for (int j = 0; j < len; j++) {
                            s += in[start + j];
                        }
                        out[offA] = s;
                    } else {
                        for (int j = 0; j < len; j++) {
                            out[offA + j] += in[start + j];
                        }
                    }
                });
                return new NDArray(out, shape);
            }
            case FLOAT32: {
                float[] in = x.floats();
                double[] out = new double[shape.numel()];
                runs.forEach((start, len, offA, strideA, offB, strideB) -> {
                    if (strideA == 0) {
                        double s = out[offA];
                        for (int j = 0; j < len; j++) {
                            s += in[start + j];
                        }
                        out[offA] = s;
                    } else {
                        for (int j = 0; j < len; j++) {
                            out[offA + j] += in[start + j];
                        }
                    }
                });
                return Casts.to(new NDArray(out, shape), DType.FLOAT32);
            }
            case INT64: {
                long[] in = Casts.to(x, DType.INT64).longs();
                long[] out = new long[shape.numel()];
                runs.forEach((start, len, offA, strideA, offB, strideB) -> {
                    for (int j = 0; j < len; j++) {
                        out[offA + j * strideA] += in[start + j];
                    }
                });
                return new NDArray(out, shape);
            }
            default:
                throw new AssertionError(type);
        }
    }

    /**
     * Permutes the dimensions: output dimension {@code i} is input dimension {@code perm[i]}.
     *
     * @param x the input array
     * @param perm a permutation of {@code 0 … rank-1} (checked by the caller)
     * @return a new array of {@code x}'s dtype
     */
    public static NDArray permute(NDArray x, int[] perm) {
        int[] dims = x.shape().toArray();
        int[] inStrides = NDArray.strides(dims);
        int[] outDims = new int[dims.length];
        int[] readStrides = new int[dims.length];
        for (int i = 0; i < perm.length; i++) {
            outDims[i] = dims[perm[i]];
            readStrides[i] = inStrides[perm[i]];
        }
        return gather(x, outDims, readStrides);
    }

    /**
     * Swaps dimensions {@code d0} and {@code d1} (both already in range).
     *
     * @param x the input array
     * @param d0 one dimension
     * @param d1 the other dimension
     * @return a new array with the two dimensions swapped
     */
    public static NDArray transpose(NDArray x, int d0, int d1) {
        int[] perm = new int[x.shape().rank()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        perm[d0] = d1;
        perm[d1] = d0;
        return permute(x, perm);
    }

    /**
     * A new dense array of shape {@code outDims} whose element at each index is {@code x}'s element
     * at {@code Σ index[i]·readStrides[i]}.
     */
    static NDArray gather(NDArray x, int[] outDims, int[] readStrides) {
        NDArray out = NDArray.zeros(x.dtype(), Shape.of(outDims));
        Object in = x.storage();
        Object o = out.storage();
        DType t = x.dtype();
        new Runs(outDims, readStrides, readStrides).forEach((start, len, offA, strideA, offB, strideB) -> {
            if (strideA == 1) {
                System.arraycopy(in, offA, o, start, len);
            } else {
                stridedCopy(t, in, offA, strideA, o, start, len);
            }
        });
        return out;
    }

    // dst[d + j] = src[s + j·stride] for j < len
    private static void stridedCopy(DType t, Object src, int s, int stride, Object dst, int d, int len) {
        switch (t) {
            case FLOAT64: {
                double[] a = (double[]) src;
                double[] b = (double[]) dst;
                for (int j = 0; j < len; j++) {
                    b[d + j] = a[s + j * stride];
                }
                return;
            }
            case FLOAT32: {
                float[] a = (float[]) src;
                float[] b = (float[]) dst;
                for (int j = 0; j < len; j++) {
                    b[d + j] = a[s + j * stride];
                }
                return;
            }
            case INT64: {
                long[] a = (long[]) src;
                long[] b = (long[]) dst;
                for (int j = 0; j < len; j++) {
                    b[d + j] = a[s + j * stride];
                }
                return;
            }
            case BOOL: {
                boolean[] a = (boolean[]) src;
                boolean[] b = (boolean[]) dst;
                for (int j = 0; j < len; j++) {
                    b[d + j] = a[s + j * stride];
                }
                return;
            }
            default:
                throw new AssertionError(t);
        }
    }

    /**
     * The flat offset of {@code x[index…]}, an integer index into the leading dimensions (each
     * already in range).
     *
     * @param shape the target shape
     * @param index one index per leading dimension
     * @return the flat offset of {@code x[index…]}, an integer index into the leading dimensions (each already in
     *     range)
     */
    public static int offsetOf(Shape shape, int[] index) {
        int[] dims = shape.toArray();
        int[] strides = NDArray.strides(dims);
        int off = 0;
        for (int i = 0; i < index.length; i++) {
            off += index[i] * strides[i];
        }
        return off;
    }

    /**
     * The rows {@code rows[i]} of {@code x} (its slices along the first dimension), stacked in that
     * order: PyTorch's {@code index_select(0, rows)} for indices already in range.
     *
     * @param x the input array
     * @param rows the indices into the first dimension, each in range
     * @return a new array of {@code x}'s dtype, shape {@code (rows.length, …x's trailing sizes)}
     */
    public static NDArray rows(NDArray x, int[] rows) {
        int[] dims = x.shape().toArray();
        int n = dims[0] == 0 ? 0 : x.numel() / dims[0];
        dims[0] = rows.length;
        NDArray out = NDArray.zeros(x.dtype(), Shape.of(dims));
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x.storage(), rows[i] * n, out.storage(), i * n, n);
        }
        return out;
    }

    /**
     * Windows of a 1-d array: row {@code i} of the result is {@code x[starts[i] … starts[i] + length − 1]}
     * (the batches of a language model, nanoGPT's {@code get_batch}).
     *
     * @param x the input array
     * @param starts the first index of each window, each window in range
     * @param length how many indices
     * @return a new array of {@code x}'s dtype, shape {@code (starts.length, length)}
     * @throws IndexOutOfBoundsException if a window does not fit in {@code x}
     */
    public static NDArray windows(NDArray x, int[] starts, int length) {
        NDArray out = NDArray.zeros(x.dtype(), Shape.of(starts.length, length));
        for (int i = 0; i < starts.length; i++) {
            if (starts[i] < 0 || starts[i] + length > x.numel()) {
                throw new IndexOutOfBoundsException("windows: a window of " + length + " at " + starts[i]
                        + " does not fit in " + x.numel() + " elements");
            }
            System.arraycopy(x.storage(), starts[i], out.storage(), i * length, length);
        }
        return out;
    }

    /**
     * Writes all of {@code src} into {@code dst} at flat offset {@code offset}, converted to
     * {@code dst}'s dtype (a sample into its slot of a batch, say). Records no version: for arrays
     * being built.
     *
     * @param src the array copied
     * @param dst the array written
     * @param offset the flat position in {@code dst} where {@code src} starts
     * @throws IndexOutOfBoundsException if {@code src} does not fit at {@code offset}
     */
    public static void copyInto(NDArray src, NDArray dst, int offset) {
        if (offset < 0 || offset + src.numel() > dst.numel()) {
            throw new IndexOutOfBoundsException("copyInto: " + src.numel() + " elements do not fit at offset " + offset
                    + " of an array of shape " + dst.shape());
        }
        NDArray s = Casts.to(src, dst.dtype());
        System.arraycopy(s.storage(), 0, dst.storage(), offset, s.numel());
    }

    /**
     * {@return a copy of the {@code shape.numel()} elements of {@code x} at {@code offset}, with the given shape}
     *
     * @param x the input array
     * @param offset the flat position of the first element
     * @param shape the target shape
     */
    public static NDArray slice(NDArray x, int offset, Shape shape) {
        NDArray out = NDArray.zeros(x.dtype(), shape);
        System.arraycopy(x.storage(), offset, out.storage(), 0, out.numel());
        return out;
    }

    /**
     * The inverse of {@link #slice}: zeros of {@code shape} with {@code x} written at {@code offset}.
     *
     * @param x the input array
     * @param offset the flat position where {@code x} is written
     * @param shape the target shape
     * @return a new array of {@code shape} and {@code x}'s dtype
     */
    public static NDArray scatter(NDArray x, int offset, Shape shape) {
        NDArray out = NDArray.zeros(x.dtype(), shape);
        System.arraycopy(x.storage(), 0, out.storage(), offset, x.numel());
        return out;
    }
}
