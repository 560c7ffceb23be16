package io.jgrad;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Decimal digits of a binary floating-point value, as NumPy's Dragon4 ({@code dragon4.c}, after
 * Steele &amp; White and Burger &amp; Dybvig) produces them in its "unique" mode, on the exact
 * binary value in {@link BigInteger} arithmetic.
 *
 * <p>{@link Double#toString(double)} and {@link Float#toString(float)} can't be used instead: in
 * Java 17 they are not always the shortest representation that reads back to the same value, and
 * they know nothing of NumPy's cutoffs (the 8-decimal cap, or the extra digits NumPy asks for to
 * give every element of an array the same precision).
 */
final class Dragon4 {

    /**
     * Decimal digits {@code d0 d1 … dn} (possibly with trailing zeros) worth
     * {@code d0.d1…dn × 10^exp}; for example 0.25 is {@code ("25", -1)}, zero is {@code ("0", 0)}.
     */
    record Digits(String digits, int exp) {
    }

    private Dragon4() {
    }

    /**
     * Digits of |x| for a float64 value; for example {@code of(0.1, true, -1, -1)} is
     * {@code ("1", -1)}, and {@code of(1.0 / 3, false, 8, -1)} is {@code ("33333333", -1)}.
     *
     * <p>Digits stop as soon as they identify the double (round-trip boundaries included when the
     * significand is even, as IEEE round-half-even parsing allows), but not before the
     * {@code cutoffMin} position and never after the {@code cutoffMax} position, the final digit
     * being rounded from the exact remainder.
     *
     * @param totalLength whether the cutoffs count significant digits (scientific) rather than
     *     digits after the decimal point (positional)
     * @param cutoffMax the most digits to print, or -1 for no limit
     * @param cutoffMin the fewest digits to print, or -1 for no minimum
     */
    static Digits of(double x, boolean totalLength, int cutoffMax, int cutoffMin) {
        long bits = Double.doubleToRawLongBits(x) & Long.MAX_VALUE;
        // 52 stored significand bits; a normal value is (2^52 + fraction)·2^(biased - 1075).
        return generate((int) (bits >>> 52), bits & ((1L << 52) - 1), 52, 1075, Math.abs(x),
                totalLength, cutoffMax, cutoffMin);
    }

    /**
     * Digits of |x| for a float32 value, unique with respect to the neighbouring floats (not
     * doubles); for example {@code of(0.1f, true, -1, -1)} is {@code ("1", -1)}, where the
     * float64 digits of the same binary value would be {@code 100000001490116…}. The arguments
     * mean what they mean in {@link #of(double, boolean, int, int)}.
     */
    static Digits of(float x, boolean totalLength, int cutoffMax, int cutoffMin) {
        int bits = Float.floatToRawIntBits(x) & Integer.MAX_VALUE;
        // 23 stored significand bits; a normal value is (2^23 + fraction)·2^(biased - 150).
        return generate(bits >>> 23, bits & ((1 << 23) - 1), 23, 150, Math.abs((double) x),
                totalLength, cutoffMax, cutoffMin);
    }

    /**
     * The digit loop, for either width. {@code absValue} is the same value as a double (exact
     * for a float too), used only to find the first digit's position.
     */
    private static Digits generate(int biased, long fraction, int fractionBits, int exponentBias,
            double absValue, boolean totalLength, int cutoffMax, int cutoffMin) {
        if (biased == 0 && fraction == 0) {
            return new Digits("0", 0);
        }
        long mantissa;
        int e;
        boolean unequalMargins;
        if (biased == 0) {
            mantissa = fraction; // subnormal: no implicit bit, and the smallest exponent
            e = 1 - exponentBias;
            unequalMargins = false;
        } else {
            mantissa = fraction | (1L << fractionBits);
            e = biased - exponentBias;
            // At a power of two the next value down is twice as close as the next one up.
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
        BigDecimal exact = new BigDecimal(absValue);
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
        return new Digits(digits.toString(), printExponent);
    }
}
