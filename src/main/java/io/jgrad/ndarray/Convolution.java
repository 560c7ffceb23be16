package io.jgrad.ndarray;

import io.jgrad.DType;
import io.jgrad.Shape;

/**
 * Two-dimensional convolution (cross-correlation, as PyTorch's {@code conv2d}) and the two products
 * its gradients need, all as matrix products on the kernel seam ({@link Kernels#gemm}) around the
 * patch matrix of {@link Im2Col}. Per image {@code n} and group {@code g}, with
 * {@code K = (C/groups)·kh·kw} and {@code L = OH·OW}:
 *
 * <ul>
 *   <li>{@link #conv2d}: {@code out[n, g] (O/groups, L) = W[g] (O/groups, K) · col(x[n, g]) (K, L)},
 *       plus the bias;</li>
 *   <li>{@link #inputGrad} (the transposed convolution):
 *       {@code dx[n, g] = col2im(W[g]ᵀ · g[n, g])};</li>
 *   <li>{@link #weightGrad}: {@code dW[g] = Σₙ g[n, g] · col(x[n, g])ᵀ}.</li>
 * </ul>
 *
 * <p>A 1×1 kernel with stride 1 and no padding needs no patch matrix: the image is its own. The
 * patch matrix of one image and group is built in a buffer reused across images. The forward pass
 * and the input gradient cut a large batch into one range of images per core (each image's result
 * is its own, so the bits do not depend on the split); the weight gradient sums over the images in
 * their order on one thread. Float64 and
 * float32 have one typed copy each of the loops; the arguments are checked by the operations
 * ({@code io.jgrad.ops.Conv2d}), not here.
 */
public final class Convolution {

    private Convolution() {
    }

    /** The sizes of one convolution: input {@code (n, c, h, w)}, {@code o} filters, output {@code (oh, ow)}. */
    private record Sizes(int n, int c, int h, int w, int o, int groups, int kh, int kw, int oh, int ow) {
        int cg() {
            return c / groups;
        }

        int og() {
            return o / groups;
        }

        /** Rows of the patch matrix of one group. */
        int k() {
            return cg() * kh * kw;
        }

        /** Output positions per image. */
        int l() {
            return oh * ow;
        }

        static Sizes of(Shape input, Shape weight, Window2d win, int groups) {
            int h = input.get(2);
            int w = input.get(3);
            return new Sizes(input.get(0), input.get(1), h, w, weight.get(0), groups, weight.get(2), weight.get(3),
                    win.outH(h), win.outW(w));
        }
    }

    /**
     * {@code out[n, o, y, x] = b[o] + Σ_{c, i, j} W[o, c, i, j] · in[n, g·C/groups + c, y·sh − ph + i·dh, x·sw − pw + j·dw]}
     * with {@code in} the input {@code x} (the padding reads as 0), {@code g} the group of filter {@code o}.
     *
     * @param x {@code (N, C, H, W)}, float64 or float32
     * @param weight {@code (O, C/groups, kh, kw)}, the same dtype
     * @param bias {@code (O,)} of the same dtype, or {@code null}
     * @param win the window; its kernel size is the weight's
     * @param groups the number of groups: input and output channels are split into this many, each output group
     *     seeing its input group only
     * @return {@code (N, O, OH, OW)}, a new array of {@code x}'s dtype
     */
    public static NDArray conv2d(NDArray x, NDArray weight, NDArray bias, Window2d win, int groups) {
        Sizes s = Sizes.of(x.shape(), weight.shape(), win, groups);
        Shape out = Shape.of(s.n(), s.o(), s.oh(), s.ow());
        if (x.dtype() == DType.FLOAT64) {
            double[] y = new double[out.numel()];
            forward(x.data(), weight.data(), bias == null ? null : bias.data(), y, s, win);
            return new NDArray(y, out);
        }
        float[] y = new float[out.numel()];
        forward(x.floats(), weight.floats(), bias == null ? null : bias.floats(), y, s, win);
        return new NDArray(y, out);
    }

