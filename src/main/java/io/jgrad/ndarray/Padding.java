package io.jgrad.ndarray;

import io.jgrad.Shape;

/**
 * Constant padding of an array of any dtype and rank, as PyTorch's {@code constant_pad_nd}: along
 * dimension {@code d}, {@code before[d]} elements of {@code value} are added in front and
 * {@code after[d]} behind; a negative amount removes that many elements from that end instead.
 * The block of the input that survives is moved in contiguous runs along the last dimension
 * ({@link System#arraycopy}, whatever the dtype); everything else is {@code value}.
 */
public final class Padding {

    private Padding() {
    }

    /**
     * {@return a new array of {@code x}'s dtype, dimension {@code d} of size
     * {@code size[d] + before[d] + after[d]}; every size that is cropped below 0 must have been
     * refused by the caller}
     *
     * @param x the input array
     * @param before per dimension, elements added in front (negative: removed)
     * @param after per dimension, elements added behind (negative: removed)
     * @param value the fill, converted to {@code x}'s dtype as a Java cast does ({@code value != 0}
     *     for bool)
     */
    public static NDArray constant(NDArray x, int[] before, int[] after, double value) {
        int[] in = x.shape().toArray();
        int rank = in.length;
        if (rank == 0) {
            return x.copy(); // nothing to pad
        }
        int[] out = new int[rank];
        int[] srcLo = new int[rank]; // first input index kept
        int[] dstLo = new int[rank]; // where it lands
        int[] len = new int[rank];   // how many are kept
        boolean empty = false;
        for (int d = 0; d < rank; d++) {
            out[d] = in[d] + before[d] + after[d];
            srcLo[d] = Math.max(0, -before[d]);
            dstLo[d] = Math.max(0, before[d]);
            len[d] = in[d] - srcLo[d] - Math.max(0, -after[d]);
            empty |= len[d] <= 0;
        }
        NDArray y = NDArray.full(x.dtype(), Shape.of(out), value);
        if (empty) {
            return y;
        }
        int[] inStrides = NDArray.strides(in);
        int[] outStrides = NDArray.strides(out);
        Object src = x.storage();
        Object dst = y.storage();
        int last = rank - 1;
        int[] at = new int[rank]; // odometer over the kept block's dimensions 0 … rank-2
        while (true) {
            int s = srcLo[last];
            int t = dstLo[last];
            for (int d = 0; d < last; d++) {
                s += (srcLo[d] + at[d]) * inStrides[d];
                t += (dstLo[d] + at[d]) * outStrides[d];
            }
            System.arraycopy(src, s, dst, t, len[last]);
            int d = last - 1;
            while (d >= 0 && ++at[d] == len[d]) {
                at[d] = 0;
                d--;
            }
            if (d < 0) {
                return y;
            }
        }
    }
}
