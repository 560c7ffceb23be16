package io.jgrad.ndarray;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A reference error function for tests: the Maclaurin series
 * {@code erf(x) = (2/√π) Σₙ (−1)ⁿ x^(2n+1) / (n!·(2n+1))} in 90-digit decimal arithmetic, with π
 * from Machin's formula. For {@code |x| ≤ 6} the largest term is below 10^16, so 90 digits leave
 * more than 60 correct ones after the cancellation; beyond 6, {@code erf} is ±1 to within
 * {@code 2·10^-17}, which rounds to ±1 in double.
 */
public final class ErfSeries {

    private static final MathContext MC = new MathContext(90);
    private static final BigDecimal TWO_OVER_SQRT_PI = BigDecimal.valueOf(2).divide(pi().sqrt(MC), MC);

    private ErfSeries() {
    }

    /** @return {@code erf(x)} to about 60 significant digits, for {@code |x| ≤ 6} */
    public static BigDecimal erf(double x) {
        if (Math.abs(x) > 6) {
            throw new IllegalArgumentException("the series is used for |x| <= 6 only, got " + x);
        }
        if (x == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal bx = new BigDecimal(x);
        BigDecimal x2 = bx.multiply(bx, MC);
        BigDecimal power = bx;                 // x^(2n+1) / n!, with its sign
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal tiny = bx.abs().movePointLeft(75);
        for (int n = 0; ; n++) {
            BigDecimal term = power.divide(BigDecimal.valueOf(2L * n + 1), MC);
            sum = sum.add(term, MC);
            if (n > 2 * x2.doubleValue() + 10 && term.abs().compareTo(tiny) < 0) {
                break;
            }
            power = power.multiply(x2, MC).divide(BigDecimal.valueOf(-(n + 1L)), MC);
        }
        return sum.multiply(TWO_OVER_SQRT_PI, MC);
    }

    /** @return {@code erf(x)} rounded to the nearest double (±1 beyond 6) */
    public static double erfDouble(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (Math.abs(x) > 6) {
            return Math.signum(x);
        }
        return erf(x).doubleValue();
    }

    // π = 16·atan(1/5) − 4·atan(1/239)
    private static BigDecimal pi() {
        return atanInverse(5).multiply(BigDecimal.valueOf(16)).subtract(atanInverse(239).multiply(BigDecimal.valueOf(4)), MC);
    }

    // atan(1/k) = Σ (−1)ⁿ / ((2n+1)·k^(2n+1))
    private static BigDecimal atanInverse(int k) {
        BigDecimal k2 = BigDecimal.valueOf((long) k * k);
        BigDecimal power = BigDecimal.ONE.divide(BigDecimal.valueOf(k), MC);
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(95);
        for (int n = 0; power.compareTo(eps) > 0; n++) {
            BigDecimal term = power.divide(BigDecimal.valueOf(2L * n + 1), MC);
            sum = n % 2 == 0 ? sum.add(term, MC) : sum.subtract(term, MC);
            power = power.divide(k2, MC);
        }
        return sum;
    }
}
