package io.jgrad.ndarray;

/**
 * The geometry of a window sliding over the last two dimensions of an image tensor
 * {@code (N, C, H, W)}, as a convolution or a pooling layer slides it: kernel size, stride, zero
 * padding (added on both sides) and dilation, each as a (height, width) pair. The arguments are
 * checked by the operations that build one ({@code io.jgrad.ops}), not here.
 *
 * <p>Output size (PyTorch's formula, {@code ceil_mode} off):
 * {@code out = ⌊(in + 2·pad − dilation·(kernel − 1) − 1) / stride⌋ + 1}, with the division rounded
 * towards −∞, so a window that does not fit gives a size ≤ 0.
 *
 * @param kernelH kernel rows
 * @param kernelW kernel columns
 * @param strideH step between windows along the rows
 * @param strideW step between windows along the columns
 * @param padH implicit rows added above and below
 * @param padW implicit columns added left and right
 * @param dilationH spacing between kernel rows (1: adjacent)
 * @param dilationW spacing between kernel columns
 */
public record Window2d(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                       int dilationH, int dilationW) {

    /**
     * {@return the number of window positions along the rows of an input with {@code h} rows}
     *
     * @param h the input's height
     */
    public int outH(int h) {
        return Math.floorDiv(h + 2 * padH - dilationH * (kernelH - 1) - 1, strideH) + 1;
    }

    /**
     * {@return the number of window positions along the columns of an input with {@code w} columns}
     *
     * @param w the input's width
     */
    public int outW(int w) {
        return Math.floorDiv(w + 2 * padW - dilationW * (kernelW - 1) - 1, strideW) + 1;
    }

    /** @return whether every window is one pixel and every pixel one window (a 1×1 kernel, stride 1, no padding) */
    boolean isPointwise() {
        return kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0;
    }
}
