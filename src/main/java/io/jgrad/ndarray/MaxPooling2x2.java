package io.jgrad.ndarray;

/**
 * Max pooling with 2×2 windows, stride 2, no padding or dilation ({@code MaxPool2d(2)}), float64
 * and float32, without a branch on the data: {@link MaxPooling}'s general loop compares with
 * {@code v > max || isNaN(v)}, a branch that random data (a ReLU's output above all) mispredicts
 * about once per window.
 *
 * <p>The same results, bit for bit, as the general loop: the four values are visited in its order
 * (row-major) and a later one replaces the maximum so far only if it is strictly greater, so ties
 * keep the first; the value written is the input element at the chosen index, so its bits (−0 or
 * +0) are the first maximum's. The comparison is the sign of {@code max − v}, taken from its bits
 * and turned into a mask that selects with {@code and}/{@code xor} rather than a branch; both
 * operands have 0 added first, so {@code −0} and {@code +0} compare equal (as {@code >} has them)
 * instead of giving the {@code −0} of {@code (−0) − (+0)}. That sign is exact for finite values
 * ({@code max − v} is negative exactly when {@code v > max}, overflow to −∞ included), so a window
 * with a NaN or an infinity (one comparison of the largest magnitude's bits, a branch that is
 * almost never taken) goes through the general comparison instead, which also takes the last NaN
 * as PyTorch does.
 */
final class MaxPooling2x2 {

    private MaxPooling2x2() {
    }

    /** {@code y[n, c, oy, ox]} and its index {@code iy·w + ix}, over {@code planes} planes of {@code h × w}. */
    static void forward(float[] x, float[] y, long[] idx, int planes, int h, int w, int oh, int ow) {
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int plane = p * h * w;
            for (int oy = 0; oy < oh; oy++) {
                int row = 2 * oy * w;
                for (int ox = 0; ox < ow; ox++, o++) {
                    int i0 = row + 2 * ox;
                    int i1 = i0 + 1;
                    int i2 = i0 + w;
                    int i3 = i2 + 1;
                    float a = x[plane + i0];
                    float b = x[plane + i1];
                    float c = x[plane + i2];
                    float d = x[plane + i3];
                    int big = Math.max(Math.max(Float.floatToRawIntBits(a) & 0x7fffffff,
                            Float.floatToRawIntBits(b) & 0x7fffffff), Math.max(Float.floatToRawIntBits(c) & 0x7fffffff,
                            Float.floatToRawIntBits(d) & 0x7fffffff));
                    int best;
                    if (big >= 0x7f800000) {
                        best = general(a, b, c, d, i0, i1, i2, i3);
                    } else {
                        float m = a + 0.0f;
                        best = i0;
                        float v = b + 0.0f;
                        int mask = Float.floatToRawIntBits(m - v) >> 31; // -1 where v > m
                        m = Float.intBitsToFloat(Float.floatToRawIntBits(m) ^ ((Float.floatToRawIntBits(m)
                                ^ Float.floatToRawIntBits(v)) & mask));
                        best ^= (best ^ i1) & mask;
                        v = c + 0.0f;
                        mask = Float.floatToRawIntBits(m - v) >> 31;
                        m = Float.intBitsToFloat(Float.floatToRawIntBits(m) ^ ((Float.floatToRawIntBits(m)
                                ^ Float.floatToRawIntBits(v)) & mask));
                        best ^= (best ^ i2) & mask;
                        v = d + 0.0f;
                        mask = Float.floatToRawIntBits(m - v) >> 31;
                        best ^= (best ^ i3) & mask;
                    }
                    y[o] = x[plane + best];
                    idx[o] = best;
                }
            }
        }
    }

    /** As {@link #forward(float[], float[], long[], int, int, int, int, int)}, float64. */
    static void forward(double[] x, double[] y, long[] idx, int planes, int h, int w, int oh, int ow) {
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int plane = p * h * w;
            for (int oy = 0; oy < oh; oy++) {
                int row = 2 * oy * w;
                for (int ox = 0; ox < ow; ox++, o++) {
                    int i0 = row + 2 * ox;
                    int i1 = i0 + 1;
                    int i2 = i0 + w;
                    int i3 = i2 + 1;
                    double a = x[plane + i0];
                    double b = x[plane + i1];
                    double c = x[plane + i2];
                    double d = x[plane + i3];
                    long big = Math.max(Math.max(Double.doubleToRawLongBits(a) & Long.MAX_VALUE,
                            Double.doubleToRawLongBits(b) & Long.MAX_VALUE), Math.max(Double.doubleToRawLongBits(c)
                            & Long.MAX_VALUE, Double.doubleToRawLongBits(d) & Long.MAX_VALUE));
                    int best;
                    if (big >= 0x7ff0000000000000L) {
                        best = general(a, b, c, d, i0, i1, i2, i3);
                    } else {
                        double m = a + 0.0;
                        best = i0;
                        double v = b + 0.0;
                        long mask = Double.doubleToRawLongBits(m - v) >> 63; // -1 where v > m
                        m = Double.longBitsToDouble(Double.doubleToRawLongBits(m) ^ ((Double.doubleToRawLongBits(m)
                                ^ Double.doubleToRawLongBits(v)) & mask));
                        best ^= (best ^ i1) & (int) mask;
                        v = c + 0.0;
                        mask = Double.doubleToRawLongBits(m - v) >> 63;
                        m = Double.longBitsToDouble(Double.doubleToRawLongBits(m) ^ ((Double.doubleToRawLongBits(m)
                                ^ Double.doubleToRawLongBits(v)) & mask));
                        best ^= (best ^ i2) & (int) mask;
                        v = d + 0.0;
                        mask = Double.doubleToRawLongBits(m - v) >> 63;
                        best ^= (best ^ i3) & (int) mask;
                    }
                    y[o] = x[plane + best];
                    idx[o] = best;
                }
            }
        }
    }

    // MaxPooling's comparison, for the windows with a NaN or an infinity
    private static int general(float a, float b, float c, float d, int i0, int i1, int i2, int i3) {
        float m = a;
        int best = i0;
        if (b > m || Float.isNaN(b)) {
            m = b;
            best = i1;
        }
        if (c > m || Float.isNaN(c)) {
            m = c;
            best = i2;
        }
        if (d > m || Float.isNaN(d)) {
            best = i3;
        }
        return best;
    }

    private static int general(double a, double b, double c, double d, int i0, int i1, int i2, int i3) {
        double m = a;
        int best = i0;
        if (b > m || Double.isNaN(b)) {
            m = b;
            best = i1;
        }
        if (c > m || Double.isNaN(c)) {
            m = c;
            best = i2;
        }
        if (d > m || Double.isNaN(d)) {
            best = i3;
        }
        return best;
    }
}
