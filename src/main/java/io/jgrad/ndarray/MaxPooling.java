package io.jgrad.ndarray;

import io.jgrad.DType;
import io.jgrad.Shape;

/**
 * Max pooling over the last two dimensions of {@code (N, C, H, W)} arrays, and the two kernels its
 * gradients need: the scatter of a gradient to the arg-maxima, and the gather back from them.
 *
 * <p>Each output element is the maximum of its window (padding never wins: it is −∞), and its index
 * is the row-major position {@code y·W + x} of that maximum within its {@code (H, W)} plane, as
 * PyTorch's {@code max_pool2d(…, return_indices=True)}: the first maximum on ties, and a NaN
 * propagates (the last NaN of the window is taken, as PyTorch's {@code val > max || isnan(val)}).
 * Float64, float32 and int64 forwards (one typed loop each; float 2×2 windows with stride 2 by
 * {@link MaxPooling2x2}, without branches on the data); the gradients are float only.
 */
public final class MaxPooling {

    private MaxPooling() {
    }

    /**
     * The maxima of every window and where they are.
     *
     * @param x {@code (N, C, H, W)}, float64, float32 or int64
     * @param win the window; every window must hold at least one pixel of the image (checked by the op)
     * @return {@code {values, indices}}: values {@code (N, C, OH, OW)} of {@code x}'s dtype, indices
     *     the same shape, int64, each in {@code [0, H·W)}
     */
    public static NDArray[] maxPool2d(NDArray x, Window2d win) {
        int[] d = x.shape().toArray();
        int planes = d[0] * d[1];
        int h = d[2];
        int w = d[3];
        int oh = win.outH(h);
        int ow = win.outW(w);
        Shape out = Shape.of(d[0], d[1], oh, ow);
        long[] idx = new long[out.numel()];
        NDArray values;
        switch (x.dtype()) {
            case FLOAT64: {
                double[] y = new double[out.numel()];
                forward(x.data(), y, idx, planes, h, w, oh, ow, win);
                values = new NDArray(y, out);
                break;
            }
            case FLOAT32: {
                float[] y = new float[out.numel()];
                forward(x.floats(), y, idx, planes, h, w, oh, ow, win);
                values = new NDArray(y, out);
                break;
            }
            case INT64: {
                long[] y = new long[out.numel()];
                forward(x.longs(), y, idx, planes, h, w, oh, ow, win);
                values = new NDArray(y, out);
                break;
            }
            default:
                throw new IllegalArgumentException("maxPool2d: not defined on " + x.dtype().label());
        }
        return new NDArray[] {values, new NDArray(idx, out)};
    }

    /**
     * The gradient of max pooling: each element of {@code g} added into the input position its
     * index names (overlapping windows that share a maximum add up), zero elsewhere.
     *
     * @param g {@code (N, C, OH, OW)}, float64 or float32
     * @param indices int64 of {@code g}'s shape, from {@link #maxPool2d}
     * @param inputShape {@code (N, C, H, W)}
     * @return a new array of {@code inputShape} and {@code g}'s dtype
     */
    public static NDArray scatter(NDArray g, NDArray indices, Shape inputShape) {
        long[] idx = indices.longs();
        int hw = inputShape.get(2) * inputShape.get(3);
        int l = g.shape().get(2) * g.shape().get(3);
        int planes = inputShape.get(0) * inputShape.get(1);
        if (g.dtype() == DType.FLOAT64) {
            double[] gy = g.data();
            double[] dx = new double[inputShape.numel()];
            for (int p = 0; p < planes; p++) {
                int in = p * hw;
                int o = p * l;
                for (int i = 0; i < l; i++) {
                    dx[in + (int) idx[o + i]] += gy[o + i];
                }
            }
            return new NDArray(dx, inputShape);
        }
        float[] gy = g.floats();
        float[] dx = new float[inputShape.numel()];
        for (int p = 0; p < planes; p++) {
            int in = p * hw;
            int o = p * l;
            for (int i = 0; i < l; i++) {
                dx[in + (int) idx[o + i]] += gy[o + i];
            }
        }
        return new NDArray(dx, inputShape);
    }

    /**
     * The transpose of {@link #scatter}: {@code out[n, c, i] = h[n, c, indices[n, c, i]]}, each
     * plane read at the positions its indices name.
     *
     * @param h {@code (N, C, H, W)}, float64 or float32
     * @param indices int64 {@code (N, C, OH, OW)}, each in {@code [0, H·W)}
     * @return a new array of {@code indices}' shape and {@code h}'s dtype
     */
    public static NDArray gather(NDArray h, NDArray indices) {
        long[] idx = indices.longs();
        Shape out = indices.shape();
        int hw = h.shape().get(2) * h.shape().get(3);
        int l = out.get(2) * out.get(3);
        int planes = out.get(0) * out.get(1);
        if (h.dtype() == DType.FLOAT64) {
            double[] src = h.data();
            double[] y = new double[out.numel()];
            for (int p = 0; p < planes; p++) {
                int in = p * hw;
                int o = p * l;
                for (int i = 0; i < l; i++) {
                    y[o + i] = src[in + (int) idx[o + i]];
                }
            }
            return new NDArray(y, out);
        }
        float[] src = h.floats();
        float[] y = new float[out.numel()];
        for (int p = 0; p < planes; p++) {
            int in = p * hw;
            int o = p * l;
            for (int i = 0; i < l; i++) {
                y[o + i] = src[in + (int) idx[o + i]];
            }
        }
        return new NDArray(y, out);
    }

