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
     * Exact GELU for float32, {@code x·0.5·erfc(−x·√½)} in double precision, rounded once: the same
     * function as {@link #gelu(double)} ({@code 1 + erf(t) = erfc(−t)}), but where {@code x ≪ 0}
     * makes {@code 1 + erf} lose its digits to cancellation (from about {@code x < −5} on, the part
     * of the range where a float still holds {@code x·Φ(x)}, down to {@code −14}), {@code erfc}
     * keeps them, so the result is the correctly rounded float nearly everywhere. (PyTorch's
     * float32 kernel, {@code 1 + erf} in single precision, is off by up to 10^-6 absolute there.)
     */
    static float gelu(float x) {
        return (float) (x * 0.5 * FdlibmErf.erfc(-(x * SQRT1_2)));
    }

    /** {@code 1/√(2π)}, PyTorch's {@code M_2_SQRTPI·M_SQRT1_2·0.5}. */
    static final double INV_SQRT_2PI = 0.3989422804014327;

    /**
     * Exact GELU's backward, {@code g·(Φ(x) + x·φ(x))} with {@code Φ(x) = (erf(x·√½) + 1)·0.5} and
     * {@code φ(x) = e^(x·x·−0.5)·(1/√(2π))}: in float64 the operations and the order of the tensor
     * formula it fuses (so the same bits as that formula, one kernel instead of eleven).
     */
    static double geluBackward(double g, double x) {
        double cdf = (FdlibmErf.erf(x * SQRT1_2) + 1.0) * 0.5;
        double pdf = Math.exp(x * x * -0.5) * INV_SQRT_2PI;
        return g * (cdf + x * pdf);
    }

    /**
     * {@link #geluBackward(double, double)} for float32: in double precision, with {@code Φ} from
     * {@code erfc} as in {@link #gelu(float)}, rounded once (the unfused float32 formula rounded
     * each of its eleven steps to float).
     */
    static float geluBackward(float g, float x) {
        double xd = x;
        double cdf = 0.5 * FdlibmErf.erfc(-(xd * SQRT1_2));
        double pdf = Math.exp(xd * xd * -0.5) * INV_SQRT_2PI;
        return (float) (g * (cdf + xd * pdf));
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
