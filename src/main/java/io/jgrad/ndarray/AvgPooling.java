package io.jgrad.ndarray;

import io.jgrad.DType;
import io.jgrad.Shape;

/**
 * Average pooling over the last two dimensions of {@code (N, C, H, W)} arrays, with fixed windows
 * ({@link #avgPool2d}) or adaptive ones ({@link #adaptiveAvgPool2d}), and the transpose of each
 * (its gradient).
 *
 * <ul>
 *   <li>Fixed windows, as PyTorch's {@code avg_pool2d} with {@code count_include_pad=True} and
 *       {@code ceil_mode=False}: the window's in-image pixels summed and divided by
 *       {@code (yEnd − y0)·(xEnd − x0)} with {@code y0 = y·sh − ph} and
 *       {@code yEnd = min(y0 + kh, H + ph)} — the padding counts — which is {@code kh·kw} for every
 *       window without {@code ceil_mode}.</li>
 *   <li>Adaptive windows, as PyTorch's {@code adaptive_avg_pool2d}: output row {@code i} of
 *       {@code OH} averages input rows {@code ⌊i·H/OH⌋ … ⌈(i+1)·H/OH⌉ − 1} (columns likewise).</li>
 * </ul>
 *
 * <p>Float sums accumulate in double and are rounded once; int64 averages are divided as PyTorch's
 * integer {@code avg_pool2d} does (truncated towards zero). One typed loop per dtype.
 */
public final class AvgPooling {

    private AvgPooling() {
    }

    /**
     * {@return {@code (N, C, OH, OW)} of {@code x}'s dtype}
     *
     * @param x {@code (N, C, H, W)}, float64, float32 or int64
     * @param win the window (dilation 1)
     */
    public static NDArray avgPool2d(NDArray x, Window2d win) {
        int[] d = x.shape().toArray();
        Shape out = Shape.of(d[0], d[1], win.outH(d[2]), win.outW(d[3]));
        Windows r = Windows.fixed(d[2], out.get(2), win.kernelH(), win.strideH(), win.padH());
        Windows c = Windows.fixed(d[3], out.get(3), win.kernelW(), win.strideW(), win.padW());
        return average(x, out, r, c);
    }

    /**
     * The transpose of {@link #avgPool2d}: each element of {@code g}, divided by its window's divisor,
     * added into every in-image pixel of its window.
     *
     * @param g {@code (N, C, OH, OW)}, float64 or float32
     * @param inputShape {@code (N, C, H, W)}
     * @param win the window's size, stride and padding, as in the forward pass
     * @return a new array of {@code inputShape} and {@code g}'s dtype
     */
    public static NDArray avgPool2dBackward(NDArray g, Shape inputShape, Window2d win) {
        Windows r = Windows.fixed(inputShape.get(2), g.shape().get(2), win.kernelH(), win.strideH(), win.padH());
        Windows c = Windows.fixed(inputShape.get(3), g.shape().get(3), win.kernelW(), win.strideW(), win.padW());
        return spread(g, inputShape, r, c);
    }

    /**
     * {@return {@code (N, C, outH, outW)} of {@code x}'s dtype}
     *
     * @param x {@code (N, C, H, W)}, float64 or float32, {@code H, W ≥ 1}
     * @param outH the output height
     * @param outW the output width
     */
    public static NDArray adaptiveAvgPool2d(NDArray x, int outH, int outW) {
        int[] d = x.shape().toArray();
        Shape out = Shape.of(d[0], d[1], outH, outW);
        return average(x, out, Windows.adaptive(d[2], outH), Windows.adaptive(d[3], outW));
    }

    /**
     * The transpose of {@link #adaptiveAvgPool2d}.
     *
     * @param g {@code (N, C, outH, outW)}, float64 or float32
     * @param inputShape {@code (N, C, H, W)}
     * @return a new array of {@code inputShape} and {@code g}'s dtype
     */
    public static NDArray adaptiveAvgPool2dBackward(NDArray g, Shape inputShape) {
        Windows r = Windows.adaptive(inputShape.get(2), g.shape().get(2));
        Windows c = Windows.adaptive(inputShape.get(3), g.shape().get(3));
        return spread(g, inputShape, r, c);
    }

    /**
     * The windows along one dimension: output position {@code i} covers input positions
     * {@code [start[i], end[i])}, and its average is divided by {@code count[i]} along this
     * dimension (the divisor is the product of the two dimensions' counts).
     */
    private record Windows(int[] start, int[] end, int[] count) {