    // 2×2 windows with stride 2, no padding and no dilation: MaxPool2d(2), the common case, has a kernel of its own
    private static boolean twoByTwo(Window2d win) {
        return win.kernelH() == 2 && win.kernelW() == 2 && win.strideH() == 2 && win.strideW() == 2 && win.padH() == 0
                && win.padW() == 0 && win.dilationH() == 1 && win.dilationW() == 1;
    }

    // the first row (or column) of a window that lies in the image: skip the padding, step by the dilation
    private static int firstInside(int start, int dilation) {
        while (start < 0) {
            start += dilation;
        }
        return start;
    }

    private static void forward(double[] x, double[] y, long[] idx, int planes, int h, int w, int oh, int ow,
                                Window2d win) {
        if (twoByTwo(win)) {
            MaxPooling2x2.forward(x, y, idx, planes, h, w, oh, ow);
            return;
        }
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int plane = p * h * w;
            for (int oy = 0; oy < oh; oy++) {
                int y0 = oy * win.strideH() - win.padH();
                int yEnd = Math.min(y0 + (win.kernelH() - 1) * win.dilationH() + 1, h);
                y0 = firstInside(y0, win.dilationH());
                for (int ox = 0; ox < ow; ox++, o++) {
                    int x0 = ox * win.strideW() - win.padW();
                    int xEnd = Math.min(x0 + (win.kernelW() - 1) * win.dilationW() + 1, w);
                    x0 = firstInside(x0, win.dilationW());
                    int best = y0 * w + x0;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int iy = y0; iy < yEnd; iy += win.dilationH()) {
                        for (int ix = x0; ix < xEnd; ix += win.dilationW()) {
                            double v = x[plane + iy * w + ix];
                            if (v > max || Double.isNaN(v)) {
                                max = v;
                                best = iy * w + ix;
                            }
                        }
                    }
                    y[o] = max;
                    idx[o] = best;
                }
            }
        }
    }

    private static void forward(float[] x, float[] y, long[] idx, int planes, int h, int w, int oh, int ow,
                                Window2d win) {
        if (twoByTwo(win)) {
            MaxPooling2x2.forward(x, y, idx, planes, h, w, oh, ow);
            return;
        }
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int plane = p * h * w;
            for (int oy = 0; oy < oh; oy++) {
                int y0 = oy * win.strideH() - win.padH();
                int yEnd = Math.min(y0 + (win.kernelH() - 1) * win.dilationH() + 1, h);
                y0 = firstInside(y0, win.dilationH());
                for (int ox = 0; ox < ow; ox++, o++) {
                    int x0 = ox * win.strideW() - win.padW();
                    int xEnd = Math.min(x0 + (win.kernelW() - 1) * win.dilationW() + 1, w);
                    x0 = firstInside(x0, win.dilationW());
                    int best = y0 * w + x0;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int iy = y0; iy < yEnd; iy += win.dilationH()) {
                        for (int ix = x0; ix < xEnd; ix += win.dilationW()) {
                            float v = x[plane + iy * w + ix];
                            if (v > max || Float.isNaN(v)) {
                                max = v;
                                best = iy * w + ix;
                            }
                        }
                    }
                    y[o] = max;
                    idx[o] = best;
                }
            }
        }
    }

    private static void forward(long[] x, long[] y, long[] idx, int planes, int h, int w, int oh, int ow,
                                Window2d win) {
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int plane = p * h * w;
            for (int oy = 0; oy < oh; oy++) {
                int y0 = oy * win.strideH() - win.padH();
                int yEnd = Math.min(y0 + (win.kernelH() - 1) * win.dilationH() + 1, h);
                y0 = firstInside(y0, win.dilationH());
                for (int ox = 0; ox < ow; ox++, o++) {
                    int x0 = ox * win.strideW() - win.padW();
                    int xEnd = Math.min(x0 + (win.kernelW() - 1) * win.dilationW() + 1, w);
                    x0 = firstInside(x0, win.dilationW());
                    int best = y0 * w + x0;
                    long max = Long.MIN_VALUE;
                    for (int iy = y0; iy < yEnd; iy += win.dilationH()) {
                        for (int ix = x0; ix < xEnd; ix += win.dilationW()) {
                            long v = x[plane + iy * w + ix];
                            if (v > max) {
                                max = v;
                                best = iy * w + ix;
                            }
                        }
                    }
                    y[o] = max;
                    idx[o] = best;
                }
            }
        }
    }
}
