package io.jgrad.ndarray;

/**
 * The error function {@code erf(x) = (2/√π) ∫₀ˣ e^(-t²) dt} in double precision, which Java's
 * {@code Math} lacks: the algorithm of fdlibm's {@code s_erf.c} (Sun Microsystems, 1993, from which
 * FreeBSD's msun and glibc's {@code erf} derive), written here from its description and
 * coefficients. Its error is below one ulp over the whole range ({@code FdlibmErfTest} checks it
 * against a 60-digit series).
 *
 * <p>The range of {@code |x|} is cut in five pieces:
 * <ol>
 *   <li>{@code [0, 0.84375)}: {@code erf(x) = x + x·R(x²)}, {@code R} a rational function (P/Q, degrees
 *       8 and 10 in x) fitted to {@code (erf(x) − x)/x} to 2^-57.9; below 2^-28 only the first term
 *       {@code x + (2/√π − 1)·x} is kept;</li>
 *   <li>{@code [0.84375, 1.25)}: with {@code s = |x| − 1}, {@code erf = c + P1(s)/Q1(s)}, where
 *       {@code c = 0.84506291151} rounded to float, so that the constant part is exact;</li>
 *   <li>{@code [1.25, 1/0.35)} and</li>
 *   <li>{@code [1/0.35, 6)}: {@code erf = 1 − erfc}, {@code erfc(x) = e^(−x² − 0.5625 + R/S)/x}
 *       with {@code R/S} rational in {@code 1/x²} (two fits); {@code e^(−x²)} is computed as
 *       {@code e^(−z² − 0.5625)·e^((z − x)(z + x) + R/S)} with {@code z} = x with the low 32 bits
 *       of its significand cleared, so that {@code z²} is exact;</li>
 *   <li>{@code [6, ∞]}: {@code erf = ±1} (the correctly rounded value: {@code erfc(6) < 2^-55}).</li>
 * </ol>
 * {@code erf} is odd, {@code erf(±0) = ±0}, {@code erf(NaN) = NaN}. The exponentials use
 * {@code StrictMath.exp} (fdlibm's own), so the result has the same bits on every JVM.
 *
 * <p>{@link #erfc} is fdlibm's {@code erfc} on the same pieces: {@code 1 − erf} where that loses
 * nothing, and {@code e^(…)/x} itself from 1.25 on (for negative {@code x}, {@code 2 − erfc(|x|)}),
 * so that it keeps its relative accuracy far into the tail, where {@code 1 − erf(x)} would be 0.
 * The float32 GELU is computed from it ({@link ScalarMath#gelu(float)}).
 */
final class FdlibmErf {

    private FdlibmErf() {
    }

    // c = (float) 0.84506291151
    private static final double ERX = 8.45062911510467529297e-01;
    // 2/√π − 1, and 8·(2/√π − 1) for subnormal x (scaled to avoid underflow)
    private static final double EFX = 1.28379167095512586316e-01;
    private static final double EFX8 = 1.02703333676410069053e+00;

    // [0, 0.84375): erf(x) = x + x·P(x²)/Q(x²)
    private static final double PP0 = 1.28379167095512558561e-01;
    private static final double PP1 = -3.25042107247001499370e-01;
    private static final double PP2 = -2.84817495755985104766e-02;
    private static final double PP3 = -5.77027029648944159157e-03;
    private static final double PP4 = -2.37630166566501626084e-05;
    private static final double QQ1 = 3.97917223959155352819e-01;
    private static final double QQ2 = 6.50222499887672944485e-02;
    private static final double QQ3 = 5.08130628187576562776e-03;
    private static final double QQ4 = 1.32494738004321644526e-04;
    private static final double QQ5 = -3.96022827877536812320e-06;

    // [0.84375, 1.25): erf(1 + s) = c + P1(s)/Q1(s)
    private static final double PA0 = -2.36211856075265944077e-03;
    private static final double PA1 = 4.14856118683748331666e-01;
    private static final double PA2 = -3.72207876035701323847e-01;
    private static final double PA3 = 3.18346619901161753674e-01;
    private static final double PA4 = -1.10894694282396677476e-01;
    private static final double PA5 = 3.54783043256182359371e-02;
    private static final double PA6 = -2.16637559486879084300e-03;
    private static final double QA1 = 1.06420880400844228286e-01;
    private static final double QA2 = 5.40397917702171048937e-01;
    private static final double QA3 = 7.18286544141962662868e-02;
    private static final double QA4 = 1.26171219808761642112e-01;
    private static final double QA5 = 1.36370839120290507362e-02;
    private static final double QA6 = 1.19844998467991074170e-02;

    // [1.25, 1/0.35): erfc(x) = e^(−x² − 0.5625 + R(1/x²)/S(1/x²)) / x
    private static final double RA0 = -9.86494403484714822705e-03;
    private static final double RA1 = -6.93858572707181764372e-01;
    private static final double RA2 = -1.05586262253232909814e+01;
    private static final double RA3 = -6.23753324503260060396e+01;
    private static final double RA4 = -1.62396669462573470355e+02;
    private static final double RA5 = -1.84605092906711035994e+02;
    private static final double RA6 = -8.12874355063065934246e+01;
    private static final double RA7 = -9.81432934416914548592e+00;
    private static final double SA1 = 1.96512716674392571292e+01;
    private static final double SA2 = 1.37657754143519042600e+02;
    private static final double SA3 = 4.34565877475229228821e+02;
    private static final double SA4 = 6.45387271733267880336e+02;
    private static final double SA5 = 4.29008140027567833386e+02;
    private static final double SA6 = 1.08635005541779435134e+02;
    private static final double SA7 = 6.57024977031928170135e+00;
    private static final double SA8 = -6.04244152148580987438e-02;

