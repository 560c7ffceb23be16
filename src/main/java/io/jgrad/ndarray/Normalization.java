package io.jgrad.ndarray;

import io.jgrad.DType;
import io.jgrad.Shape;

/**
 * Fused kernels of layer and batch normalisation, forward and backward, for float32 and float64
 * (accumulated and computed in double, rounded once): the training hot paths of a transformer and a
 * CNN, memory-bound, so each pass reads its inputs once or twice and writes its result once, where
 * the same arithmetic as a chain of element-wise operations would make half a dozen arrays.
 *
 * <p>Layer norm normalises each of {@code rows} contiguous runs of {@code cols} elements; batch
 * norm normalises each channel of an array laid out as {@code (batch, channels, inner)} over its
 * {@code batch·inner} elements. Statistics are two-pass (the mean, then the squared deviations from
 * it), so a large mean does not cancel the variance. The affine parameters ({@code weight},
 * {@code bias}) may be null; when given they are per normalised element (layer norm) or per channel
 * (batch norm), of the input's dtype.
 */
public final class Normalization {

    private Normalization() {
    }

    // ------------------------------------------------------------------ layer norm

    /**
     * {@code y[r, j] = (x[r, j] − mean_r) · rstd_r · weight[j] + bias[j]} with {@code mean_r} the row's
     * mean and {@code rstd_r = 1/√(var_r + eps)}, {@code var_r} its biased variance.
     *
     * @param x {@code rows·cols} elements, float32 or float64
     * @param weight {@code cols} elements or null (1)
     * @param bias {@code cols} elements or null (0)
     * @param rows the number of rows, each normalised on its own
     * @param cols the elements per row (the product of the normalised shape)
     * @param eps added to the variance before the square root, for stability
     * @param mean filled with each row's mean ({@code rows} elements)
     * @param rstd filled with each row's {@code 1/√(var + eps)}
     * @return a new array of {@code x}'s shape and dtype
     */
    public static NDArray layerNorm(NDArray x, NDArray weight, NDArray bias, int rows, int cols, double eps,
                                    double[] mean, double[] rstd) {
        double[] w = weight == null ? null : Casts.doublesView(weight);
        double[] b = bias == null ? null : Casts.doublesView(bias);
        NDArray y = NDArray.zeros(x.dtype(), x.shape());
        if (x.dtype() == DType.FLOAT64) {
            double[] xs = x.data();
            double[] ys = y.data();
            for (int r = 0; r < rows; r++) {
                int off = r * cols;
                double s = 0;
                for (int j = 0; j < cols; j++) {
                    s += xs[off + j];
                }
                double m = s / cols;
                double v = 0;
                for (int j = 0; j < cols; j++) {
                    double d = xs[off + j] - m;
                    v += d * d;
                }
                double rs = 1.0 / Math.sqrt(v / cols + eps);
                mean[r] = m;
                rstd[r] = rs;
                for (int j = 0; j < cols; j++) {
                    double h = (xs[off + j] - m) * rs;
                    ys[off + j] = affine(h, w, b, j);
                }
            }
        } else {
            float[] xs = x.floats();
            float[] ys = y.floats();
            for (int r = 0; r < rows; r++) {
                int off = r * cols;
                double s = 0;
                for (int j = 0; j < cols; j++) {
                    s += xs[off + j];
                }
                double m = s / cols;
                double v = 0;
                for (int j = 0; j < cols; j++) {
                    double d = xs[off + j] - m;
                    v += d * d;
                }
                double rs = 1.0 / Math.sqrt(v / cols + eps);
                mean[r] = m;
                rstd[r] = rs;
                for (int j = 0; j < cols; j++) {
                    double h = (xs[off + j] - m) * rs;
                    ys[off + j] = (float) affine(h, w, b, j);
                }
            }
        }
        return y;
    }

