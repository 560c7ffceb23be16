package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Broadcast;
import io.jgrad.ndarray.Indexing;

/**
 * {@code out = mask ? value : a} element-wise, {@code a} and the BOOL {@code mask} broadcast
 * together, {@code value} in {@code a}'s dtype (PyTorch's {@code masked_fill}). Backward:
 * {@code ∂a = g} with zeros where {@code mask} is true (a {@code MaskedFill} of {@code g}).
 */
public final class MaskedFill extends GradFn {

    private MaskedFill() {
    }

    /**
     * {@return a tensor of {@code a}'s dtype and the broadcast shape}
     *
     * @param a the input tensor
     * @param mask BOOL, broadcasting with {@code a}
     * @param value converted to {@code a}'s dtype as a Java cast does (toward zero for int64)
     * @throws IllegalArgumentException if {@code mask} is not BOOL, the shapes do not broadcast, or
     *     {@code value} does not fit {@code a}'s dtype (beyond float32's range, or NaN, infinite or
     *     out of range for int64)
     */
    public static Tensor apply(Tensor a, Tensor mask, double value) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("maskedFill: mask must be bool, got " + mask.dtype().label()
                    + " of shape " + mask.shape() + " for a tensor of shape " + a.shape()
                    + "; make it with a comparison or to(DType.BOOL)");
        }
        Shape out = Broadcast.shape("maskedFill", a.shape(), mask.shape());
        requireFits(a, value);
        return new MaskedFill().record(Indexing.maskedFill(a.array(), mask.array(), value, out), a, mask);
    }

    // PyTorch refuses a fill value that overflows the dtype instead of writing inf or a wrapped integer
    private static void requireFits(Tensor a, double value) {
        boolean fits;
        switch (a.dtype()) {
            case FLOAT32:
                fits = Double.isNaN(value) || Double.isInfinite(value) || !Float.isInfinite((float) value);
                break;
            case INT64:
                fits = value >= -0x1p63 && value < 0x1p63; // false for NaN
                break;
            default:
                fits = true;
        }
        if (!fits) {
            throw new IllegalArgumentException("maskedFill: value " + value + " cannot be converted to "
                    + a.dtype().label() + " (the dtype of the tensor of shape " + a.shape() + ") without overflow");
        }
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {apply(g, input(1), 0.0), null};
    }
}
