package io.jgrad;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints float64 arrays exactly as NumPy's {@code str(ndarray)} (and so {@code print(ndarray)})
 * does under the default print options: {@code precision=8}, {@code floatmode='maxprec'},
 * {@code suppress=False}, {@code sign='-'}, {@code linewidth=75}, {@code threshold=1000},
 * {@code edgeitems=3}, {@code nanstr='nan'}, {@code infstr='inf'}.
 *
 * <p>It follows {@code numpy/_core/arrayprint.py} step by step: {@code FloatingFormat.fillFormat}
 * chooses positional or exponent notation and the paddings from all the elements that are shown,
 * and {@code _formatArray} lays them out with NumPy's brackets, separators, line wrapping and
 * {@code ...} summary. A 0-d array prints like its scalar, which is Python's {@code repr(float)}.
 *
 * <p>Digits come from a port of NumPy's Dragon4 on the exact binary value (in {@link BigInteger}
 * arithmetic), never from {@link Double#toString(double)}, which in Java 17 is not always the
 * shortest representation that reads back to the same double, and knows nothing of NumPy's
 * 8-decimal cap or of the extra digits NumPy prints to give every element the same precision.
 */
final class NumpyFormat {

    /** Digits after the point, both positional and in an exponent mantissa ({@code precision=8}). */
    private static final int PRECISION = 8;
    private static final int LINE_WIDTH = 75;
    /** Arrays with more elements than this are summarised. */
    private static final int THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    /** NumPy switches to exponent notation at {@code 10^min(8, dtype digits)}: 1e8 for float64. */
    private static final double EXP_CUTOFF_MAX = 1e8;
    private static final double EXP_CUTOFF_MIN = 1e-4;
    private static final double EXP_CUTOFF_RATIO = 1e3;

    private NumpyFormat() {
    }

    /**
     * Formats a row-major float64 array as NumPy's {@code str(ndarray)} would.
     *
     * <p>Examples: {@code dims = {}} gives the scalar's repr ({@code 1.0}, {@code 1e-05},
     * {@code nan}); {@code {2, 2}} gives {@code [[ -4.5  -9. ]\n [ -6.  -12. ]]}; any shape with a
     * zero size gives {@code []}; arrays of more than 1000 elements show only the first and last
     * three items along each axis longer than six, with {@code ...} between.
     *
     * @param data the elements in row-major (C) order; not modified
     * @param dims the size of each dimension, outermost first; empty for a 0-d array
     * @return the text NumPy prints, without a trailing newline
     * @throws IllegalArgumentException if a size is negative or {@code data.length} is not the
     *     product of {@code dims}
     */
    static String format(double[] data, int[] dims) {
        long size = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("NumpyFormat.format: negative size in " + Shape.format(dims));
            }
            // Saturate just past int range, so that no product of sizes can wrap around.
            size = Math.min(size * d, Integer.MAX_VALUE + 1L);
        }
        if (size != data.length) {
            throw new IllegalArgumentException("NumpyFormat.format: " + data.length
                    + " elements do not fill shape " + (dims.length == 0 ? "()" : Shape.format(dims)));
        }
        if (dims.length == 0) {
            // str() of a 0-d array is str() of its scalar: full shortest digits, not precision 8.
            return repr(data[0]);
        }
        if (size == 0) {
            // NumPy treats any array with a zero-size axis as a null array, whatever its rank.
            return "[]";
        }
        boolean summarise = size > THRESHOLD;
        // As in NumPy, widths are computed only from the elements that are actually shown.
        List<Double> shown = new ArrayList<>();
        collectShown(data, dims, summarise, 0, 0, shown);
        FloatFormat ff = new FloatFormat(shown);
        return new Layout(data, dims, summarise, ff).recurse(0, 0, " ", LINE_WIDTH);
    }

    // ---------------------------------------------------------------------------------------------
    // Which elements are shown (NumPy's _leading_trailing)
    // ---------------------------------------------------------------------------------------------

    private static void collectShown(double[] data, int[] dims, boolean summarise, int axis, int offset,
            List<Double> out) {
        if (axis == dims.length) {
            out.add(data[offset]);
            return;
        }
        int n = dims[axis];
        int stride = stride(dims, axis);
        for (int i = 0; i < n; i++) {
            if (summarise && n > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                i = n - EDGE_ITEMS; // skip the middle, which NumPy drops before computing widths
            }
            collectShown(data, dims, summarise, axis + 1, offset + i * stride, out);
        }
    }

    private static int stride(int[] dims, int axis) {
        int s = 1;
        for (int k = axis + 1; k < dims.length; k++) {
            s *= dims[k];
        }
        return s;
    }

    // ---------------------------------------------------------------------------------------------
    // Layout (NumPy's _formatArray with legacy=False, separator=' ')
    // ---------------------------------------------------------------------------------------------

    /** Port of {@code _formatArray}'s recurser; indices are flat offsets into row-major data. */
    private static final class Layout {
        private final double[] data;
        private final int[] dims;
        private final boolean summarise;
        private final FloatFormat ff;

        Layout(double[] data, int[] dims, boolean summarise, FloatFormat ff) {
            this.data = data;
            this.dims = dims;
            this.summarise = summarise;
            this.ff = ff;
        }

        String recurse(int axis, int offset, String hangingIndent, int currWidth) {
            if (axis == dims.length) {
                return ff.format(data[offset]);
            }
            int axesLeft = dims.length - axis;
            // Nested rows align one column right of the '[' just opened, and lose a column to ']'.
            String nextHangingIndent = hangingIndent + " ";
            int nextWidth = currWidth - 1;
            int len = dims[axis];
            int stride = stride(dims, axis);
            boolean showSummary = summarise && 2 * EDGE_ITEMS < len;
            int leading = showSummary ? EDGE_ITEMS : 0;
            int trailing = showSummary ? EDGE_ITEMS : len;

            StringBuilder s = new StringBuilder();
            if (axesLeft == 1) {
                // Last axis: words wrap when they would pass the width less room for ']'.
                int elemWidth = currWidth - 1;
                StringBuilder line = new StringBuilder(hangingIndent);
                for (int i = 0; i < leading; i++) {
                    String word = recurse(axis + 1, offset + i * stride, nextHangingIndent, nextWidth);
                    extendLine(s, line, word, elemWidth, hangingIndent);
                    line.append(' ');
                }
                if (showSummary) {
                    extendLine(s, line, "...", elemWidth, hangingIndent);
                    line.append(' ');
                }
                for (int i = trailing; i > 1; i--) {
                    String word = recurse(axis + 1, offset + (len - i) * stride, nextHangingIndent, nextWidth);
                    extendLine(s, line, word, elemWidth, hangingIndent);
                    line.append(' ');
                }
                String word = recurse(axis + 1, offset + (len - 1) * stride, nextHangingIndent, nextWidth);
                extendLine(s, line, word, elemWidth, hangingIndent);
                s.append(line);
            } else {
                // Outer axes: one row per line, plus a blank line per extra level of nesting.
                String lineSep = "\n".repeat(axesLeft - 1);
                for (int i = 0; i < leading; i++) {
                    String nested = recurse(axis + 1, offset + i * stride, nextHangingIndent, nextWidth);
                    s.append(hangingIndent).append(nested).append(lineSep);
                }
                if (showSummary) {
                    s.append(hangingIndent).append("...").append(lineSep);
                }
                for (int i = trailing; i > 1; i--) {
                    String nested = recurse(axis + 1, offset + (len - i) * stride, nextHangingIndent, nextWidth);
                    s.append(hangingIndent).append(nested).append(lineSep);
                }
                String nested = recurse(axis + 1, offset + (len - 1) * stride, nextHangingIndent, nextWidth);
                s.append(hangingIndent).append(nested);
            }
            // The first line carried the hanging indent too; the '[' takes its place.
            return "[" + s.substring(hangingIndent.length()) + "]";
        }

        /** NumPy's {@code _extendLine}: wrap before {@code word} unless the line holds only the indent. */
        private static void extendLine(StringBuilder s, StringBuilder line, String word, int lineWidth,
                String nextLinePrefix) {
            boolean needsWrap = line.length() + word.length() > lineWidth
                    && line.length() > nextLinePrefix.length(); // wrapping would not help
            if (needsWrap) {
                s.append(rstrip(line)).append('\n');
                line.setLength(0);
                line.append(nextLinePrefix);
            }
            line.append(word);
        }

        private static String rstrip(CharSequence cs) {
            int end = cs.length();
            while (end > 0 && cs.charAt(end - 1) == ' ') {
                end--;
            }
            return cs.subSequence(0, end).toString();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Element format (NumPy's FloatingFormat, floatmode='maxprec', sign='-')
    // ---------------------------------------------------------------------------------------------

    /** Port of {@code FloatingFormat}: one notation and one set of paddings for all elements. */
    private static final class FloatFormat {
        private boolean expFormat;
        private int padLeft;
        private int padRight;
        /** Exponent mode: mantissa digits after the point; every element prints exactly this many. */
        private int precision;
        /** Exponent mode: minimum digits of the exponent (at least 2, as in {@code 1.e-05}). */
        private int expSize;

        FloatFormat(List<Double> shown) {
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
                        Raw r = dragon4(x, true, PRECISION + 1, -1);
                        precision = Math.max(precision, trimZeros(r.digits.substring(1)).length());
                        expSize = Math.max(expSize, exponentText(r.exp, 2).length() - 1); // less the sign
                        padLeft = Math.max(padLeft, signBit(x) ? 2 : 1);
                    }
                }
                // pad_right only sizes nan/inf: "e", the exponent's sign and digits, the mantissa.
                padRight = expSize + 2 + precision;
            } else {
                for (double x : shown) {
                    if (Double.isFinite(x)) {
                        String[] parts = positional(x, dragon4(x, false, PRECISION, -1));
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

        String format(double x) {
            if (!Double.isFinite(x)) {
                String ret = Double.isNaN(x) ? "nan" : x < 0 ? "-inf" : "inf";
                return " ".repeat(Math.max(0, padLeft + padRight + 1 - ret.length())) + ret;
            }
            StringBuilder sb = new StringBuilder();
            if (expFormat) {
                // Second pass asks for exactly `precision` decimals (min_digits = precision, trim='k'),
                // so Dragon4 goes on past the unique digits; for subnormals those are not zeros.
                Raw r = dragon4(x, true, precision + 1, precision + 1);
                String intPart = (signBit(x) ? "-" : "") + r.digits.charAt(0);
                String frac = r.digits.substring(1);
                pad(sb, padLeft - intPart.length()).append(intPart).append('.').append(frac);
                sb.append("0".repeat(Math.max(0, precision - frac.length())));
                sb.append('e').append(exponentText(r.exp, expSize));
            } else {
                // min_digits=0 makes Dragon4 print at least up to the units digit; trim='.'.
                String[] parts = positional(x, dragon4(x, false, PRECISION, 0));
                pad(sb, padLeft - parts[0].length()).append(parts[0]).append('.').append(parts[1]);
                pad(sb, padRight - parts[1].length());
            }
            return sb.toString();
        }

        private static StringBuilder pad(StringBuilder sb, int n) {
            for (int i = 0; i < n; i++) {
                sb.append(' ');
            }
            return sb;
        }
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
    private static String[] positional(double x, Raw r) {
        String sign = signBit(x) ? "-" : "";
        String intPart;
        String frac;
        if (r.exp >= 0) {
            int whole = r.exp + 1;
            if (r.digits.length() <= whole) {
                intPart = r.digits + "0".repeat(whole - r.digits.length());
                frac = "";
            } else {
                intPart = r.digits.substring(0, whole);
                frac = r.digits.substring(whole);
            }
        } else {
            intPart = "0";
            frac = "0".repeat(-r.exp - 1) + r.digits;
        }
        return new String[] {sign + intPart, trimZeros(frac)};
    }

    // ---------------------------------------------------------------------------------------------
    // Dragon4 (Steele & White / Burger & Dybvig, as NumPy implements it in dragon4.c)
    // ---------------------------------------------------------------------------------------------

    /** Decimal digits {@code d0 d1 … dn} (possibly with trailing zeros) worth {@code d0.d1…dn × 10^exp}. */
    private record Raw(String digits, int exp) {
    }

    /**
     * Decimal digits of |x| as NumPy's Dragon4 in unique mode produces them: digits stop as soon
     * as they identify the double (round-trip boundaries included when the significand is even,
     * as IEEE round-half-even parsing allows), but not before the {@code cutoffMin} position and
     * never after the {@code cutoffMax} position, the final digit being rounded from the exact
     * remainder. This is why {@link Double#toString(double)} can't be used: it is not always the
     * shortest in Java 17, and it has no notion of these cutoffs.
     *
     * @param totalLength whether the cutoffs count significant digits (scientific) rather than
     *     digits after the decimal point (positional)
     * @param cutoffMax the most digits to print, or -1 for no limit
     * @param cutoffMin the fewest digits to print, or -1 for no minimum
     */
    private static Raw dragon4(double x, boolean totalLength, int cutoffMax, int cutoffMin) {
        long bits = Double.doubleToRawLongBits(x) & Long.MAX_VALUE;
        if (bits == 0) {
            return new Raw("0", 0);
        }
        int biased = (int) (bits >>> 52);
        long fraction = bits & ((1L << 52) - 1);
        long mantissa;
        int e;
        boolean unequalMargins;
        if (biased == 0) {
            mantissa = fraction; // subnormal
            e = -1074;
            unequalMargins = false;
        } else {
            mantissa = fraction | (1L << 52);
            e = biased - 1075;
            // At a power of two the next double down is twice as close as the next one up.
            unequalMargins = fraction == 0 && biased > 1;
        }
        boolean isEven = (mantissa & 1) == 0;

        // value = mantissa·2^e = scaledValue/scale; the margins are half the gaps to the neighbours.
        BigInteger scale;
        BigInteger scaledValue;
        BigInteger marginLow;
        BigInteger marginHigh;
        if (e >= 0) {
            BigInteger t = BigInteger.ONE.shiftLeft(e);
            scale = BigInteger.valueOf(4);
            scaledValue = BigInteger.valueOf(mantissa).shiftLeft(e + 2);
            marginHigh = t.shiftLeft(1);
            marginLow = unequalMargins ? t : marginHigh;
        } else {
            scale = BigInteger.ONE.shiftLeft(-e + 2);
            scaledValue = BigInteger.valueOf(mantissa).shiftLeft(2);
            marginHigh = BigInteger.TWO;
            marginLow = unequalMargins ? BigInteger.ONE : BigInteger.TWO;
        }

        // digitExponent = floor(log10 v) + 1, so that v / 10^digitExponent is in [0.1, 1).
        BigDecimal exact = new BigDecimal(Math.abs(x));
        int digitExponent = exact.precision() - exact.scale();
        if (cutoffMax >= 0 && !totalLength && digitExponent <= -cutoffMax) {
            // Below the last allowed decimal: start at it (leading zero digits), then round.
            digitExponent = -cutoffMax + 1;
        }
        if (digitExponent > 0) {
            scale = scale.multiply(BigInteger.TEN.pow(digitExponent));
        } else if (digitExponent < 0) {
            BigInteger p = BigInteger.TEN.pow(-digitExponent);
            scaledValue = scaledValue.multiply(p);
            marginLow = marginLow.multiply(p);
            marginHigh = marginHigh.multiply(p);
        }

        int cutoffMaxExponent = Integer.MIN_VALUE;
        if (cutoffMax >= 0) {
            cutoffMaxExponent = totalLength ? digitExponent - cutoffMax : -cutoffMax;
        }
        int cutoffMinExponent = digitExponent;
        if (cutoffMin >= 0) {
            cutoffMinExponent = Math.min(digitExponent, totalLength ? digitExponent - cutoffMin : -cutoffMin);
        }
        int printExponent = digitExponent - 1;

        StringBuilder digits = new StringBuilder();
        int digit;
        boolean low;
        boolean high;
        for (;;) {
            scaledValue = scaledValue.multiply(BigInteger.TEN);
            marginLow = marginLow.multiply(BigInteger.TEN);
            marginHigh = marginHigh.multiply(BigInteger.TEN);
            digitExponent--;
            BigInteger[] qr = scaledValue.divideAndRemainder(scale);
            digit = qr[0].intValue();
            scaledValue = qr[1];
            // low: the digits so far are already within the margin below; high: one more is.
            int cmpLow = scaledValue.compareTo(marginLow);
            int cmpHigh = scaledValue.add(marginHigh).compareTo(scale);
            low = isEven ? cmpLow <= 0 : cmpLow < 0;
            high = isEven ? cmpHigh >= 0 : cmpHigh > 0;
            if (((low || high) && digitExponent <= cutoffMinExponent) || digitExponent == cutoffMaxExponent) {
                break;
            }
            digits.append((char) ('0' + digit));
        }

        boolean roundDown = low;
        if (low == high) {
            // Either way is allowed (or neither is unique): take the nearer, ties to the even digit.
            int c = scaledValue.shiftLeft(1).compareTo(scale);
            roundDown = c < 0 || (c == 0 && (digit & 1) == 0);
        }
        if (roundDown) {
            digits.append((char) ('0' + digit));
        } else if (digit < 9) {
            digits.append((char) ('0' + digit + 1));
        } else {
            // Carry: drop trailing nines and bump the digit before them (or start over at "1").
            int end = digits.length();
            while (end > 0 && digits.charAt(end - 1) == '9') {
                end--;
            }
            digits.setLength(end);
            if (end == 0) {
                digits.append('1');
                printExponent++;
            } else {
                digits.setCharAt(end - 1, (char) (digits.charAt(end - 1) + 1));
            }
        }
        return new Raw(digits.toString(), printExponent);
    }

    // ---------------------------------------------------------------------------------------------
    // 0-d arrays: Python's repr(float)
    // ---------------------------------------------------------------------------------------------

    /**
     * Python's {@code repr(float)}, which is also NumPy's {@code str(np.float64)}: shortest
     * round-trip digits, positional (with at least one decimal) when the decimal exponent is in
     * [-4, 16), else {@code d.ddde±XX} with at least two exponent digits.
     */
    static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        Raw r = dragon4(x, true, -1, -1);
        String sign = signBit(x) ? "-" : "";
        if (x == 0 || (r.exp >= -4 && r.exp < 16)) {
            String[] parts = positional(x, r);
            return parts[0] + "." + (parts[1].isEmpty() ? "0" : parts[1]);
        }
        String frac = trimZeros(r.digits.substring(1));
        return sign + r.digits.charAt(0) + (frac.isEmpty() ? "" : "." + frac) + "e" + exponentText(r.exp, 2);
    }
}
