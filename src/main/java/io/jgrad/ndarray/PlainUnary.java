package io.jgrad.ndarray;

/**
 * The element-wise functions of one argument in plain Java: one tight loop per function and
 * dtype, with no lambda or per-element branch on the function inside a loop, so that HotSpot's C2
 * inlines everything and vectorises what it can (negation, absolute value, square root, ReLU and
 * the masks; not the transcendental functions, which call {@code Math}). Float32 functions that
 * are not exact in single precision are computed in double precision and rounded once
 * ({@code (float) Math.exp(x)}).
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
            default:
                throw ScalarMath.unsupported(op, "i64");
        }
    }
}
