package io.jgrad.ndarray;

/**
 * The element-wise functions of one argument in plain Java: one tight loop per function and
 * dtype, with no lambda or per-element branch on the function inside a loop, so that HotSpot's C2
 * inlines everything and vectorises what it can (negation, absolute value, square root, ReLU and
 * the masks; not the transcendental functions, which call {@code Math}). Float32 functions that
 * are not exact in single precision are computed in double precision and rounded once
 * ({@code (float) Math.exp(x)}): at most half a float ulp from the double result, which is itself
 * within one double ulp of the exact value ({@code Math}'s and {@link FdlibmErf}'s guarantee), so
 * the float32 functions are correctly rounded except in rare near-halfway cases. {@code floor},
 * {@code ceil}, {@code rint} and the sign are exact in either precision.
 */
class PlainUnary implements UnaryKernels {

    PlainUnary() {
    }

    @Override
    public void unary(UnaryOp op, double[] x, int xo, double[] out, int oo, int n) {
        switch (op) {
            case NEG:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = -x[xo + i];
                }
                return;
            case ABS:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Math.abs(x[xo + i]);
                }
                return;
            case SQRT:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Math.sqrt(x[xo + i]);
                }
                return;
            case EXP:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Math.exp(x[xo + i]);
                }
                return;
            case LOG:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Math.log(x[xo + i]);
                }
                return;
            case TANH:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Math.tanh(x[xo + i]);
                }
                return;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = ScalarMath.sigmoid(x[xo + i]);
                }
                return;
            case RELU:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Math.max(x[xo + i], 0.0);
                }
                return;
            case SIGN:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Math.signum(x[xo + i]);
                }
                return;
            case POSITIVE_MASK:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = ScalarMath.positive(x[xo + i]);
                }
                return;
            case SQUARE:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = x[xo + i] * x[xo + i];
                }
                return;
            case RECIPROCAL:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = 1.0 / x[xo + i];
                }
                return;
            case LOG1P:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Math.log1p(x[xo + i]);
                }
                return;
            case EXPM1:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Math.expm1(x[xo + i]);
                }
                return;
            case SIN:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Math.sin(x[xo + i]);
                }
                return;
            case COS:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Math.cos(x[xo + i]);
                }
                return;
            case RSQRT:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = 1.0 / Math.sqrt(x[xo + i]);
                }
                return;
            case ERF:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = FdlibmErf.erf(x[xo + i]);
                }
                return;
            case FLOOR:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Math.floor(x[xo + i]);
                }
                return;
            case CEIL:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Math.ceil(x[xo + i]);
                }
                return;
            case ROUND:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Math.rint(x[xo + i]);
                }
                return;
            case SIGN_NAN_ZERO:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = ScalarMath.signNanZero(x[xo + i]);
                }
                return;
            case GELU:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = ScalarMath.gelu(x[xo + i]);
                }
                return;
            case GELU_TANH:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = ScalarMath.geluTanh(x[xo + i]);
                }
                return;
            case SILU:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = ScalarMath.silu(x[xo + i]);
                }
                return;
            case SOFTPLUS:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = ScalarMath.softplus(x[xo + i]);
                }
                return;
            default:
                throw ScalarMath.unsupported(op, "f64");
        }
    }

    @Override
    public void unary(UnaryOp op, float[] x, int xo, float[] out, int oo, int n) {
        switch (op) {
            case NEG:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = -x[xo + i];
                }
                return;
            case ABS:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Math.abs(x[xo + i]);
                }
                return;
            case SQRT:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) Math.sqrt(x[xo + i]);
                }
                return;
            case EXP:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) Math.exp(x[xo + i]);
                }
                return;
            case LOG:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) Math.log(x[xo + i]);
                }
                return;
            case TANH:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) Math.tanh(x[xo + i]);
                }
                return;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = ScalarMath.sigmoid(x[xo + i]);
                }
                return;
            case RELU:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Math.max(x[xo + i], 0.0f);
                }
                return;
            case SIGN:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Math.signum(x[xo + i]);
                }
                return;
            case POSITIVE_MASK:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = ScalarMath.positive(x[xo + i]);
                }
                return;
            case SQUARE:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = x[xo + i] * x[xo + i];
                }
                return;
            case RECIPROCAL:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = 1.0f / x[xo + i];
                }
                return;
            case LOG1P:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) Math.log1p(x[xo + i]);
                }
                return;
            case EXPM1:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) Math.expm1(x[xo + i]);
                }
                return;
            case SIN:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) Math.sin(x[xo + i]);
                }
                return;
            case COS:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) Math.cos(x[xo + i]);
                }
                return;
            case RSQRT:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) (1.0 / Math.sqrt(x[xo + i]));
                }
                return;
            case ERF:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) FdlibmErf.erf(x[xo + i]);
                }
                return;
            case FLOOR:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) Math.floor(x[xo + i]);
                }
                return;
            case CEIL:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) Math.ceil(x[xo + i]);
                }
                return;
            case ROUND:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) Math.rint(x[xo + i]);
                }
                return;
            case SIGN_NAN_ZERO:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) ScalarMath.signNanZero(x[xo + i]);
                }
                return;
            case GELU:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = ScalarMath.gelu(x[xo + i]);
                }
                return;
            case GELU_TANH:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) ScalarMath.geluTanh(x[xo + i]);
                }
                return;
            case SILU:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) ScalarMath.silu(x[xo + i]);
                }
                return;
            case SOFTPLUS:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) ScalarMath.softplus(x[xo + i]);
                }
                return;
            default:
                throw ScalarMath.unsupported(op, "f32");
        }
    }

    @Override
    public void unary(UnaryOp op, long[] x, int xo, long[] out, int oo, int n) {
        switch (op) {
            case NEG:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = -x[xo + i];
                }
                return;
            case ABS:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Math.abs(x[xo + i]);
                }
                return;
            case RELU:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Math.max(x[xo + i], 0L);
                }
                return;
            case SIGN:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Long.signum(x[xo + i]);
                }
                return;
            case SQUARE:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = x[xo + i] * x[xo + i];
                }
                return;
            case SIGN_NAN_ZERO:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Long.signum(x[xo + i]);
                }
                return;
            case FLOOR:
            case CEIL:
            case ROUND:
                // integers are their own floor, ceiling and rounding
                System.arraycopy(x, xo, out, oo, n);
                return;
            default:
                throw ScalarMath.unsupported(op, "i64");
        }
    }
}