    /**
     * The transposed convolution: the gradient of {@link #conv2d} with respect to its input, for the
     * output gradient {@code g}; {@code dx[n, c, p] = Σ} over every output position and filter that
     * read pixel {@code p} of {@code g · W} there.
     *
     * @param g {@code (N, O, OH, OW)}, float64 or float32
     * @param weight {@code (O, C/groups, kh, kw)}, the same dtype
     * @param inputShape {@code (N, C, H, W)}: the convolution's input (its output size alone does
     *     not fix {@code H} and {@code W})
     * @param win the window's size, stride, padding and dilation, as in the forward pass
     * @param groups the number of groups, as in the forward pass
     * @return a new array of {@code inputShape} and {@code g}'s dtype
     */
    public static NDArray inputGrad(NDArray g, NDArray weight, Shape inputShape, Window2d win, int groups) {
        Sizes s = Sizes.of(inputShape, weight.shape(), win, groups);
        if (g.dtype() == DType.FLOAT64) {
            double[] dx = new double[inputShape.numel()];
            inputGrad(g.data(), weight.data(), dx, s, win);
            return new NDArray(dx, inputShape);
        }
        float[] dx = new float[inputShape.numel()];
        inputGrad(g.floats(), weight.floats(), dx, s, win);
        return new NDArray(dx, inputShape);
    }

    /**
     * The gradient of {@link #conv2d} with respect to its weight, for the output gradient {@code g}:
     * {@code dW[o, c, i, j] = Σ_{n, y, x} g[n, o, y, x] · in[n, g·C/groups + c, y·sh − ph + i·dh, x·sw − pw + j·dw]},
     * {@code in} the input {@code x}.
     *
     * @param x {@code (N, C, H, W)}, float64 or float32
     * @param g {@code (N, O, OH, OW)}, the same dtype
     * @param weightShape {@code (O, C/groups, kh, kw)}
     * @param win the window's size, stride, padding and dilation, as in the forward pass
     * @param groups the number of groups, as in the forward pass
     * @return a new array of {@code weightShape} and {@code x}'s dtype
     */
    public static NDArray weightGrad(NDArray x, NDArray g, Shape weightShape, Window2d win, int groups) {
        Sizes s = Sizes.of(x.shape(), weightShape, win, groups);
        if (x.dtype() == DType.FLOAT64) {
            double[] dw = new double[weightShape.numel()];
            weightGrad(x.data(), g.data(), dw, s, win);
            return new NDArray(dw, weightShape);
        }
        float[] dw = new float[weightShape.numel()];
        weightGrad(x.floats(), g.floats(), dw, s, win);
        return new NDArray(dw, weightShape);
    }

    // ------------------------------------------------------------------ images over the cores

    /** The work of a range of images {@code [n0, n1)}: each image's output is its own. */
    @FunctionalInterface
    private interface ImageRange {
        void run(int n0, int n1);
    }

    /** Below this many multiply-adds a call stays on the calling thread: the hand-off would cost more. */
    private static final long SPLIT_MIN_MACS = 1L << 21;

    /**
     * Runs {@code body} over the batch, cut into {@link Kernels#threadsHere()} contiguous ranges of
     * images on {@link GemmPool} when the call is large enough, each range's products on its own
     * thread alone ({@link Kernels#singleThreaded()}). An image's output (the forward pass's
     * {@code y[n]}, the input gradient's {@code dx[n]}) depends on that image only and is computed
     * by the same products whichever range holds it, so every split gives the same bits as one
     * thread. (The weight gradient sums over the images and keeps one thread: its order of sums
     * is the images' order.)
     */
    private static void overImages(Sizes s, ImageRange body) {
        long macs = (long) s.n() * s.o() * s.k() * s.l();
        int parts = Math.min(Kernels.threadsHere(), s.n());
        if (parts <= 1 || macs < SPLIT_MIN_MACS) {
            body.run(0, s.n());
            return;
        }
        int per = (s.n() + parts - 1) / parts;
        int used = (s.n() + per - 1) / per;
        GemmPool.run(used, part -> {
            try (Kernels.SingleThreaded scope = Kernels.singleThreaded()) {
                body.run(part * per, Math.min(s.n(), (part + 1) * per));
            }
        });
    }

