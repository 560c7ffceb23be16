package io.jgrad;

/**
 * Port of NumPy's {@code FloatingFormat} ({@code numpy/_core/arrayprint.py}) under the default
 * options {@code precision=8}, {@code floatmode='maxprec'}, {@code suppress=False},
 * {@code sign='-'}: one notation and one set of paddings, chosen from all the elements that are
 * shown, then applied to each element. Also prints 0-d arrays, which NumPy prints as scalars.
 *
 * <p>float32 elements are held as doubles (every float is exactly one) but printed with float32
 * digits and cutoffs, as {@link Dtype} says.
 */
final class FloatingFormat {

    /** Digits after the point, both positional and in an exponent mantissa ({@code precision=8}). */
    private static final int PRECISION = 8;

    /** The float dtypes, which NumPy prints with different digits and different cutoffs. */
    enum Dtype {
        FLOAT64,
        FLOAT32;

        /**
         * Dragon4 digits of x that are unique among this dtype's neighbours of x: 0.1f gives
         * {@code 1} as FLOAT32 but {@code 10000000149011612} as FLOAT64. For FLOAT32, x must be a
         * float's value.
         */
        Dragon4.Digits digits(double x, boolean totalLength, int cutoffMax, int cutoffMin) {
            return this == FLOAT32
                    ? Dragon4.of((float) x, totalLength, cutoffMax, cutoffMin)
                    : Dragon4.of(x, totalLength, cutoffMax, cutoffMin);
        }

        /**
         * {@code fillFormat}'s choice of exponent notation from the largest and smallest non-zero
         * finite magnitudes: {@code max >= 10^min(8, finfo.precision) or min < 1e-4 or
         * max / min > 1000}, that is 1e8 for float64 and 1e6 for float32. A quotient that
         * overflows to infinity selects exponent notation too.
         */
        boolean exponentNotation(double maxVal, double minVal) {
            if (this == FLOAT32) {
                // NumPy compares and divides in float32 (NEP 50: the Python float constants take
                // the array's dtype), so 1e-4f, just below 1e-4, is not below the cutoff, and the
                // quotient is rounded to float32 before it is compared with 1000.
                float max = (float) maxVal;
                float min = (float) minVal;
                return max >= 1e6f || min < 1e-4f || max / min > 1e3f;
            }
            return maxVal >= 1e8 || minVal < 1e-4 || maxVal / minVal > 1e3;
        }
    }

    private final Dtype dtype;
    private boolean expFormat;
    private int padLeft;
    private int padRight;
    /** Exponent mode: mantissa digits after the point; every element prints exactly this many. */
    private int precision;
    /** Exponent mode: minimum digits of the exponent (at least 2, as in {@code 1.e-05}). */
    private int expSize;

    /**
     * Chooses the notation and paddings as {@code FloatingFormat.fillFormat} does; for example
     * the shown elements {@code {0.5, 0.25, 10}} give positional notation, two columns left of the
     * point and two right of it, so that {@link #format(double)} prints {@code " 0.5 "}.
     *
     * @param dtype the dtype of the elements, which decides their digits and the cutoffs
     * @param shown the elements that will be printed (not those a summary hides)
     */
    FloatingFormat(Dtype dtype, double[] shown) {
        this.dtype = dtype;
        double maxVal = 0;
        double minVal = Double.POSITIVE_INFINITY;
        boolean anyFinite = false;
        boolean anyNonFinite = false;
        boolean negInf = false;
        for (double x : shown) {
            if (Double.isFinite(x)) {
                anyFinite = true;
                double a = Math.abs(x);
                if (a != 0) {
                    maxVal = Math.max(maxVal, a);
                    minVal = Math.min(minVal, a);
                }
            } else {
                anyNonFinite = true;
                negInf |= x == Double.NEGATIVE_INFINITY;
            }
        }
        // The notation depends on the non-zero finite values only.
        if (maxVal > 0) {
            expFormat = dtype.exponentNotation(maxVal, minVal);
        }

        // First pass, as fillFormat: unique digits capped at 8 decimals, trailing zeros trimmed.
        if (!anyFinite) {
            padLeft = 0;
            padRight = 0;
        } else if (expFormat) {
            expSize = 0;
            for (double x : shown) {
                if (Double.isFinite(x)) {
                    Dragon4.Digits r = dtype.digits(x, true, PRECISION + 1, -1);
                    precision = Math.max(precision, trimZeros(r.digits().substring(1)).length());
                    expSize = Math.max(expSize, exponentText(r.exp(), 2).length() - 1); // less the sign
                    padLeft = Math.max(padLeft, signBit(x) ? 2 : 1);
                }
            }
            // pad_right only sizes nan/inf: "e", the exponent's sign and digits, the mantissa.
            padRight = expSize + 2 + precision;
        } else {
            for (double x : shown) {
                if (Double.isFinite(x)) {
                    String[] parts = positional(x, dtype.digits(x, false, PRECISION, -1));
                    padLeft = Math.max(padLeft, parts[0].length());
                    padRight = Math.max(padRight, parts[1].length());
                }
            }
        }

        if (anyNonFinite) {
            // Make room for "nan", "inf" and (if present) "-inf" in the same field width.
            int offset = padRight + 1; // +1 for the decimal point
            padLeft = Math.max(padLeft, Math.max(3 - offset, 3 + (negInf ? 1 : 0) - offset));
        }
    }

