package io.jgrad.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The branch-free 2×2 max pooling ({@link MaxPooling2x2}, reached through {@link MaxPooling#maxPool2d})
 * against the general loop's rule written out here, {@code v > max || isNaN(v)} in row-major order:
 * the same values bit for bit and the same indices, on data full of ties, ±0, NaN (the last one
 * wins), ±∞, subnormals and the largest values, with odd heights and widths (the last row or
 * column left out).
 */
class MaxPooling2x2Test {

    private static final double[] FEW = {
        0.0, -0.0, 1.0, -1.0, 2.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 4.9e-324,
        -4.9e-324, 1.4e-45, -1.4e-45, 3.4028234663852886e38, -3.4028234663852886e38, Double.MAX_VALUE, -Double.MAX_VALUE,
    };

    private static final Window2d TWO = new Window2d(2, 2, 2, 2, 0, 0, 1, 1);

    @Test
    void float32AndFloat64MatchTheGeneralRule() {
        Random g = new Random(7);
        int[][] sizes = {{2, 2}, {3, 3}, {4, 5}, {5, 4}, {7, 9}, {28, 28}, {14, 14}};
        for (int rep = 0; rep < 200; rep++) {
            int[] hw = sizes[rep % sizes.length];
            int n = 1 + g.nextInt(2);
            int c = 1 + g.nextInt(3);
            int h = hw[0];
            int w = hw[1];
            double[] x = new double[n * c * h * w];
            int mode = rep % 4;
            for (int i = 0; i < x.length; i++) {
                x[i] = switch (mode) {
                    case 0 -> g.nextGaussian();
                    case 1 -> Math.max(g.nextGaussian(), 0.0) * (g.nextBoolean() ? 1 : -1) * 0; // ±0 only
                    case 2 -> FEW[g.nextInt(FEW.length)];
                    default -> g.nextInt(4) == 0 ? FEW[g.nextInt(FEW.length)] : Math.max(g.nextGaussian(), 0.0);
                };
            }
            float[] xf = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                xf[i] = (float) x[i];
            }
            check(new NDArray(x, Shape.of(n, c, h, w)), x, null, n * c, h, w);
            check(new NDArray(xf, Shape.of(n, c, h, w)), null, xf, n * c, h, w);
        }
    }

    private static void check(NDArray in, double[] x, float[] xf, int planes, int h, int w) {
        NDArray[] r = MaxPooling.maxPool2d(in, TWO);
        long[] idx = r[1].longs();
        int oh = h / 2;
        int ow = w / 2;
        int o = 0;
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++, o++) {
                    int best = 2 * oy * w + 2 * ox;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int iy = 2 * oy; iy < 2 * oy + 2; iy++) {
                        for (int ix = 2 * ox; ix < 2 * ox + 2; ix++) {
                            double v = x != null ? x[p * h * w + iy * w + ix] : xf[p * h * w + iy * w + ix];
                            if (v > max || Double.isNaN(v)) {
                                max = v;
                                best = iy * w + ix;
                            }
                        }
                    }
                    assertThat(idx[o]).as("index of window %s", o).isEqualTo(best);
                    if (x != null) {
                        assertThat(Double.doubleToLongBits(r[0].data()[o])).as("value of window %s", o)
                                .isEqualTo(Double.doubleToLongBits(max));
                    } else {
                        assertThat(Float.floatToIntBits(r[0].floats()[o])).as("value of window %s", o)
                                .isEqualTo(Float.floatToIntBits((float) max));
                    }
                }
            }
        }
    }
}
