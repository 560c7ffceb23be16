package io.jgrad;

import java.util.Locale;

/**
 * The element type of a tensor, as PyTorch's {@code torch.dtype}.
 *
 * <p>{@link #FLOAT64} is the default: every creation method without a dtype argument makes it, as
 * the notebook's NumPy and PyTorch under {@code torch.set_default_dtype(torch.float64)} do.
 * Only floating tensors have gradients.
 *
 * <p>When a binary operation meets two dtypes, the result's dtype follows PyTorch's promotion
 * rules: {@code BOOL < INT64 < FLOAT32 < FLOAT64} within the operands of the same kind
 * (dimensioned tensors, 0-d tensors, Java numbers), and a 0-d tensor or a Java {@code double}
 * widens the result only when it is of a higher category (bool, integer, floating) than the
 * dimensioned operands: {@code x32.mul(0.5)} and {@code x32.mul(Tensor.scalar(2))} stay
 * {@code FLOAT32}, {@code i64.mul(0.5)} is {@code FLOAT64}.
 */
public enum DType {
    /** IEEE 754 single precision ({@code float}); 4 bytes. */
    FLOAT32,
    /** IEEE 754 double precision ({@code double}); 8 bytes; the default. */
    FLOAT64,
    /** Signed 64-bit integers ({@code long}); 8 bytes. */
    INT64,
    /** {@code true} / {@code false}; 1 byte. */
    BOOL;

    /** {@return whether this is {@link #FLOAT32} or {@link #FLOAT64} (the dtypes that have gradients)} */
    public boolean isFloatingPoint() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /**
     * The lower-case name PyTorch and NumPy print, as in {@code dtype=float32}: {@code float32},
     * {@code float64}, {@code int64}, {@code bool}.
     *
     * @return the name
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
