package io.jgrad.nn;

import io.jgrad.Tensor;

/**
 * Average pooling over {@code kernel × kernel} windows, PyTorch's {@code nn.AvgPool2d} (padding
 * counted in the average, as its default): input {@code (N, C, H, W)} or {@code (C, H, W)}, output
 * {@code (N, C, H', W')} with {@code H' = ⌊(H + 2·padding − kernel) / stride⌋ + 1}. No parameters.
 */
public class AvgPool2d extends Layer {

    private final int kernel;
    private final int stride;
    private final int padding;

    /**
     * Windows of {@code kernel} with stride {@code kernel} and no padding.
     *
     * @param kernel the window's height and width
     */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /**
     * Windows of {@code kernel × kernel}, {@code stride} apart, over the input padded with {@code padding} zeros
     * on every side.
     *
     * @param kernel the window's height and width
     * @param stride the step between windows, down and across
     * @param padding added on every side (zeros)
     * @throws IllegalArgumentException if {@code kernel} or {@code stride} is not positive, or the
     *     padding is negative or more than half the kernel
     */
    public AvgPool2d(int kernel, int stride, int padding) {
        Pools.check("AvgPool2d", kernel, stride, padding);
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /** @see Functional#avgPool2d(Tensor, int[], int[], int[]) */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.avgPool2d(input, new int[] {kernel, kernel}, new int[] {stride, stride},
                new int[] {padding, padding});
    }

    /** @return {@code kernel_size=2, stride=2, padding=0}, as PyTorch prints it */
    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernel + ", stride=" + stride + ", padding=" + padding;
    }
}
