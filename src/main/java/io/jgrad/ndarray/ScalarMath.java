package io.jgrad.ndarray;

/** Scalar functions that several kernels share, each written once. */
final class ScalarMath {

    private ScalarMath() {
    }

    /** The logistic function; {@code e^-x} overflows for {@code x ≪ 0}, the form {@code e^x / (1 + e^x)} does not. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** {@link #sigmoid(double)} rounded to float. */
    static float sigmoid(float x) {
        return (float) sigmoid((double) x);
    }

    /**
     * {@code 1} for {@code y > 0}, {@code 0} for {@code y ≤ 0}, NaN for NaN, without a branch, so
     * that the loops that call it vectorise (a {@code y > 0 ? 1 : 0} branch mispredicts on half of
     * random data, about ten times slower): the two factors scale even the smallest positive
     * double to at least 1 (and overflow larger ones to infinity), and the clamp to {@code [0, 1]}
     * does the rest ({@code max(-0, 0) = 0}).
     */
    static double positive(double y) {
        return Math.min(Math.max(y * 0x1p1023 * 0x1p52, 0.0), 1.0);
    }

    /** {@link #positive(double)} for floats: the factors reach 1 from the smallest positive float. */
    static float positive(float y) {
        return Math.min(Math.max(y * 0x1p127f * 0x1p22f, 0.0f), 1.0f);
    }

    /** {@code base^exp} for {@code exp ≥ 0}, exact modulo 2^64, by repeated squaring. */
    static long ipow(long base, long exp) {
        long result = 1;
        long b = base;
        long e = exp;
        while (e > 0) {
            if ((e & 1) != 0) {
                result *= b;
            }
            b *= b;
            e >>= 1;
        }
        return result;
    }

    /** PyTorch's {@code sign}: {@code (x > 0) - (x < 0)}, so ±0 and NaN give {@code +0}. */
    static double signNanZero(double x) {
        return (x > 0 ? 1.0 : 0.0) - (x < 0 ? 1.0 : 0.0);
    }

    /** {@code √½}, the double nearest to PyTorch's {@code M_SQRT1_2}. */
    static final double SQRT1_2 = 0.7071067811865476;
    /** {@code √(2/π)}, PyTorch's {@code kBeta = M_SQRT2 · M_2_SQRTPI · 0.5} evaluated in double as C does. */
    static final double GELU_TANH_BETA = 1.4142135623730951 * 1.1283791670955126 * 0.5;
    /** The cubic coefficient of the tanh approximation of GELU. */
    static final double GELU_TANH_KAPPA = 0.044715;

    /** Exact GELU, in PyTorch's order of operations: {@code x·0.5·(1 + erf(x·√½))}. */
    static double gelu(double x) {
        return x * 0.5 * (1.0 + FdlibmErf.erf(x * SQRT1_2));
    }

    /**
     * GELU's tanh approximation, in PyTorch's order: {@code 0.5·x·(1 + tanh(β·(x + κ·x³)))}. The
     * tanh is {@code StrictMath}'s (fdlibm), so the bits are the same on every JDK: JDK 24 and later
     * compile {@code Math.tanh} to an intrinsic of their own on x86-64, which differs in the last bit
     * ({@code geluTanh(-1)} on JDK 25: {@code -0.1588080093917233} instead of PyTorch's {@code …2324}).
     */
    static double geluTanh(double x) {
        double cube = x * x * x;
        double inner = GELU_TANH_BETA * (x + GELU_TANH_KAPPA * cube);
        return 0.5 * x * (1.0 + StrictMath.tanh(inner));
    }

    /**
     * SiLU as PyTorch computes it, {@code x / (1 + e^-x)}: for {@code x ≪ 0} the denominator
     * overflows to ∞ and the result is -0, the correctly rounded value of a vanishing product.
     */
    static double silu(double x) {
        return x / (1.0 + Math.exp(-x));
    }

    /**
     * Softplus with β = 1 and threshold 20, as PyTorch: {@code x} above the threshold (where
     * {@code ln(1 + e^x)} equals {@code x} to within {@code e^-20}), else {@code log1p(e^x)}.
     */
    static double softplus(double x) {
        return x > 20.0 ? x : Math.log1p(Math.exp(x));
    }

    static UnsupportedOperationException unsupported(Enum<?> op, String dtype) {
        return new UnsupportedOperationException("element-wise kernel " + op + " is not defined on " + dtype);
    }
}
