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

    static UnsupportedOperationException unsupported(Enum<?> op, String dtype) {
        return new UnsupportedOperationException("element-wise kernel " + op + " is not defined on " + dtype);
    }
}