    /**
     * Layer norm's gradients from the statistics the forward pass kept, with
     * {@code x̂ = (x − mean)·rstd} and {@code gw = g·weight}:
     * {@code ∂x = rstd·(gw − mean_j(gw) − x̂·mean_j(gw·x̂))} per row, {@code ∂weight = Σ_r g·x̂},
     * {@code ∂bias = Σ_r g}.
     *
     * @param g the output's gradient, {@code x}'s shape and dtype
     * @param x the input array
     * @param weight the forward pass's {@code cols} weights, or null (1)
     * @param rows the number of rows
     * @param cols the elements per row
     * @param mean each row's mean, as the forward pass filled it
     * @param rstd each row's {@code 1/√(var + eps)}, as the forward pass filled it
     * @param shape the shape of {@code ∂weight} and {@code ∂bias} (the normalised shape)
     * @param wantX whether to compute {@code ∂x}
     * @param wantWeight whether to compute {@code ∂weight}
     * @param wantBias whether to compute {@code ∂bias}
     * @return {@code {∂x, ∂weight, ∂bias}}, each null where not wanted; {@code ∂x} of {@code x}'s shape,
     *     the others of {@code shape} ({@code cols} elements), all of {@code x}'s dtype
     */
    public static NDArray[] layerNormBackward(NDArray g, NDArray x, NDArray weight, int rows, int cols,
                                              double[] mean, double[] rstd, Shape shape,
                                              boolean wantX, boolean wantWeight, boolean wantBias) {
        double[] w = weight == null ? null : Casts.doublesView(weight);
        double[] dw = wantWeight ? new double[cols] : null;
        double[] db = wantBias ? new double[cols] : null;
        NDArray dx = wantX ? NDArray.zeros(x.dtype(), x.shape()) : null;
        if (x.dtype() == DType.FLOAT64) {
            double[] xs = x.data();
            double[] gs = g.data();
            double[] dxs = wantX ? dx.data() : null;
            for (int r = 0; r < rows; r++) {
                int off = r * cols;
                double m = mean[r];
                double rs = rstd[r];
                double sumGw = 0;
                double sumGwX = 0;
                for (int j = 0; j < cols; j++) {
                    double gj = gs[off + j];
                    double h = (xs[off + j] - m) * rs;
                    double gw = w == null ? gj : gj * w[j];
                    sumGw += gw;
                    sumGwX += gw * h;
                    if (dw != null) {
                        dw[j] += gj * h;
                    }
                    if (db != null) {
                        db[j] += gj;
                    }
                }
                if (dxs != null) {
                    double a = sumGw / cols;
                    double c = sumGwX / cols;
                    for (int j = 0; j < cols; j++) {
                        double gw = w == null ? gs[off + j] : gs[off + j] * w[j];
                        double h = (xs[off + j] - m) * rs;
                        dxs[off + j] = rs * (gw - a - h * c);
                    }
                }
            }
        } else {
            float[] xs = x.floats();
            float[] gs = g.floats();
            float[] dxs = wantX ? dx.floats() : null;
            for (int r = 0; r < rows; r++) {
                int off = r * cols;
                double m = mean[r];
                double rs = rstd[r];
                double sumGw = 0;
                double sumGwX = 0;
                for (int j = 0; j < cols; j++) {
                    double gj = gs[off + j];
                    double h = (xs[off + j] - m) * rs;
                    double gw = w == null ? gj : gj * w[j];
                    sumGw += gw;
                    sumGwX += gw * h;
                    if (dw != null) {
                        dw[j] += gj * h;
                    }
                    if (db != null) {
                        db[j] += gj;
                    }
                }
                if (dxs != null) {
                    double a = sumGw / cols;
                    double c = sumGwX / cols;
                    for (int j = 0; j < cols; j++) {
                        double gw = w == null ? gs[off + j] : gs[off + j] * w[j];
                        double h = (xs[off + j] - m) * rs;
                        dxs[off + j] = (float) (rs * (gw - a - h * c));
                    }
                }
            }
        }
        return new NDArray[] {dx, param(dw, x.dtype(), shape), param(db, x.dtype(), shape)};
    }

    // ------------------------------------------------------------------ batch norm

    /**
     * Each channel's mean and the sum of its squared deviations from it, over the {@code batch·inner}
     * elements of an array laid out as {@code (batch, channels, inner)}; read in memory order.
     *
     * @param x the input array
     * @param batch the size of the leading dimension
     * @param channels the number of channels (the second dimension)
     * @param inner the elements per channel and sample (the product of the trailing dimensions)
     * @param mean filled with the channels' means ({@code channels} elements; NaN when there are no elements)
     * @param squares filled with {@code Σ (x − mean)²} per channel
     */
    public static void channelMoments(NDArray x, int batch, int channels, int inner, double[] mean, double[] squares) {
        double count = (double) batch * inner;
        java.util.Arrays.fill(mean, 0.0);
        java.util.Arrays.fill(squares, 0.0);
        if (x.dtype() == DType.FLOAT64) {
            double[] xs = x.data();
            for (int n = 0; n < batch; n++) {
                for (int c = 0; c < channels; c++) {
                    int off = (n * channels + c) * inner;
                    double s = 0;
                    for (int i = 0; i < inner; i++) {
                        s += xs[off + i];
                    }
                    mean[c] += s;
                }
            }
            divide(mean, count);
            for (int n = 0; n < batch; n++) {
                for (int c = 0; c < channels; c++) {
                    int off = (n * channels + c) * inner;
                    double m = mean[c];
                    double s = 0;
                    for (int i = 0; i < inner; i++) {
                        double d = xs[off + i] - m;
                        s += d * d;
                    }
                    squares[c] += s;
                }
            }
        } else {
            float[] xs = x.floats();
            for (int n = 0; n < batch; n++) {
                for (int c = 0; c < channels; c++) {
                    int off = (n * channels + c) * inner;
                    double s = 0;
                    for (int i = 0; i < inner; i++) {
                        s += xs[off + i];
                    }
                    mean[c] += s;
                }
            }
            divide(mean, count);
            for (int n = 0; n < batch; n++) {
                for (int c = 0; c < channels; c++) {
                    int off = (n * channels + c) * inner;
                    double m = mean[c];
                    double s = 0;
                    for (int i = 0; i < inner; i++) {
                        double d = xs[off + i] - m;
                        s += d * d;
                    }
                    squares[c] += s;
                }
            }
        }
    }