    // [1/0.35, 6): the same form, another fit
    private static final double RB0 = -9.86494292470009928597e-03;
    private static final double RB1 = -7.99283237680523006574e-01;
    private static final double RB2 = -1.77579549177547519889e+01;
    private static final double RB3 = -1.60636384855821916062e+02;
    private static final double RB4 = -6.37566443368389627722e+02;
    private static final double RB5 = -1.02509513161107724954e+03;
    private static final double RB6 = -4.83519191608651397019e+02;
    private static final double SB1 = 3.03380607434824582924e+01;
    private static final double SB2 = 3.25792512996573918826e+02;
    private static final double SB3 = 1.53672958608443695994e+03;
    private static final double SB4 = 3.19985821950859553908e+03;
    private static final double SB5 = 2.55305040643316442583e+03;
    private static final double SB6 = 4.74528541206955367215e+02;
    private static final double SB7 = -2.24409524465858183362e+01;

    /** @return {@code erf(x)}, within one ulp */
    static double erf(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int hx = (int) (bits >>> 32);     // the high word: sign, exponent, top of the significand
        int ix = hx & 0x7fffffff;
        boolean negative = hx < 0;
        if (ix >= 0x7ff00000) {            // NaN or ±∞
            return x != x ? x : (negative ? -1.0 : 1.0);
        }
        if (ix < 0x3feb0000) {             // |x| < 0.84375
            if (ix < 0x3e300000) {         // |x| < 2^-28: erf(x) = (2/√π)·x to within an ulp
                if (ix < 0x00800000) {     // subnormal or tiny: scale up so efx·x does not underflow
                    return 0.125 * (8.0 * x + EFX8 * x);
                }
                return x + EFX * x;
            }
            double z = x * x;
            double r = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
            double s = 1.0 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
            return x + x * (r / s);
        }
        if (ix < 0x3ff40000) {             // 0.84375 ≤ |x| < 1.25
            double s = Math.abs(x) - 1.0;
            double p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
            double q = 1.0 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
            return negative ? -ERX - p / q : ERX + p / q;
        }
        if (ix >= 0x40180000) {            // |x| ≥ 6: erfc(|x|) < 2^-55, so ±1 is the rounded value
            return negative ? -1.0 : 1.0;
        }
        double ax = Math.abs(x);
        double s = 1.0 / (ax * ax);
        double r;
        double q;
        if (ix < 0x4006db6e) {             // |x| < 1/0.35
            r = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7))))));
            q = 1.0 + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7 + s * SA8)))))));
        } else {                           // 1/0.35 ≤ |x| < 6
            r = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
            q = 1.0 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7))))));
        }
        // z: |x| with the low word cleared, so z·z is exact and -x² = -z² + (z - x)(z + x) loses nothing
        double z = Double.longBitsToDouble(Double.doubleToRawLongBits(ax) & 0xffffffff00000000L);
        double erfc = StrictMath.exp(-z * z - 0.5625) * StrictMath.exp((z - ax) * (z + ax) + r / q) / ax;
        return negative ? erfc - 1.0 : 1.0 - erfc;
    }

    /**
     * {@return the complementary error function {@code erfc(x) = 1 − erf(x)}, within two ulps
     * (fdlibm's {@code s_erf.c} {@code erfc}, the same bits as glibc's on the points checked):
     * relative accuracy also where {@code erfc(x)} is tiny}
     * {@code erfc(−∞) = 2}, {@code erfc(+∞) = 0}, {@code erfc(NaN) = NaN}; below 0 underflow for
     * {@code x > 26.6}.
     */
    static double erfc(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int hx = (int) (bits >>> 32);
        int ix = hx & 0x7fffffff;
        boolean negative = hx < 0;
        if (ix >= 0x7ff00000) {            // NaN or ±∞
            return x != x ? x : (negative ? 2.0 : 0.0);
        }
        if (ix < 0x3feb0000) {             // |x| < 0.84375
            if (ix < 0x3c700000) {         // |x| < 2^-56
                return 1.0 - x;
            }
            double z = x * x;
            double r = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
            double s = 1.0 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
            double y = r / s;
            if (hx < 0x3fd00000) {         // x < 1/4 (negative x included)
                return 1.0 - (x + x * y);
            }
            return 0.5 - (x * y + (x - 0.5));
        }
        if (ix < 0x3ff40000) {             // 0.84375 ≤ |x| < 1.25
            double s = Math.abs(x) - 1.0;
            double p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
            double q = 1.0 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
            return negative ? 1.0 + (ERX + p / q) : (1.0 - ERX) - p / q;
        }
        if (ix >= 0x403c0000) {            // |x| ≥ 28
            return negative ? 2.0 : 0.0;
        }
        if (negative && ix >= 0x40180000) { // x ≤ −6: 2 − erfc(6), with erfc(6) < 2^-55, rounds to 2
            return 2.0;
        }
        double ax = Math.abs(x);
        double s = 1.0 / (ax * ax);
        double r;
        double q;
        if (ix < 0x4006db6d) {             // |x| < 1/0.35 (fdlibm's erfc cuts one ulp lower than its erf)
            r = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7))))));
            q = 1.0 + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7 + s * SA8)))))));
        } else {
            r = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
            q = 1.0 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7))))));
        }
        double z = Double.longBitsToDouble(Double.doubleToRawLongBits(ax) & 0xffffffff00000000L);
        double e = StrictMath.exp(-z * z - 0.5625) * StrictMath.exp((z - ax) * (z + ax) + r / q) / ax;
        return negative ? 2.0 - e : e;
    }
}
