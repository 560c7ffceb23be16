package io.jgrad.nn;

import java.math.BigDecimal;

/** Numbers as PyTorch's layer printouts show them (Python's {@code repr} of a float). */
final class Repr {

    private Repr() {
    }

    /**
     * Python's {@code repr(float)}: the shortest digits, positional for decimal exponents from −4
     * to 15 ({@code 0.01}, {@code 0.0001}, {@code 2.0}), scientific outside ({@code 1e-05}).
     */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exp = d.precision() - d.scale() - 1;
        if (exp < -4 || exp >= 16) {
            String digits = d.unscaledValue().abs().toString();
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (v < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "")
                    + Math.abs(exp);
        }
        String plain = d.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