    /**
     * {@code y[n, c, i] = (x[n, c, i] − mean[c]) · rstd[c] · weight[c] + bias[c]}.
     *
     * @param x the input array
     * @param weight {@code channels} elements or null (1)
     * @param bias {@code channels} elements or null (0)
     * @param batch the size of the leading dimension
     * @param channels the number of channels (the second dimension)
     * @param inner the elements per channel and sample (the product of the trailing dimensions)
     * @param mean each channel's mean (batch or running)
     * @param rstd each channel's {@code 1/√(var + eps)}
     * @return a new array of {@code x}'s shape and dtype
     */
    public static NDArray batchNorm(NDArray x, NDArray weight, NDArray bias, int batch, int channels, int inner,
                                    double[] mean, double[] rstd) {
        double[] w = weight == null ? null : Casts.doublesView(weight);
        double[] b = bias == null ? null : Casts.doublesView(bias);
        double[] scale = new double[channels];
        double[] shift = new double[channels];
        for (int c = 0; c < channels; c++) {
            scale[c] = w == null ? rstd[c] : rstd[c] * w[c];
            shift[c] = b == null ? 0.0 : b[c];
        }
        NDArray y = NDArray.zeros(x.dtype(), x.shape());
        if (x.dtype() == DType.FLOAT64) {
            double[] xs = x.data();
            double[] ys = y.data();
            for (int n = 0; n < batch; n++) {
                for (int c = 0; c < channels; c++) {
                    int off = (n * channels + c) * inner;
                    double m = mean[c];
                    double k = scale[c];
                    double t = shift[c];
                    for (int i = 0; i < inner; i++) {
                        ys[off + i] = (xs[off + i] - m) * k + t;
                    }
                }
            }
        } else {
            float[] xs = x.floats();
            float[] ys = y.floats();
            for (int n = 0; n < batch; n++) {
                for (int c = 0; c < channels; c++) {
                    int off = (n * channels + c) * inner;
                    double m = mean[c];
                    double k = scale[c];
                    double t = shift[c];
                    for (int i = 0; i < inner; i++) {
                        ys[off + i] = (float) ((xs[off + i] - m) * k + t);
                    }
                }
            }
        }
        return y;
    }