    /**
     * One element in the chosen notation, padded to the common width: {@code "-1.0000e-03"},
     * {@code " 0.5 "}, {@code "10.  "}, {@code " nan"}.
     */
    String format(double x) {
        if (!Double.isFinite(x)) {
            String ret = Double.isNaN(x) ? "nan" : x < 0 ? "-inf" : "inf";
            return " ".repeat(Math.max(0, padLeft + padRight + 1 - ret.length())) + ret;
        }
        StringBuilder sb = new StringBuilder();
        if (expFormat) {
            // Second pass asks for exactly `precision` decimals (min_digits = precision, trim='k'),
            // so Dragon4 goes on past the unique digits; for subnormals those are not zeros.
            Dragon4.Digits r = dtype.digits(x, true, precision + 1, precision + 1);
            String intPart = (signBit(x) ? "-" : "") + r.digits().charAt(0);
            String frac = r.digits().substring(1);
            pad(sb, padLeft - intPart.length()).append(intPart).append('.').append(frac);
            sb.append("0".repeat(Math.max(0, precision - frac.length())));
            sb.append('e').append(exponentText(r.exp(), expSize));
        } else {
            // min_digits=0 makes Dragon4 print at least up to the units digit; trim='.'.
            String[] parts = positional(x, dtype.digits(x, false, PRECISION, 0));
            pad(sb, padLeft - parts[0].length()).append(parts[0]).append('.').append(parts[1]);
            pad(sb, padRight - parts[1].length());
        }
        return sb.toString();
    }

    /**
     * NumPy's {@code str()} of a float scalar, and so of a 0-d array: the shortest digits that
     * read back to the same value of the dtype (no 8-decimal cap), positional with at least one
     * decimal ({@code 1.0}, {@code 0.1}) or else {@code d.ddde±XX} with at least two exponent
     * digits ({@code 1e-05}, {@code 1.5e+16}); {@code nan}, {@code inf}, {@code -inf}.
     *
     * <p>Positional is for magnitudes in [1e-4, 1e16) for float64, which is also Python's
     * {@code repr(float)}, but only in [1e-4, 1e6) for float32: {@code str(np.float32(1e6))} is
     * {@code 1e+06} (NumPy 2.3 and later; {@code scalartypes.c.src}, {@code max_positional}).
     *
     * @param x the value; for FLOAT32, a float's value
     */
    static String scalar(Dtype dtype, double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        Dragon4.Digits r = dtype.digits(x, true, -1, -1);
        boolean positional;
        if (dtype == Dtype.FLOAT32) {
            // NumPy compares the float with long double 1e-4L; no float lies between that and
            // the double 1e-4, so the double comparison agrees.
            double a = Math.abs(x);
            positional = x == 0 || (a >= 1e-4 && a < 1e6);
        } else {
            // Python's rule, on the exponent of the shortest digits; for doubles it agrees with
            // NumPy's value test because 1e-4 and 1e16 are themselves doubles.
            positional = x == 0 || (r.exp() >= -4 && r.exp() < 16);
        }
        if (positional) {
            String[] parts = positional(x, r);
            return parts[0] + "." + (parts[1].isEmpty() ? "0" : parts[1]);
        }
        String sign = signBit(x) ? "-" : "";
        String frac = trimZeros(r.digits().substring(1));
        return sign + r.digits().charAt(0) + (frac.isEmpty() ? "" : "." + frac) + "e" + exponentText(r.exp(), 2);
    }

    private static StringBuilder pad(StringBuilder sb, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(' ');
        }
        return sb;
    }

    /** {@code e}-less exponent with its sign and at least {@code minDigits} digits: {@code +05}. */
    private static String exponentText(int exp, int minDigits) {
        String digits = Integer.toString(Math.abs(exp));
        return (exp < 0 ? "-" : "+") + "0".repeat(Math.max(0, minDigits - digits.length())) + digits;
    }

    private static String trimZeros(String frac) {
        int end = frac.length();
        while (end > 0 && frac.charAt(end - 1) == '0') {
            end--;
        }
        return frac.substring(0, end);
    }

    private static boolean signBit(double x) {
        return (Double.doubleToRawLongBits(x) & Long.MIN_VALUE) != 0;
    }

    /**
     * Lays Dragon4 digits out positionally, as NumPy's {@code FormatPositional} with
     * {@code trim='.'}: the integer part with its sign ({@code -0.0} gives {@code "-0"}) and the
     * fractional part without trailing zeros (possibly empty).
     */
    private static String[] positional(double x, Dragon4.Digits r) {
        String sign = signBit(x) ? "-" : "";
        String intPart;
        String frac;
        if (r.exp() >= 0) {
            int whole = r.exp() + 1;
            if (r.digits().length() <= whole) {
                intPart = r.digits() + "0".repeat(whole - r.digits().length());
                frac = "";
            } else {
                intPart = r.digits().substring(0, whole);
                frac = r.digits().substring(whole);
            }
        } else {
            intPart = "0";
            frac = "0".repeat(-r.exp() - 1) + r.digits();
        }
        return new String[] {sign + intPart, trimZeros(frac)};
    }
}