    // ------------------------------------------------------------------ float64

    private static void forward(double[] x, double[] wt, double[] b, double[] y, Sizes s, Window2d win) {
        overImages(s, (n0, n1) -> forward(x, wt, b, y, s, win, n0, n1));
    }

    private static void forward(double[] x, double[] wt, double[] b, double[] y, Sizes s, Window2d win, int n0, int n1) {
        int k = s.k();
        int l = s.l();
        boolean direct = win.isPointwise();
        double[] col = direct ? null : new double[k * l];
        for (int n = n0; n < n1; n++) {
            for (int g = 0; g < s.groups(); g++) {
                int xOff = (n * s.c() + g * s.cg()) * s.h() * s.w();
                if (k == 0 || l == 0) {
                    continue; // no input channels: the product is zero
                }
                double[] patches = x;
                int pOff = xOff;
                if (!direct) {
                    Im2Col.im2col(x, xOff, s.cg(), s.h(), s.w(), win, s.oh(), s.ow(), col);
                    patches = col;
                    pOff = 0;
                }
                Kernels.gemm(false, false, s.og(), l, k, wt, g * s.og() * k, patches, pOff, y,
                        (n * s.o() + g * s.og()) * l);
            }
            if (b != null) {
                for (int o = 0; o < s.o(); o++) {
                    double bo = b[o];
                    int off = (n * s.o() + o) * l;
                    for (int p = 0; p < l; p++) {
                        y[off + p] += bo;
                    }
                }
            }
        }
    }

    private static void inputGrad(double[] gy, double[] wt, double[] dx, Sizes s, Window2d win) {
        if (s.k() == 0 || s.l() == 0) {
            return;
        }
        overImages(s, (n0, n1) -> inputGrad(gy, wt, dx, s, win, n0, n1));
    }

    private static void inputGrad(double[] gy, double[] wt, double[] dx, Sizes s, Window2d win, int n0, int n1) {
        int k = s.k();
        int l = s.l();
        boolean direct = win.isPointwise();
        double[] col = direct ? null : new double[k * l];
        for (int n = n0; n < n1; n++) {
            for (int g = 0; g < s.groups(); g++) {
                int gOff = (n * s.o() + g * s.og()) * l;
                int dxOff = (n * s.c() + g * s.cg()) * s.h() * s.w();
                // W[g]ᵀ (K, O/groups) · g[n, g] (O/groups, L)
                if (direct) {
                    Kernels.gemm(true, false, k, l, s.og(), wt, g * s.og() * k, gy, gOff, dx, dxOff);
                } else {
                    Kernels.gemm(true, false, k, l, s.og(), wt, g * s.og() * k, gy, gOff, col, 0);
                    Im2Col.col2im(col, s.cg(), s.h(), s.w(), win, s.oh(), s.ow(), dx, dxOff);
                }
            }
        }
    }

    private static void weightGrad(double[] x, double[] gy, double[] dw, Sizes s, Window2d win) {
        int k = s.k();
        int l = s.l();
        if (k == 0 || l == 0) {
            return;
        }
        boolean direct = win.isPointwise();
        double[] col = direct ? null : new double[k * l];
        for (int n = 0; n < s.n(); n++) {
            for (int g = 0; g < s.groups(); g++) {
                int xOff = (n * s.c() + g * s.cg()) * s.h() * s.w();
                double[] patches = x;
                int pOff = xOff;
                if (!direct) {
                    Im2Col.im2col(x, xOff, s.cg(), s.h(), s.w(), win, s.oh(), s.ow(), col);
                    patches = col;
                    pOff = 0;
                }
                // g[n, g] (O/groups, L) · col (K, L)ᵀ, summed over the images
                int gOff = (n * s.o() + g * s.og()) * l;
                int wOff = g * s.og() * k;
                if (n == 0) {
                    Kernels.gemm(false, true, s.og(), k, l, gy, gOff, patches, pOff, dw, wOff);
                } else {
                    Kernels.gemmAdd(false, true, s.og(), k, l, gy, gOff, patches, pOff, dw, wOff);
                }
            }
        }
    }

