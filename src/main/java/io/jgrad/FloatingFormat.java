package io.jgrad;

/**
 * Port of NumPy's {@code FloatingFormat} ({@code numpy/_core/arrayprint.py}) under the default
 * options {@code precision=8}, {@code floatmode='maxprec'}, {@code suppress=False},
 * {@code sign='-'}: one notation and one set of paddings, chosen from all the elements that are
 * shown, then applied to each element. Also prints 0-d arrays, which NumPy prints as scalars.
 */
final class FloatingFormat {

    /** Digits after the point, both positional and in an exponent mantissa ({@code precision=8}). */
    private static final int PRECISION = 8;
    /** NumPy switches to exponent notation at {@code 10^min(8, dtype digits)}: 1e8 for float64. */
    private static final double EXP_CUTOFF_MAX = 1e8;
    private static final double EXP_CUTOFF_MIN = 1e-4;
    private static final double EXP_CUTOFF_RATIO = 1e3;

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
     * @param shown the elements that will be printed (not those a summary hides)
     */
    FloatingFormat(double[] shown) {
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
        // The notation depends on the non-zero finite values only; max/min may overflow to
        // infinity, which (as in NumPy) selects exponent notation.
        if (maxVal > 0) {
            expFormat = maxVal >= EXP_CUTOFF_MAX || minVal < EXP_CUTOFF_MIN
                    || maxVal / minVal > EXP_CUTOFF_RATIO;
        }

        // First pass, as fillFormat: unique digits capped at 8 decimals, trailing zeros trimmed.
        if (!anyFinite) {
            padLeft = 0;
            padRight = 0;
        } else if (expFormat) {
            expSize = 0;
            for (double x : shown) {
                if (Double.isFinite(x)) {
                    Dragon4.Digits r = Dragon4.of(x, true, PRECISION + 1, -1);
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
                    String[] parts = positional(x, Dragon4.of(x, false, PRECISION, -1));
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
            Dragon4.Digits r = Dragon4.of(x, true, precision + 1, precision + 1);
            String intPart = (signBit(x) ? "-" : "") + r.digits().charAt(0);
            String frac = r.digits().substring(1);
            pad(sb, padLeft - intPart.length()).append(intPart).append('.').append(frac);
            sb.append("0".repeat(Math.max(0, precision - frac.length())));
            sb.append('e').append(exponentText(r.exp(), expSize));
        } else {
            // min_digits=0 makes Dragon4 print at least up to the units digit; trim='.'.
            String[] parts = positional(x, Dragon4.of(x, false, PRECISION, 0));
            pad(sb, padLeft - parts[0].length()).append(parts[0]).append('.').append(parts[1]);
            pad(sb, padRight - parts[1].length());
        }
        return sb.toString();
    }

    /**
     * Python's {@code repr(float)}, which is also NumPy's {@code str(np.float64)} and so the str
     * of a 0-d float64 array: shortest round-trip digits, positional (with at least one decimal)
     * when the decimal exponent is in [-4, 16), else {@code d.ddde±XX} with at least two exponent
     * digits; for example {@code 0.1}, {@code 1.0}, {@code 1e-05}, {@code 1e+16}, {@code nan}.
     */
    static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        Dragon4.Digits r = Dragon4.of(x, true, -1, -1);
        String sign = signBit(x) ? "-" : "";
        if (x == 0 || (r.exp() >= -4 && r.exp() < 16)) {
            String[] parts = positional(x, r);
            return parts[0] + "." + (parts[1].isEmpty() ? "0" : parts[1]);
        }
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
