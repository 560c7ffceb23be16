package io.jgrad.ndarray;

/**
 * The element-wise arithmetic functions of two arguments that the kernels implement,
 * {@code out[i] = f(a[i], b[i])}, after broadcasting and type promotion. The result has the
 * operands' (common) dtype.
 */
public enum BinaryOp {
    /** {@code a + b}; float, int64 (wrapping), bool (logical or). */
    ADD,
    /** {@code a - b}; float, int64 (wrapping). */
    SUB,
    /** {@code a · b}; float, int64 (wrapping), bool (logical and). */
    MUL,
    /** {@code a / b} (IEEE: ±∞ or NaN for {@code b = 0}); float. */
    DIV,
    /**
     * {@code a ^ b} ({@code Math.pow}); float, int64 (exact by repeated squaring, wrapping; a
     * negative exponent is refused before the kernel runs, as PyTorch does).
     */
    POW,
    /** {@code max(a, b)}, NaN if either is NaN; float, int64, bool. */
    MAXIMUM,
    /** {@code min(a, b)}, NaN if either is NaN; float, int64, bool. */
    MINIMUM,
    /**
     * ReLU's backward from its output {@code b}: {@code a · [b > 0]}, bit for bit the product of
     * {@code a} with {@link UnaryOp#POSITIVE_MASK}{@code (b)} (so {@code -a·0 = -0} and
     * {@code ±∞·0 = NaN}), without the mask array; float.
     */
    RELU_BACKWARD,
    /**
     * Exact GELU's backward from its input {@code b}: {@code a·(Φ(b) + b·φ(b))}, {@code Φ} the
     * standard normal distribution function and {@code φ} its density, PyTorch's
     * {@code gelu_backward}; float. Float64 gives the bits of that formula written with tensor
     * operations; float32 computes in double precision and rounds once.
     */
    GELU_BACKWARD,
    /**
     * Leaky ReLU with the slope {@code b} (in practice one repeated value): {@code a > 0 ? a : a·b},
     * PyTorch's formula (so NaN stays NaN and {@code -0} gives {@code -0·b}); float.
     */
    LEAKY_RELU
}
