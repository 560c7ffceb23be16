package io.jgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link NumpyFormat#formatFloat32}. Every expected string is what NumPy 2.4.6 printed for
 * {@code str(np.array(..., dtype=np.float32))} with the default print options; the inputs are
 * listed in {@code src/test/python/numpy_str_corpus.py --examples}, which printed them.
 * {@link NumpyFormatCorpusTest} adds some twelve hundred random float32 arrays.
 */
class NumpyFormatFloat32Test {

    private static String fmt(int[] dims, float... data) {
        return NumpyFormat.formatFloat32(data, dims);
    }

    private static int[] shape(int... dims) {
        return dims;
    }

    private static float[] arange(int n) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        return d;
    }

    // ---- 0-d arrays print like str(np.float32(x)) ----------------------------------------------

    @ParameterizedTest(name = "str(np.array({0}, dtype=float32)) == {1}")
    @CsvSource(delimiter = '|', value = {
        "0.1 | 0.1",
        "0.33333334 | 0.33333334",
        "1.0 | 1.0",
        "-1.5 | -1.5",
        "0.00015 | 0.00015",
        "2.5e-5 | 2.5e-05",
        "100000.0 | 100000.0",
        "100000.5 | 100000.5",
        "123456.79 | 123456.79",
        "999999.9 | 999999.9",
        // float32 scalars switch to exponent notation at 1e6, not 1e16 as float64 does.
        "1e6 | 1e+06",
        "16777216.0 | 1.6777216e+07",
        // float32(1e-4) is 9.99999975e-05, below the scalar cutoff 1e-4.
        "1e-4 | 1e-04",
        "1e-45 | 1e-45",
        "7e-45 | 7e-45",
        "3.4028235e38 | 3.4028235e+38",
        "0.0 | 0.0",
        "-0.0 | -0.0",
    })
    void zeroDimensionalPrintsLikeTheFloat32Scalar(float x, String expected) {
        assertThat(fmt(shape(), x)).isEqualTo(expected);
    }

    @Test
    void zeroDimensionalNonFinite() {
        assertThat(fmt(shape(), Float.NaN)).isEqualTo("nan");
        assertThat(fmt(shape(), Float.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(fmt(shape(), Float.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    // ---- Digits unique among float32 neighbours ------------------------------------------------

    @Test
    void shortestDigitsAreThoseOfTheFloat() {
        assertThat(fmt(shape(1), 0.1f)).isEqualTo("[0.1]");
        // The same binary values printed as float64 would be [1.10000002 2.20000005].
        assertThat(fmt(shape(2), 1.1f, 2.2f)).isEqualTo("[1.1 2.2]");
        assertThat(fmt(shape(3), 0.3f, 0.7f, 0.1f)).isEqualTo("[0.3 0.7 0.1]");
        assertThat(fmt(shape(2), 3.14159265f, 2.71828182f)).isEqualTo("[3.1415927 2.7182817]");
    }

    @Test
    void atMostEightDecimals() {
        assertThat(fmt(shape(1), 1f / 3)).isEqualTo("[0.33333334]");
        assertThat(fmt(shape(2), 0.1f, 1f / 3)).isEqualTo("[0.1        0.33333334]");
        // 2^-9 = 0.001953125 exactly: the ninth decimal is a tie, kept even.
        assertThat(fmt(shape(2), 0.001953125f, 1f)).isEqualTo("[0.00195312 1.        ]");
    }

    @Test
    void positionalPaddingAsForFloat64() {
        assertThat(fmt(shape(3), 1, 2, 3)).isEqualTo("[1. 2. 3.]");
        assertThat(fmt(shape(3), 0.5f, 0.25f, 10)).isEqualTo("[ 0.5   0.25 10.  ]");
        assertThat(fmt(shape(2), 9.999999999f, 1f)).isEqualTo("[10.  1.]");
        assertThat(fmt(shape(2), 1, 1000)).isEqualTo("[   1. 1000.]");
    }

    @Test
    void negativeZeroAndZeros() {
        assertThat(fmt(shape(2), -0f, 1f)).isEqualTo("[-0.  1.]");
        assertThat(fmt(shape(1), -0f)).isEqualTo("[-0.]");
        assertThat(fmt(shape(2), 0f, 0f)).isEqualTo("[0. 0.]");
    }

    // ---- Exponent notation: float32's own cutoffs --------------------------------------------

    @Test
    void oneMillionSwitchesToExponentNotation() {
        // 10^min(8, finfo(float32).precision) = 1e6; float64 waits until 1e8.
        assertThat(fmt(shape(2), 999999f, 1f)).isEqualTo("[9.99999e+05 1.00000e+00]");
        assertThat(fmt(shape(2), 1e6f, 1f)).isEqualTo("[1.e+06 1.e+00]");
        assertThat(fmt(shape(2), 123456.789f, 1.5f)).isEqualTo("[1.2345679e+05 1.5000000e+00]");
        assertThat(fmt(shape(2), 12345678.9f, 99999.5f)).isEqualTo("[1.2345679e+07 9.9999500e+04]");
        assertThat(fmt(shape(1), 16777216f)).isEqualTo("[1.6777216e+07]");
        assertThat(fmt(shape(2), 16777217f, 1f)).isEqualTo("[1.6777216e+07 1.0000000e+00]");
        assertThat(fmt(shape(2), Float.MAX_VALUE, 1f)).isEqualTo("[3.4028235e+38 1.0000000e+00]");
    }

    @Test
    void theTenThousandthCutoffIsComparedInFloat32() {
        // float32(1e-4) is not below float32(1e-4), though it is below the double 1e-4.
        assertThat(fmt(shape(1), 1e-4f)).isEqualTo("[0.0001]");
        assertThat(fmt(shape(1), 9.9999e-5f)).isEqualTo("[9.9999e-05]");
        // Here the ratio 1 / 1e-4 is above 1000.
        assertThat(fmt(shape(2), 1e-4f, 1f)).isEqualTo("[1.e-04 1.e+00]");
    }

    @Test
    void ratioCutoffAsForFloat64() {
        assertThat(fmt(shape(2), 1, 1001)).isEqualTo("[1.000e+00 1.001e+03]");
        assertThat(fmt(shape(4), -1e-3f, 2.5e-3f, 123.25f, -7f))
                .isEqualTo("[-1.0000e-03  2.5000e-03  1.2325e+02 -7.0000e+00]");
        assertThat(fmt(shape(2), 1e30f, -1e-30f)).isEqualTo("[ 1.e+30 -1.e-30]");
    }

    @Test
    void theRatioIsRoundedToFloat32BeforeTheCutoff() {
        // The exact quotient is 1000.00003, which would mean exponent notation for float64; in
        // float32 it rounds to 1000, which is not above the cutoff.
        assertThat(fmt(shape(2), 1.0200538635253906f, 1020.0538940429688f))
                .isEqualTo("[   1.0200539 1020.0539   ]");
    }

    @Test
    void subnormals() {
        assertThat(fmt(shape(1), Float.MIN_VALUE)).isEqualTo("[1.e-45]");
        assertThat(fmt(shape(2), Float.MIN_VALUE, 1f)).isEqualTo("[1.e-45 1.e+00]");
        // Asked for one more digit than its unique one, 1e-45 shows its real value 1.401…e-45.
        assertThat(fmt(shape(2), Float.MIN_VALUE, 1.5f)).isEqualTo("[1.4e-45 1.5e+00]");
        assertThat(fmt(shape(2), 1.4e-45f, 2.8e-45f)).isEqualTo("[1.e-45 3.e-45]");
        assertThat(fmt(shape(1), Float.MIN_NORMAL)).isEqualTo("[1.1754944e-38]");
    }

    // ---- nan and inf ------------------------------------------------------------------------

    @Test
    void nonFiniteValues() {
        assertThat(fmt(shape(3), Float.NaN, 1.5f, Float.NEGATIVE_INFINITY)).isEqualTo("[ nan  1.5 -inf]");
        assertThat(fmt(shape(2), Float.NaN, Float.POSITIVE_INFINITY)).isEqualTo("[nan inf]");
        assertThat(fmt(shape(2), Float.NaN, Float.NEGATIVE_INFINITY)).isEqualTo("[ nan -inf]");
        assertThat(fmt(shape(3), 1e-5f, Float.NaN, 1.5f)).isEqualTo("[1.0e-05     nan 1.5e+00]");
    }

    // ---- Shapes, wrapping, summarisation ------------------------------------------------------

    @Test
    void matrixAndRankThree() {
        assertThat(fmt(shape(2, 3), 0, 0.25f, 0.5f, 0.75f, 1, 1.25f))
                .isEqualTo("[[0.   0.25 0.5 ]\n [0.75 1.   1.25]]");
        assertThat(fmt(shape(2, 2, 2), arange(8)))
                .isEqualTo("[[[0. 1.]\n  [2. 3.]]\n\n [[4. 5.]\n  [6. 7.]]]");
    }

    @Test
    void longRowsWrapAtSeventyFiveColumns() {
        // np.arange(30, dtype=np.float32) * 1.1: float32 products, some with 7 decimals.
        float[] d = new float[30];
        for (int i = 0; i < d.length; i++) {
            d[i] = i * 1.1f;
        }
        assertThat(fmt(shape(30), d)).isEqualTo(
                "[ 0.         1.1        2.2        3.3000002  4.4        5.5\n"
                + "  6.6000004  7.7000003  8.8        9.900001  11.        12.1\n"
                + " 13.200001  14.3       15.400001  16.5       17.6       18.7\n"
                + " 19.800001  20.9       22.        23.1       24.2       25.300001\n"
                + " 26.400002  27.5       28.6       29.7       30.800001  31.900002 ]");
    }

    @Test
    void summarisedVector() {
        assertThat(fmt(shape(2000), arange(2000)))
                .isEqualTo("[0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03]");
        // np.arange(2000, dtype=np.float32) / 7: the quotients are rounded to float32.
        float[] d = arange(2000);
        for (int i = 0; i < d.length; i++) {
            d[i] /= 7;
        }
        assertThat(fmt(shape(2000), d)).isEqualTo(
                "[0.0000000e+00 1.4285715e-01 2.8571430e-01 ... 2.8528571e+02 2.8542856e+02\n"
                + " 2.8557144e+02]");
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
    }

    @Test
    void emptyArrays() {
        assertThat(fmt(shape(0))).isEqualTo("[]");
        assertThat(fmt(shape(2, 0))).isEqualTo("[]");
    }

    // ---- Argument checks ----------------------------------------------------------------------

    @Test
    void rejectsDataThatDoesNotFillTheShape() {
        assertThatThrownBy(() -> fmt(shape(2, 2), 1, 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("formatFloat32")
                .hasMessageContaining("(2, 2)");
        assertThatThrownBy(() -> fmt(shape(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
