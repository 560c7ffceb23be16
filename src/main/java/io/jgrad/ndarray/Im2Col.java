package io.jgrad.ndarray;

import java.util.Arrays;

/**
 * The patch matrix of a convolution and its adjoint, on one image of {@code C} channels
 * {@code (C, H, W)}:
 *
 * <ul>
 *   <li>{@code im2col} writes {@code col} of shape {@code (C·kh·kw, OH·OW)}: row
 *       {@code (c·kh + i)·kw + j} holds, for every output position {@code (y, x)}, the input pixel
 *       {@code (c, y·sh − ph + i·dh, x·sw − pw + j·dw)}, or 0 where that falls in the padding.
 *       A convolution is then {@code W (O, C·kh·kw) · col};</li>
 *   <li>{@code col2im} is its transpose: it adds each element of {@code col} into the input pixel it
 *       was read from (padding positions are dropped), which turns {@code Wᵀ·g} into the gradient of
 *       the input.</li>
 * </ul>
 *
 * <p>Cache-friendly by construction: both run row by row over {@code col}, which they write (or
 * read) sequentially, and each row of {@code col} reads one input row per output row. For every
 * kernel offset the range of output columns whose pixel lies inside the image is computed once, so
 * the inner loop has no bounds test (with stride 1 it is an {@code arraycopy}). One typed copy per
 * dtype (float64, float32), the same loops.
 */
final class Im2Col {

    private Im2Col() {
    }

    // the first output column x ≥ 0 whose input column x·stride + shift is ≥ 0, at most out
    private static int firstInside(int shift, int stride, int out) {
        int x = shift >= 0 ? 0 : (-shift + stride - 1) / stride;
        return Math.min(x, out);
    }

    // one past the last output column whose input column x·stride + shift is < width, at least lo
    private static int endInside(int shift, int stride, int width, int out, int lo) {
        int room = width - shift; // input columns from shift on
        int x = room <= 0 ? 0 : (room + stride - 1) / stride;
        return Math.max(lo, Math.min(x, out));
    }

    /**
     * Writes the patch matrix of {@code channels} planes of {@code x} starting at {@code xOff} into
     * {@code col[0 … channels·kh·kw·oh·ow)}.
     */
    static void im2col(double[] x, int xOff, int channels, int h, int w, Window2d win, int oh, int ow,
                       double[] col) {
        int sh = win.strideH();
        int sw = win.strideW();
        int row = 0;
        for (int c = 0; c < channels; c++) {
            int plane = xOff + c * h * w;
            for (int i = 0; i < win.kernelH(); i++) {
                int rowShift = i * win.dilationH() - win.padH();
                for (int j = 0; j < win.kernelW(); j++, row++) {
                    int colShift = j * win.dilationW() - win.padW();
                    int lo = firstInside(colShift, sw, ow);
                    int hi = endInside(colShift, sw, w, ow, lo);
                    int dst = row * oh * ow;
                    for (int y = 0; y < oh; y++, dst += ow) {
                        int iy = y * sh + rowShift;
                        if (iy < 0 || iy >= h) {
                            Arrays.fill(col, dst, dst + ow, 0.0);
                            continue;
                        }
                        Arrays.fill(col, dst, dst + lo, 0.0);
                        int src = plane + iy * w + lo * sw + colShift;
                        if (sw == 1) {
                            System.arraycopy(x, src, col, dst + lo, hi - lo);
                        } else {
                            for (int ox = lo; ox < hi; ox++, src += sw) {
                                col[dst + ox] = x[src];
                            }
                        }
                        Arrays.fill(col, dst + hi, dst + ow, 0.0);
                    }
                }
            }
        }
    }

    /** {@link #im2col(double[], int, int, int, int, Window2d, int, int, double[])} on float32. */
    static void im2col(float[] x, int xOff, int channels, int h, int w, Window2d win, int oh, int ow,
                       float[] col) {
        int sh = win.strideH();
        int sw = win.strideW();
        int row = 0;
        for (int c = 0; c < channels; c++) {
            int plane = xOff + c * h * w;
            for (int i = 0; i < win.kernelH(); i++) {
                int rowShift = i * win.dilationH() - win.padH();
                for (int j = 0; j < win.kernelW(); j++, row++) {
                    int colShift = j * win.dilationW() - win.padW();
                    int lo = firstInside(colShift, sw, ow);
                    int hi = endInside(colShift, sw, w, ow, lo);
                    int dst = row * oh * ow;
                    for (int y = 0; y < oh; y++, dst += ow) {
                        int iy = y * sh + rowShift;
                        if (iy < 0 || iy >= h) {
                            Arrays.fill(col, dst, dst + ow, 0f);
                            continue;
                        }
                        Arrays.fill(col, dst, dst + lo, 0f);
                        int src = plane + iy * w + lo * sw + colShift;
                        if (sw == 1) {
                            System.arraycopy(x, src, col, dst + lo, hi - lo);
                        } else {
                            for (int ox = lo; ox < hi; ox++, src += sw) {
                                col[dst + ox] = x[src];
                            }
                        }
                        Arrays.fill(col, dst + hi, dst + ow, 0f);
                    }
                }
            }
        }
    }

    /**
     * Adds the patch matrix {@code col} back into {@code channels} planes of {@code dx} starting at
     * {@code dxOff}: the transpose of {@code im2col}. Contributions to one pixel are added in the
     * order of the rows of {@code col}.
     */
    static void col2im(double[] col, int channels, int h, int w, Window2d win, int oh, int ow,
                       double[] dx, int dxOff) {
        int sh = win.strideH();
        int sw = win.strideW();
        int row = 0;
        for (int c = 0; c < channels; c++) {
            int plane = dxOff + c * h * w;
            for (int i = 0; i < win.kernelH(); i++) {
                int rowShift = i * win.dilationH() - win.padH();
                for (int j = 0; j < win.kernelW(); j++, row++) {
                    int colShift = j * win.dilationW() - win.padW();
                    int lo = firstInside(colShift, sw, ow);
                    int hi = endInside(colShift, sw, w, ow, lo);
                    int src = row * oh * ow;
                    for (int y = 0; y < oh; y++, src += ow) {
                        int iy = y * sh + rowShift;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        int dst = plane + iy * w + lo * sw + colShift;
                        for (int ox = lo; ox < hi; ox++, dst += sw) {
                            dx[dst] += col[src + ox];
                        }
                    }
                }
            }
        }
    }

    /** {@link #col2im(double[], int, int, int, Window2d, int, int, double[], int)} on float32. */
    static void col2im(float[] col, int channels, int h, int w, Window2d win, int oh, int ow,
                       float[] dx, int dxOff) {
        int sh = win.strideH();
        int sw = win.strideW();
        int row = 0;
        for (int c = 0; c < channels; c++) {
            int plane = dxOff + c * h * w;
            for (int i = 0; i < win.kernelH(); i++) {
                int rowShift = i * win.dilationH() - win.padH();
                for (int j = 0; j < win.kernelW(); j++, row++) {
                    int colShift = j * win.dilationW() - win.padW();
                    int lo = firstInside(colShift, sw, ow);
                    int hi = endInside(colShift, sw, w, ow, lo);
                    int src = row * oh * ow;
                    for (int y = 0; y < oh; y++, src += ow) {
                        int iy = y * sh + rowShift;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        int dst = plane + iy * w + lo * sw + colShift;
                        for (int ox = lo; ox < hi; ox++, dst += sw) {
                            dx[dst] += col[src + ox];
                        }
                    }
                }
            }
        }
    }
}
