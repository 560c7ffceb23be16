package io.jgrad;

import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/**
 * Prints arrays exactly as NumPy's {@code str(ndarray)} (and so {@code print(ndarray)}) does
 * under the default print options: {@code precision=8}, {@code floatmode='maxprec'},
 * {@code suppress=False}, {@code sign='-'}, {@code linewidth=75}, {@code threshold=1000},
 * {@code edgeitems=3}, {@code nanstr='nan'}, {@code infstr='inf'}.
 *
 * <p>It follows {@code numpy/_core/arrayprint.py} step by step: an element format is built from
 * all the elements that are shown ({@link FloatingFormat} for float64 and float32, whose digits
 * come from {@link Dragon4}; NumPy's {@code IntegerFormat} and {@code BoolFormat} for int64 and
 * bool, short enough to live here), then {@code _formatArray} lays the words out with NumPy's
 * brackets, separators, line wrapping and {@code ...} summary; that layout is the same for every
 * dtype. A 0-d array prints like its scalar, which for float64 is Python's {@code repr(float)}.
 */
final class NumpyFormat {

    private static final int LINE_WIDTH = 75;
    /** Arrays with more elements than this are summarised. */
    private static final int THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;

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
        int size = checkShape("format", data.length, dims);
        if (dims.length == 0) {
            // str() of a 0-d array is str() of its scalar: full shortest digits, not precision 8.
            return FloatingFormat.scalar(FloatingFormat.Dtype.FLOAT64, data[0]);
        }
        return floating(FloatingFormat.Dtype.FLOAT64, dims, size, offset -> data[offset]);
    }

    /**
     * Formats a row-major float32 array as NumPy's {@code str(ndarray)} would: as
     * {@link #format(double[], int[])} does for float64, but with the shortest digits that
     * identify each value as a float32, and the float32 cutoffs.
     *
     * <p>Examples: {@code {1.1f, 2.2f}} gives {@code [1.1 2.2]}, where the same binary values as
     * float64 give {@code [1.10000002 2.20000005]}; exponent notation starts at 1e6, not 1e8, so
     * {@code {1e6f, 1f}} gives {@code [1.e+06 1.e+00]}; 0-d arrays print like
     * {@code str(np.float32(x))}: {@code 0.1}, {@code 123456.79}, {@code 1e+06}, {@code 1e-04}.
     *
     * @param data the elements in row-major (C) order; not modified
     * @param dims the size of each dimension, outermost first; empty for a 0-d array
     * @return the text NumPy prints, without a trailing newline
     * @throws IllegalArgumentException if a size is negative or {@code data.length} is not the
     *     product of {@code dims}
     */
    static String formatFloat32(float[] data, int[] dims) {
        int size = checkShape("formatFloat32", data.length, dims);
        if (dims.length == 0) {
            return FloatingFormat.scalar(FloatingFormat.Dtype.FLOAT32, data[0]);
        }
        // Widening is exact, and FloatingFormat prints a FLOAT32 double with float32 digits.
        return floating(FloatingFormat.Dtype.FLOAT32, dims, size, offset -> data[offset]);
    }

    /**
     * Formats a row-major int64 array as NumPy's {@code str(ndarray)} would: every element
     * right-aligned to the longer of the largest and the smallest shown element, as NumPy's
     * {@code IntegerFormat} does.
     *
     * <p>Examples: {@code {1, 2, 3}} gives {@code [1 2 3]}; {@code {1, -2, 10, 4}} with
     * {@code dims = {2, 2}} gives {@code [[ 1 -2]\n [10  4]]}; a 0-d array gives the bare number
     * ({@code -7}); 2000 elements 0…1999 give {@code [   0    1    2 ... 1997 1998 1999]}.
     *
     * @param data the elements in row-major (C) order; not modified
     * @param dims the size of each dimension, outermost first; empty for a 0-d array
     * @return the text NumPy prints, without a trailing newline
     * @throws IllegalArgumentException if a size is negative or {@code data.length} is not the
     *     product of {@code dims}
     */
    static String formatInt64(long[] data, int[] dims) {
        int size = checkShape("formatInt64", data.length, dims);
        if (dims.length == 0) {
            return Long.toString(data[0]);
        }
        return layout(dims, size, shown -> {
            long max = Long.MIN_VALUE;
            long min = Long.MAX_VALUE;
            for (int offset : shown) {
                max = Math.max(max, data[offset]);
                min = Math.min(min, data[offset]);
            }
            // The widest number is one of the two extremes: the largest, or the most negative.
            int width = Math.max(Long.toString(max).length(), Long.toString(min).length());
            return offset -> {
                String digits = Long.toString(data[offset]);
                return " ".repeat(width - digits.length()) + digits;
            };
        });
    }

    /**
     * Formats a row-major bool array as NumPy's {@code str(ndarray)} would: {@code True} gets a
     * leading space so that it lines up with {@code False} (NumPy's {@code BoolFormat}), except
     * in a 0-d array.
     *
     * <p>Examples: {@code {true, false, true}} gives {@code [ True False  True]};
     * {@code {true, true}} gives {@code [ True  True]}; a 0-d array gives {@code True} or
     * {@code False}.
     *
     * @param data the elements in row-major (C) order; not modified
     * @param dims the size of each dimension, outermost first; empty for a 0-d array
     * @return the text NumPy prints, without a trailing newline
     * @throws IllegalArgumentException if a size is negative or {@code data.length} is not the
     *     product of {@code dims}
     */
    static String formatBool(boolean[] data, int[] dims) {
        int size = checkShape("formatBool", data.length, dims);
        if (dims.length == 0) {
            return data[0] ? "True" : "False";
        }
        // The width is fixed, whatever is shown.
        return layout(dims, size, shown -> offset -> data[offset] ? " True" : "False");
    }

    /** A float array of rank 1 or more, the element at a flat offset given by {@code element}. */
    private static String floating(FloatingFormat.Dtype dtype, int[] dims, int size,
            IntToDoubleFunction element) {
        return layout(dims, size, shown -> {
            double[] values = new double[shown.length];
            for (int i = 0; i < shown.length; i++) {
                values[i] = element.applyAsDouble(shown[i]);
            }
            FloatingFormat ff = new FloatingFormat(dtype, values);
            return offset -> ff.format(element.applyAsDouble(offset));
        });
    }

    /**
     * Checks that {@code length} elements fill the sizes {@code dims}, and returns that number;
     * {@code method} names the caller in the message.
     */
    private static int checkShape(String method, int length, int[] dims) {
        long size = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("NumpyFormat." + method + ": negative size in "
                        + Shape.format(dims));
            }
            // Saturate just past int range, so that no product of sizes can wrap around.
            size = Math.min(size * d, Integer.MAX_VALUE + 1L);
        }
        if (size != length) {
            throw new IllegalArgumentException("NumpyFormat." + method + ": " + length
                    + " elements do not fill shape " + (dims.length == 0 ? "()" : Shape.format(dims)));
        }
        return (int) size;
    }

    /**
     * Lays out an array of rank 1 or more, whatever its dtype: {@code [1. 2.]},
     * {@code [[1 2]\n [3 4]]}, {@code []} for any zero size.
     *
     * @param size the number of elements, the product of {@code dims}
     * @param elementFormat given the flat offsets of the elements that will be shown, returns
     *     the function from a flat offset to its element's word; NumPy sizes its fields from the
     *     shown elements only, so a hidden outlier changes nothing
     */
    private static String layout(int[] dims, int size, Function<int[], IntFunction<String>> elementFormat) {
        if (size == 0) {
            // NumPy treats any array with a zero-size axis as a null array, whatever its rank.
            return "[]";
        }
        boolean summarise = size > THRESHOLD;
        IntFunction<String> word = elementFormat.apply(shownOffsets(dims, summarise));
        return new Layout(dims, summarise, word).recurse(0, 0, " ", LINE_WIDTH);
    }

    // ---------------------------------------------------------------------------------------------
    // Which elements are shown (NumPy's _leading_trailing)
    // ---------------------------------------------------------------------------------------------

    /** Flat offsets of the shown elements, in row-major order. */
    private static int[] shownOffsets(int[] dims, boolean summarise) {
        int count = 1;
        for (int d : dims) {
            count *= summarise && d > 2 * EDGE_ITEMS ? 2 * EDGE_ITEMS : d;
        }
        int[] out = new int[count];
        collectShown(dims, summarise, 0, 0, out, 0);
        return out;
    }

    /**
     * Writes the offsets of the shown elements under {@code axis} into {@code out}, starting at
     * index {@code next}; returns the index after the last one written.
     */
    private static int collectShown(int[] dims, boolean summarise, int axis, int offset, int[] out,
            int next) {
        if (axis == dims.length) {
            out[next] = offset;
            return next + 1;
        }
        int n = dims[axis];
        int stride = stride(dims, axis);
        for (int i = 0; i < n; i++) {
            if (summarise && n > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                i = n - EDGE_ITEMS; // skip the middle, which NumPy drops before computing widths
            }
            next = collectShown(dims, summarise, axis + 1, offset + i * stride, out, next);
        }
        return next;
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
        private final int[] dims;
        private final boolean summarise;
        /** The formatted element at a flat offset, already padded to the common width. */
        private final IntFunction<String> word;

        Layout(int[] dims, boolean summarise, IntFunction<String> word) {
            this.dims = dims;
            this.summarise = summarise;
            this.word = word;
        }

        String recurse(int axis, int offset, String hangingIndent, int currWidth) {
            if (axis == dims.length) {
                return word.apply(offset);
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
                    String w = recurse(axis + 1, offset + i * stride, nextHangingIndent, nextWidth);
                    extendLine(s, line, w, elemWidth, hangingIndent);
                    line.append(' ');
                }
                if (showSummary) {
                    extendLine(s, line, "...", elemWidth, hangingIndent);
                    line.append(' ');
                }
                for (int i = trailing; i > 1; i--) {
                    String w = recurse(axis + 1, offset + (len - i) * stride, nextHangingIndent, nextWidth);
                    extendLine(s, line, w, elemWidth, hangingIndent);
                    line.append(' ');
                }
                String w = recurse(axis + 1, offset + (len - 1) * stride, nextHangingIndent, nextWidth);
                extendLine(s, line, w, elemWidth, hangingIndent);
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
}
