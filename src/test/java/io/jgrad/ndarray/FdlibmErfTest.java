package io.jgrad.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FdlibmErf} against a 90-digit series ({@link ErfSeries}): within one ulp on random points
 * of every piece of its range, at the pieces' boundaries and their neighbours, on tiny and subnormal
 * arguments; odd symmetry; special values; and the values PyTorch 2.13 (glibc's {@code erf})
 * printed for a few points.
 */
class FdlibmErfTest {

    // the boundaries of fdlibm's pieces: 2^-28, 0.84375, 1.25, 1/0.35, 6
    private static final double[] BOUNDARIES = {0x1p-28, 0.84375, 1.25, 1 / 0.35, 6.0, 0x1p-1022, Double.MIN_VALUE};

    @Test
    void withinOneUlpOfTheSeriesOnEveryPiece() {
        Random rng = new Random(31415);
        List<Double> points = new ArrayList<>();
        double[][] ranges = {{0, 0x1p-28}, {0x1p-28, 0.84375}, {0.84375, 1.25}, {1.25, 1 / 0.35}, {1 / 0.35, 6}};
        for (double[] r : ranges) {
            for (int i = 0; i < 80; i++) {
                points.add(r[0] + (r[1] - r[0]) * rng.nextDouble()); // erf is odd: isOddAndSaturates covers x < 0
            }
        }
        for (double b : BOUNDARIES) {
            for (double v : new double[] {Math.nextDown(b), b, Math.nextUp(b)}) {
                points.add(v);
                points.add(-v);
            }
        }
        for (int e = -1074; e <= -1000; e += 7) {
            points.add(Math.scalb(1.0, e)); // subnormals and the smallest normals
        }
        double worst = 0;
        for (double x : points) {
            if (Math.abs(x) > 6) {
                assertThat(FdlibmErf.erf(x)).as("erf(%s)", x).isEqualTo(Math.signum(x));
                continue;
            }
            BigDecimal exact = ErfSeries.erf(x);
            double got = FdlibmErf.erf(x);
            double ulp = Math.ulp(exact.doubleValue());
            double error = new BigDecimal(got).subtract(exact).abs().divide(new BigDecimal(ulp),
                    java.math.MathContext.DECIMAL64).doubleValue();
            worst = Math.max(worst, error);
            assertThat(error).as("erf(%s) = %s, series %s: error in ulps", x, got, exact).isLessThan(1.0);
        }
        assertThat(worst).as("the worst error, in ulps, is small but the test is not vacuous").isGreaterThan(0.1);
    }

    @Test
    void isOddAndSaturates() {
        Random rng = new Random(2718);
        for (int i = 0; i < 1000; i++) {
            double x = 8 * rng.nextGaussian();
            assertThat(FdlibmErf.erf(-x)).isEqualTo(-FdlibmErf.erf(x));
        }
        for (double x : new double[] {6.0, 7.5, 28.0, 1e300}) {
            assertThat(FdlibmErf.erf(x)).isEqualTo(1.0);
            assertThat(FdlibmErf.erf(-x)).isEqualTo(-1.0);
        }
    }

    @Test
    void specialValues() {
        assertThat(FdlibmErf.erf(Double.NaN)).isNaN();
        assertThat(FdlibmErf.erf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(FdlibmErf.erf(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
        assertThat(Double.doubleToRawLongBits(FdlibmErf.erf(0.0))).isZero();
        assertThat(Double.doubleToRawLongBits(FdlibmErf.erf(-0.0))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        // below 2^-28 erf(x) = (2/√π)·x to within an ulp, subnormals included
        assertThat(FdlibmErf.erf(1e-310)).isEqualTo(1.1283791670955e-310);
    }

    /** Values printed by {@code torch.erf} (float64) in PyTorch 2.13 with Python's {@code repr}. */
    @Test
    void agreesWithPyTorchToAnUlp() {
        double[][] recorded = {
            {1e-310, 1.1283791670955e-310}, {3e-09, 3.3851375012865378e-09}, {0.1, 0.1124629160182849},
            {0.5, 0.5204998778130465}, {0.84375, 0.7672256612323416}, {0.9, 0.7969082124228322},
            {1.0, 0.8427007929497149}, {1.25, 0.9229001282564583}, {2.0, 0.9953222650189527},
            {2.857142857142857, 0.9999466876886117}, {3.5, 0.9999992569016276}, {5.0, 0.9999999999984626},
            {5.9, 0.9999999999999999}, {-0.3, -0.3286267594591274}, {-1.7, -0.9837904585907745},
            {-4.2, -0.9999999971445058},
        };
        for (double[] r : recorded) {
            assertThat(Math.abs(FdlibmErf.erf(r[0]) - r[1])).as("erf(%s)", r[0]).isLessThanOrEqualTo(Math.ulp(r[1]));
        }
    }

    @Test
    void erfcIsOneMinusErfWithinTwoUlpsAndKeepsItsTail() {
        Random rng = new Random(1618);
        for (int i = 0; i < 600; i++) {
            double x = i % 3 == 0 ? 12 * rng.nextDouble() - 6 : 4 * rng.nextGaussian();
            if (Math.abs(x) > 6) {
                continue;
            }
            BigDecimal exact = BigDecimal.ONE.subtract(ErfSeries.erf(x));
            double got = FdlibmErf.erfc(x);
            double error = new BigDecimal(got).subtract(exact).abs()
                    .divide(new BigDecimal(Math.ulp(exact.doubleValue())), java.math.MathContext.DECIMAL64).doubleValue();
            // fdlibm's erfc (and glibc's, which gives the same bits) reaches 1.6 ulp near 2.5
            assertThat(error).as("erfc(%s) = %s, 1 − series %s: error in ulps", x, got, exact).isLessThan(2.0);
        }
        // the tail, where 1 − erf is 0 in double: mpmath's erfc at 50 digits, rounded to double
        double[][] tail = {
            {6.5, 3.8421483271206475e-20}, {7.0, 4.183825607779414e-23}, {10.0, 2.088487583762545e-45},
            {15.0, 7.212994172451207e-100}, {20.0, 5.395865611607901e-176}, {26.0, 5.663192408856143e-296},
        };
        for (double[] r : tail) {
            assertThat(Math.abs(FdlibmErf.erfc(r[0]) - r[1])).as("erfc(%s)", r[0]).isLessThanOrEqualTo(Math.ulp(r[1]));
        }
        assertThat(FdlibmErf.erfc(-7.0)).isEqualTo(2.0);
        assertThat(FdlibmErf.erfc(30.0)).isZero();
        assertThat(FdlibmErf.erfc(Double.POSITIVE_INFINITY)).isZero();
        assertThat(FdlibmErf.erfc(Double.NEGATIVE_INFINITY)).isEqualTo(2.0);
        assertThat(FdlibmErf.erfc(Double.NaN)).isNaN();
        assertThat(FdlibmErf.erfc(0.0)).isEqualTo(1.0);
    }

    /**
     * The float32 GELU, {@code x·½·erfc(−x/√2)}, against the exact values (PyTorch 2.13's float64
     * {@code x·0.5·erfc(−x·√½)}, rounded to float): the correctly rounded float also in the far
     * left tail, where {@code 1 + erf} cancels.
     */
    @Test
    void float32GeluIsCorrectlyRoundedIntoTheTail() {
        double[][] recorded = {
            {-14.0, -1.0910951546869918e-43}, {-10.0, -7.619853024160497e-23}, {-8.0, -4.976768459417405e-15},
            {-6.0, -5.919525870226162e-09}, {-5.0, -1.4332578593959682e-06}, {-3.0, -0.004049694094890278},
            {-1.0, -0.15865525393145705}, {-0.5, -0.15426876936299344}, {0.5, 0.34573123063700656},
            {2.0, 1.9544997361036416}, {10.0, 10.0},
        };
        for (double[] r : recorded) {
            assertThat(ScalarMath.gelu((float) r[0])).as("gelu(%s)", r[0]).isEqualTo((float) r[1]);
        }
        assertThat(ScalarMath.gelu(Float.POSITIVE_INFINITY)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(ScalarMath.gelu(-100f)).isEqualTo(-0.0f);
        assertThat(ScalarMath.gelu(Float.NaN)).isNaN();
    }
}
