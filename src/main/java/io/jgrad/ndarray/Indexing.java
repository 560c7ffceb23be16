package io.jgrad.ndarray;

import io.jgrad.DType;
import io.jgrad.Shape;

/**
 * Kernels that pick elements by index or by mask: {@link #indexSelect}, {@link #gather} and its
 * inverse {@link #scatterAdd}, {@link #where}, {@link #maskedFill}, and the triangle masks of
 * {@code tril}/{@code triu}. Every dtype; typed loops, one per dtype.
 *
 * <p>Index arrays are INT64 and their entries are checked by the caller
 * ({@link #firstOutOfRange}) before a kernel runs, so that the error can name the operation; a
 * kernel trusts them. {@link #scatterAdd} adds in the row-major order of the index, so that
 * repeated indices accumulate in one fixed order and the result is deterministic.
 */
public final class Indexing {

    private Indexing() {
    }

    /**
     * The flat position of the first entry of {@code index} (INT64) outside {@code [0, size)}.
     *
     * @param index INT64 indices
     * @param size the size of the dimension indexed
     * @return the position, or -1 when every entry is in range
     */
    public static int firstOutOfRange(NDArray index, int size) {
        long[] idx = index.longs();
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= size) {
                return i;
            }
        }
        return -1;
    }

    /**
     * PyTorch's {@code index_select}: {@code out[…, j, …] = x[…, index[j], …]} along {@code dim};
     * each selected slice is a block of contiguous elements, moved with {@link System#arraycopy}.
     *
     * @param x the input array
     * @param dim a dimension of {@code x}, in range
     * @param index INT64 entries in {@code [0, size of dim)}, any shape (read flat)
     * @return a new array of {@code x}'s dtype with size {@code index.numel()} along {@code dim}
     */
    public static NDArray indexSelect(NDArray x, int dim, NDArray index) {
        long[] idx = index.longs();
        int[] dims = x.shape().toArray();
        int outer = Slicing.outer(dims, dim);
        int inner = Slicing.inner(dims, dim);
        int n = dims[dim];
        int k = idx.length;
        dims[dim] = k;
        NDArray out = NDArray.zeros(x.dtype(), Shape.of(dims));
        Object src = x.storage();
        Object dst = out.storage();
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < k; j++) {
                System.arraycopy(src, (o * n + (int) idx[j]) * inner, dst, (o * k + j) * inner, inner);
            }
        }
        return out;
    }

    /**
     * PyTorch's {@code gather}: {@code out[i] = x[i with its dim-th coordinate replaced by index[i]]}
     * for every multi-index {@code i} of {@code index}.
     *
     * @param x the input array
     * @param dim the dimension; negative values count from the end
     * @param index INT64 of {@code x}'s rank, no larger than {@code x} outside {@code dim}, entries
     *     in range (all checked by the caller)
     * @return a new array of {@code x}'s dtype and {@code index}'s shape
     */
    public static NDArray gather(NDArray x, int dim, NDArray index) {
        long[] idx = index.longs();
        int[] xs = NDArray.strides(x.shape().toArray());
        int stride = xs[dim];
        xs[dim] = 0; // the index supplies this coordinate
        NDArray out = NDArray.zeros(x.dtype(), index.shape());
        Runs runs = new Runs(index.shape().toArray(), xs, xs);
        switch (x.dtype()) {
            case FLOAT64: {
                double[] in = x.data();
                double[] o = out.data();
                runs.forEach((start, len, off, s, offB, sB) -> {
                    for (int j = 0; j < len; j++) {
                        o[start + j] = in[off + j * s + (int) idx[start + j] * stride];
                    }
                });
                break;
            }
            case FLOAT32: {
                float[] in = x.floats();
                float[] o = out.floats();
                runs.forEach((start, len, off, s, offB, sB) -> {
                    for (int j = 0; j < len; j++) {
                        o[start + j] = in[off + j * s + (int) idx[start + j] * stride];
                    }
                });
                break;
            }
            case INT64: {
                long[] in = x.longs();
                long[] o = out.longs();
                runs.forEach((start, len, off, s, offB, sB) -> {
                    for (int j = 0; j < len; j++) {
                        o[start + j] = in[off + j * s + (int) idx[start + j] * stride];
                    }
                });
                break;
            }
            case BOOL: {
                boolean[] in = x.bools();
                boolean[] o = out.bools();
                runs.forEach((start, len, off, s, offB, sB) -> {
                    for (int j = 0; j < len; j++) {
                        o[start + j] = in[off + j * s + (int) idx[start + j] * stride];
                    }
                });
                break;
            }
            default:
                throw new AssertionError(x.dtype());
        }
        return out;
    }

    /**
     * PyTorch's {@code scatter_add} out of place: a copy of {@code self} to which, for every
     * multi-index {@code i} of {@code index}, {@code src[i]} is added at {@code i} with its
     * dim-th coordinate replaced by {@code index[i]} (bool: logical or). Additions run in the
     * row-major order of {@code index}, so repeated indices always sum in the same order.
     *
     * @param self the array added into (not modified)
     * @param dim the dimension; negative values count from the end
     * @param index INT64 of {@code self}'s rank, no larger than {@code src} anywhere nor than
     *     {@code self} outside {@code dim}, entries in range (all checked by the caller)
     * @param src of {@code self}'s dtype and rank
     * @return a new array of {@code self}'s dtype and shape
     */
    public static NDArray scatterAdd(NDArray self, int dim, NDArray index, NDArray src) {
        long[] idx = index.longs();
        int[] os = NDArray.strides(self.shape().toArray());
        int stride = os[dim];
        os[dim] = 0; // the index supplies this coordinate
        int[] ss = NDArray.strides(src.shape().toArray());
        NDArray out = self.copy();
        Runs runs = new Runs(index.shape().toArray(), os, ss);
        switch (self.dtype()) {
            case FLOAT64: {
                double[] in = src.data();
                double[] o = out.data();
                runs.forEach((start, len, off, s, offB, sB) -> {
                    for (int j = 0; j < len; j++) {
                        o[off + j * s + (int) idx[start + j] * stride] += in[offB + j * sB];
                    }
                });
                break;
            }
            case FLOAT32: {
                float[] in = src.floats();
                float[] o = out.floats();
                runs.forEach((start, len, off, s, offB, sB) -> {
                    for (int j = 0; j < len; j++) {
                        o[off + j * s + (int) idx[start + j] * stride] += in[offB + j * sB];
                    }
                });
                break;
            }
            case INT64: {
                long[] in = src.longs();
                long[] o = out.longs();
                runs.forEach((start, len, off, s, offB, sB) -> {
                    for (int j = 0; j < len; j++) {
                        o[off + j * s + (int) idx[start + j] * stride] += in[offB + j * sB];
                    }
                });
                break;
            }
            case BOOL: {
                boolean[] in = src.bools();
                boolean[] o = out.bools();
                runs.forEach((start, len, off, s, offB, sB) -> {
                    for (int j = 0; j < len; j++) {
                        o[off + j * s + (int) idx[start + j] * stride] |= in[offB + j * sB];
                    }
                });
                break;
            }
            default:
                throw new AssertionError(self.dtype());
        }
        return out;
    }

    /**
     * {@code out = condition ? a : b} element-wise, the three broadcast to {@code shape}, {@code a}
     * and {@code b} converted to {@code dtype}.
     *
     * @param condition BOOL
     * @param a the values where {@code condition} is true
     * @param b the values where it is false
     * @param shape the shape all three broadcast to (checked by the caller)
     * @param dtype the element type
     * @return a new array of {@code dtype} and {@code shape}
     */
    public static NDArray where(NDArray condition, NDArray a, NDArray b, Shape shape, DType dtype) {
        boolean[] c = (condition.shape().equals(shape) ? condition : Movement.expand(condition, shape)).bools();
        NDArray x = Casts.to(a, dtype);
        NDArray y = Casts.to(b, dtype);
        int[] dims = shape.toArray();
        Runs runs = new Runs(dims, Broadcast.stridesFor(x.shape().toArray(), dims),
                Broadcast.stridesFor(y.shape().toArray(), dims));
        NDArray out = NDArray.zeros(dtype, shape);
        switch (dtype) {
            case FLOAT64: {
                double[] p = x.data();
                double[] q = y.data();
                double[] o = out.data();
                runs.forEach((start, len, offA, sA, offB, sB) -> {
                    for (int j = 0; j < len; j++) {
                        o[start + j] = c[start + j] ? p[offA + j * sA] : q[offB + j * sB];
                    }
                });
                break;
            }
            case FLOAT32: {
                float[] p = x.floats();
                float[] q = y.floats();
                float[] o = out.floats();
                runs.forEach((start, len, offA, sA, offB, sB) -> {
                    for (int j = 0; j < len; j++) {
                        o[start + j] = c[start + j] ? p[offA + j * sA] : q[offB + j * sB];
                    }
                });
                break;
            }
            case INT64: {
                long[] p = x.longs();
                long[] q = y.longs();
                long[] o = out.longs();
                runs.forEach((start, len, offA, sA, offB, sB) -> {
                    for (int j = 0; j < len; j++) {
                        o[start + j] = c[start + j] ? p[offA + j * sA] : q[offB + j * sB];
                    }
                });
                break;
            }
            case BOOL: {
                boolean[] p = x.bools();
                boolean[] q = y.bools();
                boolean[] o = out.bools();
                runs.forEach((start, len, offA, sA, offB, sB) -> {
                    for (int j = 0; j < len; j++) {
                        o[start + j] = c[start + j] ? p[offA + j * sA] : q[offB + j * sB];
                    }
                });
                break;
            }
            default:
                throw new AssertionError(dtype);
        }
        return out;
    }

    /**
     * {@code out = mask ? value : x} element-wise, {@code x} and {@code mask} broadcast to
     * {@code shape}, {@code value} converted to {@code x}'s dtype as a Java cast does.
     *
     * @param x the input array
     * @param mask BOOL
     * @param value the value written where {@code mask} is true
     * @param shape the shape both broadcast to (checked by the caller)
     * @return a new array of {@code x}'s dtype and {@code shape}
     */
    public static NDArray maskedFill(NDArray x, NDArray mask, double value, Shape shape) {
        int[] dims = shape.toArray();
        boolean[] m = mask.bools();
        Runs runs = new Runs(dims, Broadcast.stridesFor(x.shape().toArray(), dims),
                Broadcast.stridesFor(mask.shape().toArray(), dims));
        NDArray out = NDArray.zeros(x.dtype(), shape);
        switch (x.dtype()) {
            case FLOAT64: {
                double[] p = x.data();
                double[] o = out.data();
                runs.forEach((start, len, offA, sA, offB, sB) -> {
                    for (int j = 0; j < len; j++) {
                        o[start + j] = m[offB + j * sB] ? value : p[offA + j * sA];
                    }
                });
                break;
            }
            case FLOAT32: {
                float v = (float) value;
                float[] p = x.floats();
                float[] o = out.floats();
                runs.forEach((start, len, offA, sA, offB, sB) -> {
                    for (int j = 0; j < len; j++) {
                        o[start + j] = m[offB + j * sB] ? v : p[offA + j * sA];
                    }
                });
                break;
            }
            case INT64: {
                long v = (long) value;
                long[] p = x.longs();
                long[] o = out.longs();
                runs.forEach((start, len, offA, sA, offB, sB) -> {
                    for (int j = 0; j < len; j++) {
                        o[start + j] = m[offB + j * sB] ? v : p[offA + j * sA];
                    }
                });
                break;
            }
            case BOOL: {
                boolean v = value != 0;
                boolean[] p = x.bools();
                boolean[] o = out.bools();
                runs.forEach((start, len, offA, sA, offB, sB) -> {
                    for (int j = 0; j < len; j++) {
                        o[start + j] = m[offB + j * sB] ? v : p[offA + j * sA];
                    }
                });
                break;
            }
            default:
                throw new AssertionError(x.dtype());
        }
        return out;
    }

    /**
     * A BOOL {@code (rows, cols)} mask of one side of a diagonal: with {@code upper}, true where
     * {@code col − row ≥ diagonal} (the elements {@code triu(diagonal)} keeps), otherwise true where
     * {@code col − row ≤ diagonal} (those {@code tril(diagonal)} keeps). Diagonal 0 is the main
     * one, positive values are above it.
     *
     * @param rows the number of rows
     * @param cols the number of columns
     * @param diagonal which diagonal: 0 the main one, positive above it, negative below
     * @param upper whether to keep the upper side (else the lower)
     * @return a new BOOL array
     */
    public static NDArray triangle(int rows, int cols, long diagonal, boolean upper) {
        boolean[] m = new boolean[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                long d = (long) j - i;
                m[i * cols + j] = upper ? d >= diagonal : d <= diagonal;
            }
        }
        return new NDArray(m, Shape.of(rows, cols));
    }

    /**
     * Embedding's backward: zeros of {@code (rows, cols)} with row {@code i} of {@code src}
     * {@code (n, cols)} added into row {@code index[i]}, in the order of {@code i}, so repeated
     * indices accumulate as {@link #scatterAdd} does along dimension 0 (the same bits), without its
     * index expanded to {@code src}'s shape.
     *
     * @param src float32 or float64, {@code (n, cols)}
     * @param index INT64, {@code n} entries in {@code [0, rows)} (checked by the caller)
     * @param rows the number of rows of the result (the vocabulary size)
     * @return a new array of {@code src}'s dtype
     */
    public static NDArray indexAddRows(NDArray src, NDArray index, int rows) {
        long[] idx = index.longs();
        int cols = src.shape().get(1);
        NDArray out = NDArray.zeros(src.dtype(), Shape.of(rows, cols));
        if (src.dtype() == DType.FLOAT64) {
            double[] in = src.data();
            double[] o = out.data();
            for (int i = 0; i < idx.length; i++) {
                int to = (int) idx[i] * cols;
                int from = i * cols;
                for (int j = 0; j < cols; j++) {
                    o[to + j] += in[from + j];
                }
            }
        } else {
            float[] in = src.floats();
            float[] o = out.floats();
            for (int i = 0; i < idx.length; i++) {
                int to = (int) idx[i] * cols;
                int from = i * cols;
                for (int j = 0; j < cols; j++) {
                    o[to + j] += in[from + j];
                }
            }
        }
        return out;
    }

    /**
     * PyTorch's {@code one_hot}: an INT64 array of {@code index}'s shape plus {@code (classes,)},
     * 1 at each entry's class and 0 elsewhere.
     *
     * @param index INT64, entries in {@code [0, classes)} (checked by the caller)
     * @param classes the number of classes
     * @return a new INT64 array
     */
    public static NDArray oneHot(NDArray index, int classes) {
        long[] idx = index.longs();
        int[] dims = index.shape().toArray();
        int[] out = java.util.Arrays.copyOf(dims, dims.length + 1);
        out[dims.length] = classes;
        long[] r = new long[idx.length * classes];
        for (int i = 0; i < idx.length; i++) {
            r[i * classes + (int) idx[i]] = 1;
        }
        return new NDArray(r, Shape.of(out));
    }
}
