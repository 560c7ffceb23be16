package io.jgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every expected string here is what NumPy 2.4 printed for the same float64 array, via
 * {@code str(np.array(...))} with the default print options.
 */
class NumpyFormatTest {

    private static String fmt(int[] dims, double... data) {
        return NumpyFormat.format(data, dims);
    }

    private static int[] shape(int... dims) {
        return dims;
    }

    private static double[] arange(int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        return d;
    }

    // ---- 0-d arrays print like Python's repr(float) --------------------------------------------

    @ParameterizedTest(name = "str(np.array({0})) == {1}")
    @CsvSource(delimiter = '|', value = {
        "1.0 | 1.0",
        "6.0 | 6.0",
        "-1.5 | -1.5",
        "1e-05 | 1e-05",
        "1e16 | 1e+16",
        "0.1 | 0.1",
        "-0.0 | -0.0",
        "0.0 | 0.0",
        "0.0001 | 0.0001",
        "9999999999999998.0 | 9999999999999998.0",
        "123456789012345678.0 | 1.2345678901234568e+17",
        "0.001953125 | 0.001953125",
        "0.3333333333333333 | 0.3333333333333333",
        "100.0 | 100.0",
        "1e22 | 1e+22",
        // Java 17's Double.toString gives 1.9999999999999998E23, 9.999999999999999E22, 4.9E-324
        // and 2.31845256772633248E17 for these: none is the shortest round-trip form.
        "2e23 | 2e+23",
        "1e23 | 1e+23",
        "5e-324 | 5e-324",
        "2.31845256772633248E17 | 2.3184525677263325e+17",
    })
    void zeroDimensionalPrintsLikePythonRepr(double x, String expected) {
        assertThat(fmt(shape(), x)).isEqualTo(expected);
    }

