package io.jgrad;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
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
 * <p>Digits come from {@link BigDecimal} arithmetic on the exact binary value, never from
 * {@link Double#toString(double)}, which in Java 17 is not always the shortest representation that
 * reads back to the same double (Dragon4 in {@code unique} mode, as NumPy uses, always is).
 */
final class NumpyFormat {

    /** Digits after the point, both positional and in an exponent mantissa ({@code precision=8}). */
    private static final int PRECISION = 8;
    private static final int LINE_WIDTH = 75;
    /** Arrays with more elements than this are summarised. */
    private static final int THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    /** {@code max abs >= 1e8} switches to exponent notation (float64 has over 8 digits). */
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
            size *= d;
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
        /** Exponent mode: mantissa digits after the point, every element padded with zeros to it. */
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

            if (!anyFinite) {
                padLeft = 0;
                padRight = 0;
            } else if (expFormat) {
                int maxExpDigits = 0;
                for (double x : shown) {
                    if (Double.isFinite(x)) {
                        Digits d = scientificDigits(x);
                        maxExpDigits = Math.max(maxExpDigits, expDigits(d.decExp));
                        precision = Math.max(precision, d.digits.length() - 1);
                        padLeft = Math.max(padLeft, (signBit(x) ? 2 : 1));
                    }
                }
                expSize = maxExpDigits;
                // pad_right is only used to size nan/inf: "e", the exponent sign and its digits.
                padRight = expSize + 2 + precision;
            } else {
                for (double x : shown) {
                    if (Double.isFinite(x)) {
                        String[] parts = positionalParts(x);
                        padLeft = Math.max(padLeft, parts[0].length());
                        padRight = Math.max(padRight, parts[1].length());
                    }
                }
            }

            if (anyNonFinite) {
                // Make room for "nan"/"inf"/"-inf" within the same field width.
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
                Digits d = scientificDigits(x);
                String intPart = (signBit(x) ? "-" : "") + d.digits.charAt(0);
                pad(sb, padLeft - intPart.length()).append(intPart).append('.');
                sb.append(d.digits, 1, d.digits.length());
                // trim='k' with min_digits=precision: every mantissa gets the same digit count.
                for (int i = d.digits.length() - 1; i < precision; i++) {
                    sb.append('0');
                }
                sb.append('e').append(d.decExp < 0 ? '-' : '+');
                String e = Integer.toString(Math.abs(d.decExp));
                for (int i = e.length(); i < expSize; i++) {
                    sb.append('0');
                }
                sb.append(e);
            } else {
                String[] parts = positionalParts(x);
                pad(sb, padLeft - parts[0].length()).append(parts[0]).append('.').append(parts[1]);
                // trim='.': integers keep a bare point, and shorter fractions are space-padded.
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

        private static int expDigits(int decExp) {
            return Math.max(2, Integer.toString(Math.abs(decExp)).length());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Digits (Dragon4 in unique mode, with and without a cutoff)
    // ---------------------------------------------------------------------------------------------

    /**
     * Significant decimal digits of |x|, {@code digits = "d1d2…dn"} with no trailing zeros and
     * {@code d1 != 0} (or {@code "0"} for zero), worth {@code d1.d2…dn × 10^decExp}.
     */
    private record Digits(String digits, int decExp) {
        static final Digits ZERO = new Digits("0", 0);

        static Digits of(BigDecimal nonNegative) {
            if (nonNegative.signum() == 0) {
                return ZERO;
            }
            BigDecimal b = nonNegative.stripTrailingZeros();
            String u = b.unscaledValue().toString();
            return new Digits(u, u.length() - 1 - b.scale());
        }
    }

    private static boolean signBit(double x) {
        return (Double.doubleToRawLongBits(x) & Long.MIN_VALUE) != 0;
    }

    /**
     * The shortest digits that read back as |x|, and among those of that length the closest to
     * |x| (as Python's repr and NumPy's Dragon4 in unique mode give).
     */
    private static Digits shortest(double x) {
        double a = Math.abs(x);
        if (a == 0) {
            return Digits.ZERO;
        }
        BigDecimal exact = new BigDecimal(a);
        // 17 significant digits always round-trip for a double, so the loop always returns.
        for (int p = 1; p <= 17; p++) {
            BigDecimal lo = exact.round(new MathContext(p, RoundingMode.FLOOR));
            BigDecimal hi = exact.round(new MathContext(p, RoundingMode.CEILING));
            boolean loOk = readsBack(lo, a);
            boolean hiOk = readsBack(hi, a);
            if (loOk && hiOk) {
                int c = exact.subtract(lo).compareTo(hi.subtract(exact));
                if (c == 0) {
                    // An exact tie: keep the even last digit, as round-half-even would.
                    return Digits.of(lo.unscaledValue().testBit(0) ? hi : lo);
                }
                return Digits.of(c < 0 ? lo : hi);
            }
            if (loOk) {
                return Digits.of(lo);
            }
            if (hiOk) {
                return Digits.of(hi);
            }
        }
        return Digits.of(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
    }

    /** Whether a decimal reads back as the double {@code a}: Double.parseDouble rounds correctly. */
    private static boolean readsBack(BigDecimal candidate, double a) {
        return Double.parseDouble(candidate.toString()) == a;
    }

    /**
     * Exponent-notation digits: the shortest unique ones unless they need more than
     * {@link #PRECISION} digits after the mantissa's point, in which case the exact value rounded
     * half-even to that many (Dragon4 with a cutoff stops there and rounds the exact remainder).
     */
    private static Digits scientificDigits(double x) {
        Digits d = shortest(x);
        if (d.digits.length() - 1 <= PRECISION) {
            return d;
        }
        return Digits.of(new BigDecimal(Math.abs(x)).round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN)));
    }

    /**
     * Positional integer part (with sign, so {@code -0.0} gives {@code "-0"}) and fractional part
     * (trailing zeros trimmed, possibly empty): the shortest unique digits unless they need more
     * than {@link #PRECISION} fractional digits, in which case the exact value rounded half-even.
     */
    private static String[] positionalParts(double x) {
        Digits d = shortest(x);
        int fracDigits = Math.max(0, d.digits.length() - 1 - d.decExp);
        if (fracDigits > PRECISION) {
            d = Digits.of(new BigDecimal(Math.abs(x)).setScale(PRECISION, RoundingMode.HALF_EVEN));
        }
        String sign = signBit(x) ? "-" : "";
        String digits = d.digits;
        if (digits.equals("0")) {
            return new String[] {sign + "0", ""};
        }
        if (d.decExp >= 0) {
            int intLen = d.decExp + 1;
            if (digits.length() <= intLen) {
                return new String[] {sign + digits + "0".repeat(intLen - digits.length()), ""};
            }
            return new String[] {sign + digits.substring(0, intLen), digits.substring(intLen)};
        }
        return new String[] {sign + "0", "0".repeat(-d.decExp - 1) + digits};
    }

    // ---------------------------------------------------------------------------------------------
    // 0-d arrays: Python's repr(float)
    // ---------------------------------------------------------------------------------------------

    /**
     * Python's {@code repr(float)}: shortest round-trip digits, positional when the decimal
     * exponent is in [-4, 16), else {@code d.ddde±XX} with at least two exponent digits.
     */
    static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String sign = signBit(x) ? "-" : "";
        Digits d = shortest(x);
        String digits = d.digits;
        int e = d.decExp;
        if (x == 0 || (e >= -4 && e < 16)) {
            // Not positionalParts: repr keeps every shortest digit, with no cap at 8 decimals.
            String intPart;
            String frac;
            if (x == 0) {
                intPart = "0";
                frac = "0";
            } else if (e >= 0) {
                int intLen = e + 1;
                intPart = digits.length() <= intLen ? digits + "0".repeat(intLen - digits.length())
                        : digits.substring(0, intLen);
                frac = digits.length() <= intLen ? "0" : digits.substring(intLen);
            } else {
                intPart = "0";
                frac = "0".repeat(-e - 1) + digits;
            }
            return sign + intPart + "." + frac;
        }
        StringBuilder sb = new StringBuilder(sign).append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(e < 0 ? '-' : '+');
        String exp = Integer.toString(Math.abs(e));
        if (exp.length() < 2) {
            sb.append('0');
        }
        return sb.append(exp).toString();
    }
}