    /**
     * Batch norm's gradients, with {@code x̂ = (x − mean)·rstd} per channel and {@code m = batch·inner}:
     * with batch statistics ({@code training}),
     * {@code ∂x = weight·rstd·(g − Σg/m − x̂·Σ(g·x̂)/m)}; with fixed (running) statistics,
     * {@code ∂x = g·weight·rstd}; either way {@code ∂weight = Σ g·x̂} and {@code ∂bias = Σ g} per channel.
     *
     * @param g the output's gradient, {@code x}'s shape and dtype
     * @param x the input array
     * @param weight the {@code channels} weights, or null (1)
     * @param batch the size of the leading dimension
     * @param channels the number of channels (the second dimension)
     * @param inner the elements per channel and sample (the product of the trailing dimensions)
     * @param mean each channel's mean, as the forward pass used it
     * @param rstd each channel's {@code 1/√(var + eps)}, as the forward pass used it
     * @param training whether the layer is in training mode
     * @param shape the shape of {@code ∂weight} and {@code ∂bias}
     * @param wantX whether to compute {@code ∂x}
     * @param wantWeight whether to compute {@code ∂weight}
     * @param wantBias whether to compute {@code ∂bias}
     * @return {@code {∂x, ∂weight, ∂bias}}, each null where not wanted, of {@code x}'s dtype
     */
    public static NDArray[] batchNormBackward(NDArray g, NDArray x, NDArray weight, int batch, int channels, int inner,
                                              double[] mean, double[] rstd, boolean training, Shape shape,
                                              boolean wantX, boolean wantWeight, boolean wantBias) {
        double[] w = weight == null ? null : Casts.doublesView(weight);
        double[] sumG = new double[channels];
        double[] sumGx = new double[channels]; // Σ g·(x − mean), so Σ g·x̂ = rstd·sumGx
        boolean reduce = wantWeight || wantBias || (wantX && training);
        double[] gs = null;
        float[] gf = null;
        double[] xs = null;
        float[] xf = null;
        if (x.dtype() == DType.FLOAT64) {
            gs = g.data();
            xs = x.data();
        } else {
            gf = g.floats();
            xf = x.floats();
        }
        if (reduce) {
            for (int n = 0; n < batch; n++) {
                for (int c = 0; c < channels; c++) {
                    int off = (n * channels + c) * inner;
                    double m = mean[c];
                    double s = 0;
                    double sx = 0;
                    if (xs != null) {
                        for (int i = 0; i < inner; i++) {
                            double gi = gs[off + i];
                            s += gi;
                            sx += gi * (xs[off + i] - m);
                        }
                    } else {
                        for (int i = 0; i < inner; i++) {
                            double gi = gf[off + i];
                            s += gi;
                            sx += gi * (xf[off + i] - m);
                        }
                    }
                    sumG[c] += s;
                    sumGx[c] += sx;
                }
            }
        }
        NDArray dx = null;
        if (wantX) {
            double count = (double) batch * inner;
            double[] k = new double[channels];   // weight·rstd
            double[] gMean = new double[channels];
            double[] k2 = new double[channels];  // rstd²·Σg(x − mean)/m: x̂·Σ(g·x̂)/m = (x − mean)·k2
            for (int c = 0; c < channels; c++) {
                k[c] = w == null ? rstd[c] : w[c] * rstd[c];
                if (training) {
                    gMean[c] = sumG[c] / count;
                    k2[c] = rstd[c] * rstd[c] * sumGx[c] / count;
                }
            }
            dx = NDArray.zeros(x.dtype(), x.shape());
            if (xs != null) {
                double[] d = dx.data();
                for (int n = 0; n < batch; n++) {
                    for (int c = 0; c < channels; c++) {
                        int off = (n * channels + c) * inner;
                        double kc = k[c];
                        double gm = gMean[c];
                        double k2c = k2[c];
                        double m = mean[c];
                        if (training) {
                            for (int i = 0; i < inner; i++) {
                                d[off + i] = kc * (gs[off + i] - gm - (xs[off + i] - m) * k2c);
                            }
                        } else {
                            for (int i = 0; i < inner; i++) {
                                d[off + i] = kc * gs[off + i];
                            }
                        }
                    }
                }
            } else {
                float[] d = dx.floats();
                for (int n = 0; n < batch; n++) {
                    for (int c = 0; c < channels; c++) {
                        int off = (n * channels + c) * inner;
                        double kc = k[c];
                        double gm = gMean[c];
                        double k2c = k2[c];
                        double m = mean[c];
                        if (training) {
                            for (int i = 0; i < inner; i++) {
                                d[off + i] = (float) (kc * (gf[off + i] - gm - (xf[off + i] - m) * k2c));
                            }
                        } else {
                            for (int i = 0; i < inner; i++) {
                                d[off + i] = (float) (kc * gf[off + i]);
                            }
                        }
                    }
                }
            }
        }
        double[] dw = null;
        if (wantWeight) {
            dw = new double[channels];
            for (int c = 0; c < channels; c++) {
                dw[c] = rstd[c] * sumGx[c];
            }
        }
        return new NDArray[] {dx, param(dw, x.dtype(), shape), param(wantBias ? sumG : null, x.dtype(), shape)};
    }

    /**
     * A running statistic's update in place, PyTorch's
     * {@code running = momentum · batch + (1 − momentum) · running}, computed in double and rounded
     * to {@code running}'s dtype; records the write in its version.
     *
     * @param running a float32 or float64 array of {@code batch.length} elements
     * @param batch this step's statistic, one value per element of {@code running}
     * @param momentum the weight of the new batch statistics in the running ones
     */
    public static void updateRunning(NDArray running, double[] batch, double momentum) {
        if (running.dtype() == DType.FLOAT64) {
            double[] r = running.data();
            for (int i = 0; i < batch.length; i++) {
                r[i] = momentum * batch[i] + (1 - momentum) * r[i];
            }
        } else {
            float[] r = running.floats();
            for (int i = 0; i < batch.length; i++) {
                r[i] = (float) (momentum * batch[i] + (1 - momentum) * r[i]);
            }
        }
        running.bumpVersion();
    }

    // ------------------------------------------------------------------ helpers

    private static double affine(double h, double[] w, double[] b, int j) {
        double y = w == null ? h : h * w[j];
        return b == null ? y : y + b[j];
    }

    private static void divide(double[] v, double by) {
        for (int i = 0; i < v.length; i++) {
            v[i] /= by;
        }
    }

    private static NDArray param(double[] values, DType dtype, Shape shape) {
        return values == null ? null : Casts.fromDoubles(values, dtype, shape);
    }
}