    @Test
    void zeroDimensionalNonFinite() {
        assertThat(fmt(shape(), Double.NaN)).isEqualTo("nan");
        assertThat(fmt(shape(), Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(fmt(shape(), Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    // ---- The notebook's outputs -------------------------------------------------------------

    @Test
    void notebookMatrices() {
        assertThat(fmt(shape(2, 2), -4.5, -9.0, -6.0, -12.0)).isEqualTo("[[ -4.5  -9. ]\n [ -6.  -12. ]]");
        assertThat(fmt(shape(1, 2), -7.5, -16.5)).isEqualTo("[[ -7.5 -16.5]]");
        assertThat(fmt(shape(2, 1), -22.5, -33.0)).isEqualTo("[[-22.5]\n [-33. ]]");
        assertThat(fmt(shape(1, 1), -1.5)).isEqualTo("[[-1.5]]");
    }

    // ---- Positional notation ----------------------------------------------------------------

    @Test
    void integersKeepABareDecimalPoint() {
        assertThat(fmt(shape(2), 1.0, 2.0)).isEqualTo("[1. 2.]");
    }

    @Test
    void fractionsArePaddedToTheLongestWithSpaces() {
        assertThat(fmt(shape(3), 0.5, 0.25, 10.0)).isEqualTo("[ 0.5   0.25 10.  ]");
    }

    @Test
    void atMostEightDecimals() {
        assertThat(fmt(shape(2), 1.0 / 3, 2.0 / 3)).isEqualTo("[0.33333333 0.66666667]");
    }

    @Test
    void eighthDecimalTieRoundsHalfEven() {
        // 2^-9 = 0.001953125 exactly: the ninth decimal is a tie, kept even.
        assertThat(fmt(shape(2), 0.001953125, 1.0)).isEqualTo("[0.00195312 1.        ]");
    }

    @Test
    void roundingCarriesIntoTheIntegerPart() {
        assertThat(fmt(shape(2), 9.999999999, 1.0)).isEqualTo("[10.  1.]");
    }

    @Test
    void ratioOfExactlyOneThousandStaysPositional() {
        assertThat(fmt(shape(2), 1.0, 1000.0)).isEqualTo("[   1. 1000.]");
    }

    @Test
    void largeValuesBelowOneHundredMillionStayPositional() {
        assertThat(fmt(shape(2), 12345678.9, 99999.5)).isEqualTo("[12345678.9    99999.5]");
    }

    @Test
    void negativeZeroAndZeros() {
        assertThat(fmt(shape(2), -0.0, 1.0)).isEqualTo("[-0.  1.]");
        assertThat(fmt(shape(2), 0.0, 0.0)).isEqualTo("[0. 0.]");
    }

    // ---- Exponent notation ------------------------------------------------------------------

    @Test
    void tinyAndOrdinaryValuesTogetherSwitchToExponentNotation() {
        assertThat(fmt(shape(2, 2), 8.001688888e-34, 1.733699261e-33, -6.0, -13.0))
                .isEqualTo("[[ 8.00168889e-34  1.73369926e-33]\n [-6.00000000e+00 -1.30000000e+01]]");
    }

    @Test
    void maxOfOneHundredMillionSwitchesToExponentNotation() {
        assertThat(fmt(shape(2), 1e8, 1.0)).isEqualTo("[1.e+08 1.e+00]");
    }

    @Test
    void ratioAboveOneThousandSwitchesToExponentNotation() {
        assertThat(fmt(shape(2), 1.0, 1001.0)).isEqualTo("[1.000e+00 1.001e+03]");
    }

    @Test
    void minBelowOneTenThousandthSwitchesToExponentNotation() {
        assertThat(fmt(shape(2), 1e-5, 1.0)).isEqualTo("[1.e-05 1.e+00]");
        // 1e-4 itself is not below the cutoff, but 1 / 1e-4 is a ratio above 1000.
        assertThat(fmt(shape(2), 1e-4, 1.0)).isEqualTo("[1.e-04 1.e+00]");
        assertThat(fmt(shape(2), 1e-5, 1e10)).isEqualTo("[1.e-05 1.e+10]");
    }

    @Test
    void mantissasShareOneDigitCount() {
        assertThat(fmt(shape(4), -1e-3, 2.5e-3, 123.25, -7.0))
                .isEqualTo("[-1.0000e-03  2.5000e-03  1.2325e+02 -7.0000e+00]");
    }

    @Test
    void threeDigitExponentsWidenEveryExponent() {
        assertThat(fmt(shape(2), 1e100, -1e-100)).isEqualTo("[ 1.e+100 -1.e-100]");
        assertThat(fmt(shape(2), 5e-324, 1.0)).isEqualTo("[5.e-324 1.e+000]");
    }

    @Test
    void subnormalPrintsRealDigitsPastItsUniqueOnes() {
        // min_digits makes Dragon4 go past "5" into the exact value 4.94065645…e-324.
        assertThat(fmt(shape(2), 5e-324, 1.5)).isEqualTo("[4.9e-324 1.5e+000]");
    }

    @Test
    void java17NonShortestValuesPrintShortInArraysToo() {
        assertThat(fmt(shape(2), -2e23, 2e23)).isEqualTo("[-2.e+23  2.e+23]");
    }

    // ---- nan and inf ------------------------------------------------------------------------

    @Test
    void nonFiniteValuesArePaddedToTheFieldWidth() {
        assertThat(fmt(shape(3), Double.NaN, 1.5, Double.NEGATIVE_INFINITY)).isEqualTo("[ nan  1.5 -inf]");
        assertThat(fmt(shape(3), 1e-5, Double.NaN, 1.5)).isEqualTo("[1.0e-05     nan 1.5e+00]");
    }

    @Test
    void onlyNonFiniteValues() {
        assertThat(fmt(shape(2), Double.NaN, Double.POSITIVE_INFINITY)).isEqualTo("[nan inf]");
        assertThat(fmt(shape(2), Double.NaN, Double.NEGATIVE_INFINITY)).isEqualTo("[ nan -inf]");
    }

    // ---- Nesting, wrapping, empty arrays ------------------------------------------------------

    @Test
    void rankThreeHasABlankLineBetweenBlocks() {
        assertThat(fmt(shape(2, 2, 2), 1, 2, 3, 4, 5, 6, 7, 8))
                .isEqualTo("[[[1. 2.]\n  [3. 4.]]\n\n [[5. 6.]\n  [7. 8.]]]");
    }

    @Test
    void rankFourHasTwoBlankLinesBetweenOutermostBlocks() {
        assertThat(fmt(shape(2, 1, 2, 1), 1, 2, 3, 4))
                .isEqualTo("[[[[1.]\n   [2.]]]\n\n\n [[[3.]\n   [4.]]]]");
    }

    @Test
    void longRowsWrapAtSeventyFiveColumns() {
        double[] d = new double[30];
        for (int i = 0; i < d.length; i++) {
            d[i] = 1.5 * i;
        }
        assertThat(fmt(shape(30), d)).isEqualTo(
                "[ 0.   1.5  3.   4.5  6.   7.5  9.  10.5 12.  13.5 15.  16.5 18.  19.5\n"
                + " 21.  22.5 24.  25.5 27.  28.5 30.  31.5 33.  34.5 36.  37.5 39.  40.5\n"
                + " 42.  43.5]");
    }

    @Test
    void wrappedRowsOfAMatrixIndentPastTheirBracket() {
        double[] d = new double[40];
        for (int i = 0; i < d.length; i++) {
            d[i] = i / 4.0;
        }
        assertThat(fmt(shape(2, 20), d)).isEqualTo(
                "[[0.   0.25 0.5  0.75 1.   1.25 1.5  1.75 2.   2.25 2.5  2.75 3.   3.25\n"
                + "  3.5  3.75 4.   4.25 4.5  4.75]\n"
                + " [5.   5.25 5.5  5.75 6.   6.25 6.5  6.75 7.   7.25 7.5  7.75 8.   8.25\n"
                + "  8.5  8.75 9.   9.25 9.5  9.75]]");
    }

    @Test
    void emptyArraysOfAnyShapePrintAsEmptyBrackets() {
        assertThat(fmt(shape(0))).isEqualTo("[]");
        assertThat(fmt(shape(2, 0))).isEqualTo("[]");
        assertThat(fmt(shape(2, 0, 3))).isEqualTo("[]");
    }

    // ---- Summarisation (more than 1000 elements) ---------------------------------------------

    @Test
    void oneThousandElementsAreAllShown() {
        String s = fmt(shape(1000), arange(1000));
        assertThat(s).doesNotContain("...")
                .startsWith("[  0.   1.   2.   3.   4.   5.   6.   7.   8.   9.  10.  11.")
                .endsWith("88. 989. 990. 991. 992. 993.\n 994. 995. 996. 997. 998. 999.]");
        assertThat(s.chars().filter(c -> c == '\n').count()).isEqualTo(71);
    }

    @Test
    void summarisedVectorShowsThreeItemsEachEnd() {
        assertThat(fmt(shape(1001), arange(1001))).isEqualTo("[   0.    1.    2. ...  998.  999. 1000.]");
    }

    @Test
    void hiddenItemsDoNotAffectNotationOrWidths() {
        // A hidden 1e10 would force exponent notation, a hidden nan wider fields: NumPy ignores both.
        double[] d = arange(1001);
        d[500] = 1e10;
        d[3] = Double.NaN;
        assertThat(fmt(shape(1001), d)).isEqualTo("[   0.    1.    2. ...  998.  999. 1000.]");
    }

    @Test
    void summarisedMatrix() {
        assertThat(fmt(shape(40, 30), arange(1200))).isEqualTo(
                "[[0.000e+00 1.000e+00 2.000e+00 ... 2.700e+01 2.800e+01 2.900e+01]\n"
                + " [3.000e+01 3.100e+01 3.200e+01 ... 5.700e+01 5.800e+01 5.900e+01]\n"
                + " [6.000e+01 6.100e+01 6.200e+01 ... 8.700e+01 8.800e+01 8.900e+01]\n"
                + " ...\n"
                + " [1.110e+03 1.111e+03 1.112e+03 ... 1.137e+03 1.138e+03 1.139e+03]\n"
                + " [1.140e+03 1.141e+03 1.142e+03 ... 1.167e+03 1.168e+03 1.169e+03]\n"
                + " [1.170e+03 1.171e+03 1.172e+03 ... 1.197e+03 1.198e+03 1.199e+03]]");
        // Only the long axis is cut.
        assertThat(fmt(shape(3, 400), arange(1200))).isEqualTo(
                "[[0.000e+00 1.000e+00 2.000e+00 ... 3.970e+02 3.980e+02 3.990e+02]\n"
                + " [4.000e+02 4.010e+02 4.020e+02 ... 7.970e+02 7.980e+02 7.990e+02]\n"
                + " [8.000e+02 8.010e+02 8.020e+02 ... 1.197e+03 1.198e+03 1.199e+03]]");
    }

    @Test
    void summarisedRankThreeOnlyAlongTheLastAxis() {
        assertThat(fmt(shape(2, 3, 200), arange(1200))).isEqualTo(
                "[[[0.000e+00 1.000e+00 2.000e+00 ... 1.970e+02 1.980e+02 1.990e+02]\n"
                + "  [2.000e+02 2.010e+02 2.020e+02 ... 3.970e+02 3.980e+02 3.990e+02]\n"
                + "  [4.000e+02 4.010e+02 4.020e+02 ... 5.970e+02 5.980e+02 5.990e+02]]\n"
                + "\n"
                + " [[6.000e+02 6.010e+02 6.020e+02 ... 7.970e+02 7.980e+02 7.990e+02]\n"
                + "  [8.000e+02 8.010e+02 8.020e+02 ... 9.970e+02 9.980e+02 9.990e+02]\n"
                + "  [1.000e+03 1.001e+03 1.002e+03 ... 1.197e+03 1.198e+03 1.199e+03]]]");
    }

    @Test
    void summarisedRankThreeAlongEveryAxis() {
        String s = fmt(shape(11, 11, 11), arange(1331));
        assertThat(s).startsWith(
                "[[[0.000e+00 1.000e+00 2.000e+00 ... 8.000e+00 9.000e+00 1.000e+01]\n"
                + "  [1.100e+01 1.200e+01 1.300e+01 ... 1.900e+01 2.000e+01 2.100e+01]\n"
                + "  [2.200e+01 2.300e+01 2.400e+01 ... 3.000e+01 3.100e+01 3.200e+01]\n"
                + "  ...\n"
                + "  [8.800e+01 8.900e+01 9.000e+01 ... 9.600e+01 9.700e+01 9.800e+01]\n");
        // Between outer blocks the summary sits on its own line, with a blank line on each side.
        assertThat(s).contains(
                "  [3.520e+02 3.530e+02 3.540e+02 ... 3.600e+02 3.610e+02 3.620e+02]]\n"
                + "\n"
                + " ...\n"
                + "\n"
                + " [[9.680e+02 9.690e+02 9.700e+02 ... 9.760e+02 9.770e+02 9.780e+02]\n");
        assertThat(s).endsWith(
                "  [1.320e+03 1.321e+03 1.322e+03 ... 1.328e+03 1.329e+03 1.330e+03]]]");
        assertThat(s.split("\n", -1)).hasSize(49);
    }

    // ---- Argument checks ----------------------------------------------------------------------

    @Test
    void rejectsDataThatDoesNotFillTheShape() {
        assertThatThrownBy(() -> fmt(shape(2, 2), 1, 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(2, 2)");
        assertThatThrownBy(() -> fmt(shape(), 1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fmt(shape(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void doesNotModifyItsInputs() {
        double[] data = {1.5, -2.0};
        int[] dims = {2};
        NumpyFormat.format(data, dims);
        assertThat(data).containsExactly(1.5, -2.0);
        assertThat(dims).containsExactly(2);
    }
}
