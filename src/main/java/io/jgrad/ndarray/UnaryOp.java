package io.jgrad.ndarray;

/**
 * The element-wise functions of one argument that the kernels implement, {@code out[i] = f(x[i])}.
 * Each constant documents its formula and the dtypes it is defined on; {@link Elementwise#unary}
 * checks the dtype before a kernel runs. Float32 kernels compute in single precision where the
 * formula is exact, and round a double-precision result to float otherwise (at most half an ulp
 * from the exact value, where PyTorch's own float32 functions are within one or two).
 */
public enum UnaryOp {
    /** {@code -x}; float, int64. */
    NEG(true),
    /** {@code |x|}; float, int64. */
    ABS(true),
    /** {@code √x} (NaN below 0); float. */
    SQRT(false),
    /** {@code e^x}; float. */
    EXP(false),
    /** {@code ln x} (−∞ at 0, NaN below); float. */
    LOG(false),
    /** {@code tanh x}; float. */
    TANH(false),
    /** {@code 1 / (1 + e^-x)}, without overflow for large {@code |x|}; float. */
    SIGMOID(false),
    /**
     * {@code max(x, 0)} with NaN kept and {@code max(-0, 0) = +0}; float, int64. Written with
     * {@code Math.max}, which the JIT turns into SIMD max instructions (a {@code x > 0 ? x : 0}
     * loop mispredicts a branch on half of random data, about ten times slower).
     */
    RELU(true),
    /** {@code sign(x)}: -1, 0 (for ±0) or 1, NaN for NaN; float, int64. */
    SIGN(true),
    /**
     * ReLU's derivative from its output: 1 for {@code y > 0}, 0 for {@code y ≤ 0}, NaN for NaN,
     * computed without a branch so the loop vectorises; float.
     */
    POSITIVE_MASK(false),
    /** {@code x²}; float, int64. */
    SQUARE(true),
    /** {@code 1 / x}; float. */
    RECIPROCAL(false),
    /** {@code ln(1 + x)}, accurate for small {@code |x|} ({@code Math.log1p}); float. */
    LOG1P(false),
    /** {@code e^x - 1}, accurate for small {@code |x|} ({@code Math.expm1}); float. */
    EXPM1(false),
    /** {@code sin x}; float. */
    SIN(false),
    /** {@code cos x}; float. */
    COS(false),
    /** {@code 1 / √x} (∞ at 0, NaN below); float. */
    RSQRT(false),
    /** The error function {@code (2/√π) ∫₀ˣ e^(-t²) dt}, by fdlibm's {@code s_erf} algorithm (within 1 ulp); float. */
    ERF(false),
    /** {@code ⌊x⌋}; float, int64 (unchanged). */
    FLOOR(true),
    /** {@code ⌈x⌉}; float, int64 (unchanged). */
    CEIL(true),
    /** {@code x} rounded to the nearest integer, halves to even ({@code Math.rint}); float, int64 (unchanged). */
    ROUND(true),
    /**
     * PyTorch's {@code sign}: -1, 0 or 1, with {@code +0} for ±0 <em>and for NaN</em> (where
     * {@link #SIGN}, {@code Math.signum}, keeps NaN and -0); float, int64.
     */
    SIGN_NAN_ZERO(true),
    /** GELU, exact: {@code x · ½(1 + erf(x/√2))}, PyTorch's {@code x·0.5·(1 + erf(x·√½))}; float. */
    GELU(false),
    /** GELU, PyTorch's tanh approximation: {@code ½x(1 + tanh(√(2/π)(x + 0.044715x³)))}; float. */
    GELU_TANH(false),
    /** SiLU (swish): {@code x / (1 + e^-x)}, PyTorch's formula; float. */
    SILU(false),
    /** Softplus with PyTorch's defaults (β = 1, threshold 20): {@code x} for {@code x > 20}, else {@code ln(1 + e^x)}; float. */
    SOFTPLUS(false);

    private final boolean integral;

    UnaryOp(boolean integral) {
        this.integral = integral;
    }

    /** {@return whether the function is also defined on int64 values (with an int64 result)} */
    public boolean integral() {
        return integral;
    }
}