        static Windows fixed(int in, int out, int kernel, int stride, int pad) {
            int[] s = new int[out];
            int[] e = new int[out];
            int[] n = new int[out];
            for (int i = 0; i < out; i++) {
                int lo = i * stride - pad;
                int hi = Math.min(lo + kernel, in + pad);
                n[i] = hi - lo; // padding counted
                s[i] = Math.max(lo, 0);
                e[i] = Math.min(hi, in);
            }
            return new Windows(s, e, n);
        }

        static Windows adaptive(int in, int out) {
            int[] s = new int[out];
            int[] e = new int[out];
            int[] n = new int[out];
            for (int i = 0; i < out; i++) {
                s[i] = (int) ((long) i * in / out);
                e[i] = (int) (((long) (i + 1) * in + out - 1) / out);
                n[i] = e[i] - s[i];
            }
            return new Windows(s, e, n);
        }
    }

    private static NDArray average(NDArray x, Shape out, Windows r, Windows c) {
        int[] d = x.shape().toArray();
        int planes = d[0] * d[1];
        int h = d[2];
        int w = d[3];
        int oh = out.get(2);
        int ow = out.get(3);
        switch (x.dtype()) {
            case FLOAT64: {
                double[] in = x.data();
                double[] y = new double[out.numel()];
                for (int p = 0, o = 0; p < planes; p++) {
                    int plane = p * h * w;
                    for (int i = 0; i < oh; i++) {
                        for (int j = 0; j < ow; j++, o++) {
                            double s = 0;
                            for (int iy = r.start[i]; iy < r.end[i]; iy++) {
                                int row = plane + iy * w;
                                for (int ix = c.start[j]; ix < c.end[j]; ix++) {
                                    s += in[row + ix];
                                }
                            }
                            y[o] = s / (r.count[i] * c.count[j]);
                        }
                    }
                }
                return new NDArray(y, out);
            }
            case FLOAT32: {
                float[] in = x.floats();
                float[] y = new float[out.numel()];
                for (int p = 0, o = 0; p < planes; p++) {
                    int plane = p * h * w;
                    for (int i = 0; i < oh; i++) {
                        for (int j = 0; j < ow; j++, o++) {
                            double s = 0;
                            for (int iy = r.start[i]; iy < r.end[i]; iy++) {
                                int row = plane + iy * w;
                                for (int ix = c.start[j]; ix < c.end[j]; ix++) {
                                    s += in[row + ix];
                                }
                            }
                            y[o] = (float) (s / (r.count[i] * c.count[j]));
                        }
                    }
                }
                return new NDArray(y, out);
            }
            case INT64: {
                long[] in = x.longs();
                long[] y = new long[out.numel()];
                for (int p = 0, o = 0; p < planes; p++) {
                    int plane = p * h * w;
                    for (int i = 0; i < oh; i++) {
                        for (int j = 0; j < ow; j++, o++) {
                            long s = 0;
                            for (int iy = r.start[i]; iy < r.end[i]; iy++) {
                                int row = plane + iy * w;
                                for (int ix = c.start[j]; ix < c.end[j]; ix++) {
                                    s += in[row + ix];
                                }
                            }
                            y[o] = s / ((long) r.count[i] * c.count[j]);
                        }
                    }
                }
                return new NDArray(y, out);
            }
            default:
                throw new IllegalArgumentException("avgPool2d: not defined on " + x.dtype().label());
        }
    }

    private static NDArray spread(NDArray g, Shape inputShape, Windows r, Windows c) {
        int planes = inputShape.get(0) * inputShape.get(1);
        int h = inputShape.get(2);
        int w = inputShape.get(3);
        int oh = g.shape().get(2);
        int ow = g.shape().get(3);
        if (g.dtype() == DType.FLOAT64) {
            double[] gy = g.data();
            double[] dx = new double[inputShape.numel()];
            for (int p = 0, o = 0; p < planes; p++) {
                int plane = p * h * w;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++, o++) {
                        double v = gy[o] / (r.count[i] * c.count[j]);
                        for (int iy = r.start[i]; iy < r.end[i]; iy++) {
                            int row = plane + iy * w;
                            for (int ix = c.start[j]; ix < c.end[j]; ix++) {
                                dx[row + ix] += v;
                            }
                        }
                    }
                }
            }
            return new NDArray(dx, inputShape);
        }
        float[] gy = g.floats();
        float[] dx = new float[inputShape.numel()];
        for (int p = 0, o = 0; p < planes; p++) {
            int plane = p * h * w;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++, o++) {
                    float v = gy[o] / (r.count[i] * c.count[j]);
                    for (int iy = r.start[i]; iy < r.end[i]; iy++) {
                        int row = plane + iy * w;
                        for (int ix = c.start[j]; ix < c.end[j]; ix++) {
                            dx[row + ix] += v;
                        }
                    }
                }
            }
        }
        return new NDArray(dx, inputShape);
    }
}
