package io.jgrad.ndarray;

import io.jgrad.Shape;

/**
 * Kernels that move elements without arithmetic, or only add them up along the way: broadcast
 * expansion and its inverse (sum back to a shape), transposition, and slicing along the leading
 * dimensions and its inverse (scatter into zeros).
 */
public final class Movement {

    private Movement() {
    }

    /**
     * Broadcasts {@code x} to {@code shape}: {@code out[i] = x[broadcast index of i]}.
     *
     * @param shape a shape that {@code x.shape()} broadcasts to
     */
    public static NDArray expand(NDArray x, Shape shape) {
        if (x.shape().equals(shape)) {
            return x.copy();
        }
        double[] in = x.data();
        double[] out = new double[shape.numel()];
        int[] o = shape.toArray();
        int[] sx = Broadcast.stridesFor(x.shape().toArray(), o);
        new Elementwise.StridedWalk(o, sx, sx) {
            @Override
            void row(int start, int len, int offA, int strideA, int offB, int strideB) {
                for (int j = 0; j < len; j++) {
                    out[start + j] = in[offA + j * strideA];
                }
            }
        }.run();
        return new NDArray(out, shape);
    }

    /**
     * The inverse of {@link #expand}: sums {@code x} over the dimensions along which {@code shape}
     * was broadcast to {@code x.shape()}.
     *
     * @param shape a shape that broadcasts to {@code x.shape()}
     */
    public static NDArray sumTo(NDArray x, Shape shape) {
        if (x.shape().equals(shape)) {
            return x.copy();
        }
        double[] in = x.data();
        double[] out = new double[shape.numel()];
        int[] o = x.shape().toArray();
        int[] st = Broadcast.stridesFor(shape.toArray(), o);
        new Elementwise.StridedWalk(o, st, st) {
            @Override
            void row(int start, int len, int offA, int strideA, int offB, int strideB) {
                if (strideA == 0) {
                    double s = out[offA];
                    for (int j = 0; j < len; j++) {
                        s += in[start + j];
                    }
                    out[offA] = s;
                } else {
                    for (int j = 0; j < len; j++) {
                        out[offA + j * strideA] += in[start + j];
                    }
                }
            }
        }.run();
        return new NDArray(out, shape);
    }

    /** Swaps dimensions {@code d0} and {@code d1} (both already in range). */
    public static NDArray transpose(NDArray x, int d0, int d1) {
        int[] dims = x.shape().toArray();
        if (d0 == d1) {
            return x.copy();
        }
        int[] inStrides = NDArray.strides(dims);
        int[] outDims = dims.clone();
        outDims[d0] = dims[d1];
        outDims[d1] = dims[d0];
        // read the input with its strides permuted to the output's dimension order
        int[] readStrides = inStrides.clone();
        readStrides[d0] = inStrides[d1];
        readStrides[d1] = inStrides[d0];
        double[] in = x.data();
        double[] out = new double[in.length];
        new Elementwise.StridedWalk(outDims, readStrides, readStrides) {
            @Override
            void row(int start, int len, int offA, int strideA, int offB, int strideB) {
                for (int j = 0; j < len; j++) {
                    out[start + j] = in[offA + j * strideA];
                }
            }
        }.run();
        return new NDArray(out, Shape.of(outDims));
    }

    /**
     * The flat offset and shape of {@code x[index…]}, an integer index into the leading dimensions
     * (each already in range).
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

    /** @return a copy of the elements of {@code x} at {@code offset}, with the given (trailing) shape */
    public static NDArray slice(NDArray x, int offset, Shape shape) {
        double[] out = new double[shape.numel()];
        System.arraycopy(x.data(), offset, out, 0, out.length);
        return new NDArray(out, shape);
    }

    /** The inverse of {@link #slice}: zeros of {@code shape} with {@code x} written at {@code offset}. */
    public static NDArray scatter(NDArray x, int offset, Shape shape) {
        double[] out = new double[shape.numel()];
        System.arraycopy(x.data(), 0, out, offset, x.numel());
        return new NDArray(out, shape);
    }
}
