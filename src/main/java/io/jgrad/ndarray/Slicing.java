package io.jgrad.ndarray;

import io.jgrad.DType;
import io.jgrad.Shape;
import java.util.List;

/**
 * Kernels that take a strided range of one dimension and put it back: {@link #narrow} (tinygrad's
 * {@code shrink}, with a step), its inverse {@link #pad} (the range written into zeros), and
 * {@link #cat}, whose inverse is a {@code narrow} per part. Every dtype.
 *
 * <p>Each kernel sees its arrays as {@code (outer, size, inner)} around the dimension it works on,
 * so that what it moves are blocks of {@code inner} contiguous elements, copied with
 * {@link System#arraycopy}; only a step &gt; 1 along the last dimension ({@code inner == 1}) needs a
 * typed strided loop.
 */
public final class Slicing {

    private Slicing() {
    }

    /**
     * Elements {@code start, start + step, …} ({@code length} of them) of dimension {@code dim}:
     * {@code out[…, j, …] = x[…, start + j·step, …]}.
     *
     * @param x the input array
     * @param dim a dimension of {@code x}, in range
     * @param start the first element, in {@code [0, size]}
     * @param length how many, with {@code start + (length − 1)·step < size} when {@code length > 0}
     * @param step ≥ 1
     * @return a new array of {@code x}'s dtype, with size {@code length} along {@code dim}
     */
    public static NDArray narrow(NDArray x, int dim, int start, int length, int step) {
        int[] dims = x.shape().toArray();
        int outer = outer(dims, dim);
        int inner = inner(dims, dim);
        int n = dims[dim];
        dims[dim] = length;
        NDArray out = NDArray.zeros(x.dtype(), Shape.of(dims));
        Object src = x.storage();
        Object dst = out.storage();
        for (int o = 0; o < outer; o++) {
            int from = (o * n + start) * inner;
            int to = o * length * inner;
            if (step == 1) {
                System.arraycopy(src, from, dst, to, length * inner);
            } else if (inner == 1) {
                strided(x.dtype(), src, from, step, dst, to, 1, length);
            } else {
                for (int j = 0; j < length; j++) {
                    System.arraycopy(src, from + j * step * inner, dst, to + j * inner, inner);
                }
            }
        }
        return out;
    }

    /**
     * The inverse of {@link #narrow}: zeros ({@code false}) of {@code x}'s shape with size
     * {@code size} along {@code dim}, and {@code x} written at elements {@code start, start + step, …}
     * of that dimension.
     *
     * @param x the input array
     * @param dim the dimension; negative values count from the end
     * @param start the first index; negative values count from the end
     * @param step the distance between the indices taken, ≥ 1
     * @param size the size of {@code dim} in the result, large enough for the range
     * @return a new array of {@code x}'s dtype
     */
    public static NDArray pad(NDArray x, int dim, int start, int step, int size) {
        int[] dims = x.shape().toArray();
        int outer = outer(dims, dim);
        int inner = inner(dims, dim);
        int length = dims[dim];
        dims[dim] = size;
        NDArray out = NDArray.zeros(x.dtype(), Shape.of(dims));
        Object src = x.storage();
        Object dst = out.storage();
        for (int o = 0; o < outer; o++) {
            int from = o * length * inner;
            int to = (o * size + start) * inner;
            if (step == 1) {
                System.arraycopy(src, from, dst, to, length * inner);
            } else if (inner == 1) {
                strided(x.dtype(), src, from, 1, dst, to, step, length);
            } else {
                for (int j = 0; j < length; j++) {
                    System.arraycopy(src, from + j * inner, dst, to + j * step * inner, inner);
                }
            }
        }
        return out;
    }

    /**
     * The parts laid end to end along {@code dim}, converted to {@code dtype}: PyTorch's {@code cat}
     * for parts whose shapes agree except along {@code dim} (checked by the caller).
     *
     * @param parts at least one array, all of the same rank
     * @param dim a dimension of the parts, in range
     * @param dtype the element type
     * @return a new array of {@code dtype} whose size along {@code dim} is the parts' total
     */
    public static NDArray cat(List<NDArray> parts, int dim, DType dtype) {
        int[] dims = parts.get(0).shape().toArray();
        int total = 0;
        for (NDArray p : parts) {
            total += p.shape().toArray()[dim];
        }
        int outer = outer(dims, dim);
        int inner = inner(dims, dim);
        dims[dim] = total;
        NDArray out = NDArray.zeros(dtype, Shape.of(dims));
        Object dst = out.storage();
        int offset = 0;
        for (NDArray p : parts) {
            int size = p.shape().toArray()[dim];
            Object src = Casts.to(p, dtype).storage();
            int block = size * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(src, o * block, dst, (o * total + offset) * inner, block);
            }
            offset += size;
        }
        return out;
    }

    // the product of the sizes before dim
    static int outer(int[] dims, int dim) {
        int n = 1;
        for (int i = 0; i < dim; i++) {
            n *= dims[i];
        }
        return n;
    }

    // the product of the sizes after dim
    static int inner(int[] dims, int dim) {
        int n = 1;
        for (int i = dim + 1; i < dims.length; i++) {
            n *= dims[i];
        }
        return n;
    }

    // dst[d + j·dStride] = src[s + j·sStride] for j < len
    private static void strided(DType t, Object src, int s, int sStride, Object dst, int d, int dStride, int len) {
        switch (t) {
            case FLOAT64: {
                double[] a = (double[]) src;
                double[] b = (double[]) dst;
                for (int j = 0; j < len; j++) {
                    b[d + j * dStride] = a[s + j * sStride];
                }
                return;
            }
            case FLOAT32: {
                float[] a = (float[]) src;
                float[] b = (float[]) dst;
                for (int j = 0; j < len; j++) {
                    b[d + j * dStride] = a[s + j * sStride];
                }
                return;
            }
            case INT64: {
                long[] a = (long[]) src;
                long[] b = (long[]) dst;
                for (int j = 0; j < len; j++) {
                    b[d + j * dStride] = a[s + j * sStride];
                }
                return;
            }
            case BOOL: {
                boolean[] a = (boolean[]) src;
                boolean[] b = (boolean[]) dst;
                for (int j = 0; j < len; j++) {
                    b[d + j * dStride] = a[s + j * sStride];
                }
                return;
            }
            default:
                throw new AssertionError(t);
        }
    }
}
