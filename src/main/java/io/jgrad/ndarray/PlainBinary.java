package io.jgrad.ndarray;

/**
 * The element-wise arithmetic of two arguments in plain Java: one tight loop per function, dtype
 * and operand layout (both operands runs, or one a repeated value: a broadcast operand), with no
 * lambda or per-element branch on the function inside a loop, so that HotSpot's C2 inlines
 * everything and vectorises the arithmetic. {@link Elementwise} cuts every broadcast into such runs.
 */
class PlainBinary implements BinaryKernels {

    PlainBinary() {
    }

    @Override
    public void binary(BinaryOp op, double[] a, int ao, int as, double[] b, int bo, int bs, double[] out, int oo, int n) {
        switch (op) {
            case ADD:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] + b[bo + i];
                    }
                } else if (as == 1) {
                    double y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] + y;
                    }
                } else {
                    double x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x + b[bo + i];
                    }
                }
                return;
            case SUB:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] - b[bo + i];
                    }
                } else if (as == 1) {
                    double y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] - y;
                    }
                } else {
                    double x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x - b[bo + i];
                    }
                }
                return;
            case MUL:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] * b[bo + i];
                    }
                } else if (as == 1) {
                    double y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] * y;
                    }
                } else {
                    double x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x * b[bo + i];
                    }
                }
                return;
            case DIV:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] / b[bo + i];
                    }
                } else if (as == 1) {
                    double y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] / y;
                    }
                } else {
                    double x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x / b[bo + i];
                    }
                }
                return;
            case POW:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Math.pow(a[ao + i], b[bo + i]);
                    }
                } else if (as == 1) {
                    double y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Math.pow(a[ao + i], y);
                    }
                } else {
                    double x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Math.pow(x, b[bo + i]);
                    }
                }
                return;
            case MAXIMUM:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Math.max(a[ao + i], b[bo + i]);
                    }
                } else if (as == 1) {
                    double y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Math.max(a[ao + i], y);
                    }
                } else {
                    double x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Math.max(x, b[bo + i]);
                    }
                }
                return;
            case MINIMUM:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Math.min(a[ao + i], b[bo + i]);
                    }
                } else if (as == 1) {
                    double y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Math.min(a[ao + i], y);
                    }
                } else {
                    double x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Math.min(x, b[bo + i]);
                    }
                }
                return;
            case RELU_BACKWARD:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] * ScalarMath.positive(b[bo + i]);
                    }
                } else if (as == 1) {
                    double y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] * ScalarMath.positive(y);
                    }
                } else {
                    double x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x * ScalarMath.positive(b[bo + i]);
                    }
                }
                return;
            case GELU_BACKWARD:
                // transcendental-bound: one loop for the three layouts (a stride is 1 or 0)
                for (int i = 0; i < n; i++) {
                    out[oo + i] = ScalarMath.geluBackward(a[ao + i * as], b[bo + i * bs]);
                }
                return;
            case LEAKY_RELU:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        double x = a[ao + i];
                        out[oo + i] = x > 0 ? x : x * b[bo + i];
                    }
                } else if (as == 1) {
                    double slope = b[bo];
                    for (int i = 0; i < n; i++) {
                        double x = a[ao + i];
                        out[oo + i] = x > 0 ? x : x * slope;
                    }
                } else {
                    double x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x > 0 ? x : x * b[bo + i];
                    }
                }
                return;
            default:
                throw ScalarMath.unsupported(op, "f64");
        }
    }

    @Override
    public void binary(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] out, int oo, int n) {
        switch (op) {
            case ADD:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] + b[bo + i];
                    }
                } else if (as == 1) {
                    float y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] + y;
                    }
                } else {
                    float x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x + b[bo + i];
                    }
                }
                return;
            case SUB:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] - b[bo + i];
                    }
                } else if (as == 1) {
                    float y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] - y;
                    }
                } else {
                    float x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x - b[bo + i];
                    }
                }
                return;
            case MUL:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] * b[bo + i];
                    }
                } else if (as == 1) {
                    float y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] * y;
                    }
                } else {
                    float x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x * b[bo + i];
                    }
                }
                return;
            case DIV:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] / b[bo + i];
                    }
                } else if (as == 1) {
                    float y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] / y;
                    }
                } else {
                    float x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x / b[bo + i];
                    }
                }
                return;
            case POW:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = (float) Math.pow(a[ao + i], b[bo + i]);
                    }
                } else if (as == 1) {
                    float y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = (float) Math.pow(a[ao + i], y);
                    }
                } else {
                    float x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = (float) Math.pow(x, b[bo + i]);
                    }
                }
                return;
            case MAXIMUM:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Math.max(a[ao + i], b[bo + i]);
                    }
                } else if (as == 1) {
                    float y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Math.max(a[ao + i], y);
                    }
                } else {
                    float x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Math.max(x, b[bo + i]);
                    }
                }
                return;
            case MINIMUM:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Math.min(a[ao + i], b[bo + i]);
                    }
                } else if (as == 1) {
                    float y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Math.min(a[ao + i], y);
                    }
                } else {
                    float x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Math.min(x, b[bo + i]);
                    }
                }
                return;
            case RELU_BACKWARD:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] * ScalarMath.positive(b[bo + i]);
                    }
                } else if (as == 1) {
                    float y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] * ScalarMath.positive(y);
                    }
                } else {
                    float x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x * ScalarMath.positive(b[bo + i]);
                    }
                }
                return;
            case GELU_BACKWARD:
                // transcendental-bound: one loop for the three layouts (a stride is 1 or 0)
                for (int i = 0; i < n; i++) {
                    out[oo + i] = ScalarMath.geluBackward(a[ao + i * as], b[bo + i * bs]);
                }
                return;
            case LEAKY_RELU:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        float x = a[ao + i];
                        out[oo + i] = x > 0 ? x : x * b[bo + i];
                    }
                } else if (as == 1) {
                    float slope = b[bo];
                    for (int i = 0; i < n; i++) {
                        float x = a[ao + i];
                        out[oo + i] = x > 0 ? x : x * slope;
                    }
                } else {
                    float x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x > 0 ? x : x * b[bo + i];
                    }
                }
                return;
            default:
                throw ScalarMath.unsupported(op, "f32");
        }
    }

    @Override
    public void binary(BinaryOp op, long[] a, int ao, int as, long[] b, int bo, int bs, long[] out, int oo, int n) {
        switch (op) {
            case ADD:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] + b[bo + i];
                    }
                } else if (as == 1) {
                    long y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] + y;
                    }
                } else {
                    long x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x + b[bo + i];
                    }
                }
                return;
            case SUB:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] - b[bo + i];
                    }
                } else if (as == 1) {
                    long y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] - y;
                    }
                } else {
                    long x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x - b[bo + i];
                    }
                }
                return;
            case MUL:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] * b[bo + i];
                    }
                } else if (as == 1) {
                    long y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] * y;
                    }
                } else {
                    long x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x * b[bo + i];
                    }
                }
                return;
            case POW:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = ScalarMath.ipow(a[ao + i], b[bo + i]);
                    }
                } else if (as == 1) {
                    long y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = ScalarMath.ipow(a[ao + i], y);
                    }
                } else {
                    long x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = ScalarMath.ipow(x, b[bo + i]);
                    }
                }
                return;
            case MAXIMUM:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Math.max(a[ao + i], b[bo + i]);
                    }
                } else if (as == 1) {
                    long y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Math.max(a[ao + i], y);
                    }
                } else {
                    long x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Math.max(x, b[bo + i]);
                    }
                }
                return;
            case MINIMUM:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Math.min(a[ao + i], b[bo + i]);
                    }
                } else if (as == 1) {
                    long y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Math.min(a[ao + i], y);
                    }
                } else {
                    long x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Math.min(x, b[bo + i]);
                    }
                }
                return;
            default:
                throw ScalarMath.unsupported(op, "i64");
        }
    }

    @Override
    public void binary(BinaryOp op, boolean[] a, int ao, int as, boolean[] b, int bo, int bs, boolean[] out, int oo, int n) {
        switch (op) {
            case ADD:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] | b[bo + i];
                    }
                } else if (as == 1) {
                    boolean y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] | y;
                    }
                } else {
                    boolean x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x | b[bo + i];
                    }
                }
                return;
            case MUL:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] & b[bo + i];
                    }
                } else if (as == 1) {
                    boolean y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] & y;
                    }
                } else {
                    boolean x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x & b[bo + i];
                    }
                }
                return;
            case MAXIMUM:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] | b[bo + i];
                    }
                } else if (as == 1) {
                    boolean y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] | y;
                    }
                } else {
                    boolean x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x | b[bo + i];
                    }
                }
                return;
            case MINIMUM:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] & b[bo + i];
                    }
                } else if (as == 1) {
                    boolean y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] & y;
                    }
                } else {
                    boolean x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x & b[bo + i];
                    }
                }
                return;
            default:
                throw ScalarMath.unsupported(op, "bool");
        }
    }
}