    // ------------------------------------------------------------------ float32

    private static void forward(float[] x, float[] wt, float[] b, float[] y, Sizes s, Window2d win) {
        overImages(s, (n0, n1) -> forward(x, wt, b, y, s, win, n0, n1));
    }

    private static void forward(float[] x, float[] wt, float[] b, float[] y, Sizes s, Window2d win, int n0, int n1) {
        int k = s.k();
        int l = s.l();
        boolean direct = win.isPointwise();
        float[] col = direct ? null : new float[k * l];
        for (int n = n0; n < n1; n++) {
            for (int g = 0; g < s.groups(); g++) {
                int xOff = (n * s.c() + g * s.cg()) * s.h() * s.w();
                if (k == 0 || l == 0) {
                    continue;
                }
                float[] patches = x;
                int pOff = xOff;
                if (!direct) {
                    Im2Col.im2col(x, xOff, s.cg(), s.h(), s.w(), win, s.oh(), s.ow(), col);
                    patches = col;
                    pOff = 0;
                }
                Kernels.gemm(false, false, s.og(), l, k, wt, g * s.og() * k, patches, pOff, y,
                        (n * s.o() + g * s.og()) * l);
            }
            if (b != null) {
                for (int o = 0; o < s.o(); o++) {
                    float bo = b[o];
                    int off = (n * s.o() + o) * l;
                    for (int p = 0; p < l; p++) {
                        y[off + p] += bo;
                    }
                }
            }
        }
    }

    private static void inputGrad(float[] gy, float[] wt, float[] dx, Sizes s, Window2d win) {
        if (s.k() == 0 || s.l() == 0) {
            return;
        }
        overImages(s, (n0, n1) -> inputGrad(gy, wt, dx, s, win, n0, n1));
    }

    private static void inputGrad(float[] gy, float[] wt, float[] dx, Sizes s, Window2d win, int n0, int n1) {
        int k = s.k();
        int l = s.l();
        boolean direct = win.isPointwise();
        float[] col = direct ? null : new float[k * l];
        for (int n = n0; n < n1; n++) {
            for (int g = 0; g < s.groups(); g++) {
                int gOff = (n * s.o() + g * s.og()) * l;
                int dxOff = (n * s.c() + g * s.cg()) * s.h() * s.w();
                if (direct) {
                    Kernels.gemm(true, false, k, l, s.og(), wt, g * s.og() * k, gy, gOff, dx, dxOff);
                } else {
                    Kernels.gemm(true, false, k, l, s.og(), wt, g * s.og() * k, gy, gOff, col, 0);
                    Im2Col.col2im(col, s.cg(), s.h(), s.w(), win, s.oh(), s.ow(), dx, dxOff);
                }
            }
        }
    }

    private static void weightGrad(float[] x, float[] gy, float[] dw, Sizes s, Window2d win) {
        int k = s.k();
        int l = s.l();
        if (k == 0 || l == 0) {
            return;
        }
        boolean direct = win.isPointwise();
        float[] col = direct ? null : new float[k * l];
        for (int n = 0; n < s.n(); n++) {
            for (int g = 0; g < s.groups(); g++) {
                int xOff = (n * s.c() + g * s.cg()) * s.h() * s.w();
                float[] patches = x;
                int pOff = xOff;
                if (!direct) {
                    Im2Col.im2col(x, xOff, s.cg(), s.h(), s.w(), win, s.oh(), s.ow(), col);
                    patches = col;
                    pOff = 0;
                }
                int gOff = (n * s.o() + g * s.og()) * l;
                int wOff = g * s.og() * k;
                if (n == 0) {
                    Kernels.gemm(false, true, s.og(), k, l, gy, gOff, patches, pOff, dw, wOff);
                } else {
                    Kernels.gemmAdd(false, true, s.og(), k, l, gy, gOff, patches, pOff, dw, wOff);
                }
            }
        }
    }
}
