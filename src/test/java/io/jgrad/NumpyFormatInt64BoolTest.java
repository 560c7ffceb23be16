package io.jgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@link NumpyFormat#formatInt64} and {@link NumpyFormat#formatBool}. Every expected string is
 * what NumPy 2.4.6 printed for {@code str()} of the same int64 or bool array with the default
 * print options; the inputs are listed in {@code src/test/python/numpy_str_corpus.py --examples},
 * which printed them.
 */
class NumpyFormatInt64BoolTest {

    private static String ints(int[] dims, long... data) {
        return NumpyFormat.formatInt64(data, dims);
    }

    private static String bools(int[] dims, boolean... data) {
        return NumpyFormat.formatBool(data, dims);
    }

    private static int[] shape(int... dims) {
        return dims;
    }

    private static long[] arange(int n) {
        long[] d = new long[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        return d;
    }

    // ---- int64 ------------------------------------------------------------------------------

    @Test
    void int64ZeroDimensional() {
        assertThat(ints(shape(), 0)).isEqualTo("0");
        assertThat(ints(shape(), -7)).isEqualTo("-7");
        assertThat(ints(shape(), Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(ints(shape(), Long.MAX_VALUE)).isEqualTo("9223372036854775807");
    }

    @Test
    void int64RightAlignedToTheWidestShownElement() {
        assertThat(ints(shape(3), 1, 2, 3)).isEqualTo("[1 2 3]");
        assertThat(ints(shape(2, 2), 1, -2, 10, 4)).isEqualTo("[[ 1 -2]\n [10  4]]");
        assertThat(ints(shape(1), -5)).isEqualTo("[-5]");
        assertThat(ints(shape(1), 0)).isEqualTo("[0]");
        // The minus sign counts: -1 is as wide as 10.
        assertThat(ints(shape(3), -1, 100, 7)).isEqualTo("[ -1 100   7]");
    }

    @Test
    void int64Extremes() {
        assertThat(ints(shape(2), Long.MIN_VALUE, Long.MAX_VALUE))
                .isEqualTo("[-9223372036854775808  9223372036854775807]");
        assertThat(ints(shape(3), Long.MIN_VALUE, 0, 1))
                .isEqualTo("[-9223372036854775808                    0                    1]");
    }

    @Test
    void int64RankThree() {
        long[] d = arange(12);
        for (int i = 0; i < d.length; i++) {
            d[i] -= 6;
        }
        assertThat(ints(shape(2, 3, 2), d))
                .isEqualTo("[[[-6 -5]\n  [-4 -3]\n  [-2 -1]]\n\n [[ 0  1]\n  [ 2  3]\n  [ 4  5]]]");
    }

    @Test
    void int64LongRowsWrapAtSeventyFiveColumns() {
        long[] d = arange(100);
        for (int i = 0; i < d.length; i++) {
            d[i] *= 1000;
        }
        assertThat(ints(shape(100), d)).isEqualTo(
                "[    0  1000  2000  3000  4000  5000  6000  7000  8000  9000 10000 11000\n"
                + " 12000 13000 14000 15000 16000 17000 18000 19000 20000 21000 22000 23000\n"
                + " 24000 25000 26000 27000 28000 29000 30000 31000 32000 33000 34000 35000\n"
                + " 36000 37000 38000 39000 40000 41000 42000 43000 44000 45000 46000 47000\n"
                + " 48000 49000 50000 51000 52000 53000 54000 55000 56000 57000 58000 59000\n"
                + " 60000 61000 62000 63000 64000 65000 66000 67000 68000 69000 70000 71000\n"
                + " 72000 73000 74000 75000 76000 77000 78000 79000 80000 81000 82000 83000\n"
                + " 84000 85000 86000 87000 88000 89000 90000 91000 92000 93000 94000 95000\n"
                + " 96000 97000 98000 99000]");
    }

    @Test
    void int64Summarised() {
        assertThat(ints(shape(2000), arange(2000))).isEqualTo("[   0    1    2 ... 1997 1998 1999]");
        // A hidden Long.MIN_VALUE would widen every field: NumPy sizes from the shown ones only.
        long[] d = arange(2000);
        d[1000] = Long.MIN_VALUE;
        assertThat(ints(shape(2000), d)).isEqualTo("[   0    1    2 ... 1997 1998 1999]");
        assertThat(ints(shape(40, 30), arange(1200))).isEqualTo(
                "[[   0    1    2 ...   27   28   29]\n"
                + " [  30   31   32 ...   57   58   59]\n"
                + " [  60   61   62 ...   87   88   89]\n"
                + " ...\n"
                + " [1110 1111 1112 ... 1137 1138 1139]\n"
                + " [1140 1141 1142 ... 1167 1168 1169]\n"
                + " [1170 1171 1172 ... 1197 1198 1199]]");
    }

    @Test
    void int64Empty() {
        assertThat(ints(shape(0))).isEqualTo("[]");
        assertThat(ints(shape(0, 3))).isEqualTo("[]");
    }

    // ---- bool -------------------------------------------------------------------------------

    @Test
    void boolZeroDimensionalHasNoPadding() {
        assertThat(bools(shape(), true)).isEqualTo("True");
        assertThat(bools(shape(), false)).isEqualTo("False");
    }

    @Test
    void boolTrueIsPaddedToTheWidthOfFalse() {
        assertThat(bools(shape(3), true, false, true)).isEqualTo("[ True False  True]");
        // Even when there is no False to line up with.
        assertThat(bools(shape(2), true, true)).isEqualTo("[ True  True]");
        assertThat(bools(shape(1), false)).isEqualTo("[False]");
        assertThat(bools(shape(2, 2), true, false, false, true)).isEqualTo("[[ True False]\n [False  True]]");
        assertThat(bools(shape(2, 2, 2), true, true, true, true, true, true, true, true))
                .isEqualTo("[[[ True  True]\n  [ True  True]]\n\n [[ True  True]\n  [ True  True]]]");
    }

    @Test
    void boolLongRowsWrapAndSummarise() {
        boolean[] d = new boolean[30];
        for (int i = 0; i < d.length; i++) {
            d[i] = i % 3 == 0;
        }
        assertThat(bools(shape(30), d)).isEqualTo(
                "[ True False False  True False False  True False False  True False False\n"
                + "  True False False  True False False  True False False  True False False\n"
                + "  True False False  True False False]");
        boolean[] e = new boolean[2000];
        for (int i = 0; i < e.length; i++) {
            e[i] = i % 2 == 0;
        }
        assertThat(bools(shape(2000), e)).isEqualTo("[ True False  True ... False  True False]");
    }

    @Test
    void boolEmpty() {
        assertThat(bools(shape(0))).isEqualTo("[]");
    }

    // ---- Argument checks ----------------------------------------------------------------------

    @Test
    void rejectDataThatDoesNotFillTheShape() {
        assertThatThrownBy(() -> ints(shape(2, 2), 1, 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("formatInt64")
                .hasMessageContaining("(2, 2)");
        assertThatThrownBy(() -> bools(shape(), true, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("formatBool")
                .hasMessageContaining("()");
    }
}
