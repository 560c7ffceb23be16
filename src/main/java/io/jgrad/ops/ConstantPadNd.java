package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Padding;

/**
 * Constant padding, as PyTorch's {@code F.pad(x, pads, value=v)} in {@code "constant"} mode (node
 * {@code ConstantPadNdBackward0}): {@code pads = {before, after}} of the last dimension, then of the
 * one before it, and so on; each adds that many elements of {@code value} at that end, or, when
 * negative, removes that many. Every dtype.
 *
 * <p>Backward: {@code ∂x = pad(g, −pads)}: the added elements are cropped off the gradient and the
 * removed ones come back as zeros. That is this operation again, so it is its own inverse pair and
 * differentiable to any order.
 */
public final class ConstantPadNd extends GradFn {

    private static final String OP = "pad";

    private final int[] before;
    private final int[] after;

    private ConstantPadNd(int[] before, int[] after) {
        this.before = before;
        this.after = after;
    }

    /**
     * {@return the padded tensor, of the input's dtype; dimension {@code rank − 1 − i} grows by
     * {@code pads[2i] + pads[2i + 1]}}
     *
     * @param input any shape and dtype
     * @param pads {@code {before, after}} pairs from the last dimension backwards, at most
     *     {@code 2·rank} values; negative values crop
     * @param value the fill, converted to the input's dtype as a Java cast does
     * @throws IllegalArgumentException if {@code pads} is null, of odd length or longer than
     *     {@code 2·rank}, or crops more elements than a dimension has
     */
    public static Tensor apply(Tensor input, int[] pads, double value) {
        Shape s = input.shape();
        int rank = s.rank();
        if (pads == null || pads.length % 2 != 0 || pads.length > 2 * rank) {
            throw new IllegalArgumentException(OP + ": pads " + (pads == null ? "null" : Shape.format(pads))
                    + " do not fit shape " + s + "; give (before, after) pairs from the last dimension backwards,"
                    + " an even number of values, at most " + 2 * rank);
        }
        int[] before = new int[rank];
        int[] after = new int[rank];
        for (int i = 0; i < pads.length / 2; i++) {
            int d = rank - 1 - i;
            before[d] = pads[2 * i];
            after[d] = pads[2 * i + 1];
            long kept = (long) s.get(d) + Math.min(0, before[d]) + Math.min(0, after[d]);
            if (kept < 0) {
                throw new IllegalArgumentException(OP + ": pads " + Shape.format(pads) + " remove "
                        + (s.get(d) - kept) + " elements from dimension " + d + " of shape " + s + ", which has only "
                        + s.get(d) + "; negative pads may crop at most the whole dimension");
            }
        }
        return apply(input, before, after, value);
    }

    private static Tensor apply(Tensor x, int[] before, int[] after, double value) {
        return new ConstantPadNd(before, after).record(Padding.constant(x.array(), before, after, value), x);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        int[] b = new int[before.length];
        int[] a = new int[after.length];
        for (int d = 0; d < b.length; d++) {
            b[d] = -before[d];
            a[d] = -after[d];
        }
        return new Tensor[] {apply(g, b, a, 0.0)};
    }
}
