package io.jgrad.nn;

import io.jgrad.Tensor;

/**
 * Max pooling over {@code kernel × kernel} windows, PyTorch's {@code nn.MaxPool2d}: input
 * {@code (N, C, H, W)} or {@code (C, H, W)}, output {@code (N, C, H', W')} with
 * {@code H' = ⌊(H + 2·padding − kernel) / stride⌋ + 1}; the gradient goes to each window's first
 * maximum. No parameters.
 */
public class MaxPool2d extends Layer {

    private final int kernel;
    private final int stride;
    private final int padding;

    /**
     * Windows of {@code kernel} with stride {@code kernel} and no padding.
     *
     * @param kernel the window's height and width
     */
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /**
     * Windows of {@code kernel × kernel}, {@code stride} apart, over the input padded with {@code padding} on
     * every side (padding never wins the maximum).
     *
     * @param kernel the window's height and width
     * @param stride the step between windows, down and across
     * @param padding added on every side (ignored by the maximum)
     * @throws IllegalArgumentException if {@code kernel} or {@code stride} is not positive, or the
     *     padding is negative or more than half the kernel
     */
    public MaxPool2d(int kernel, int stride, int padding) {
        Pools.check("MaxPool2d", kernel, stride, padding);
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /** @see Functional#maxPool2d(Tensor, int[], int[], int[]) */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.maxPool2d(input, new int[] {kernel, kernel}, new int[] {stride, stride},
                new int[] {padding, padding});
    }

    /** @return {@code kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False}, as PyTorch prints it */
    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernel + ", stride=" + stride + ", padding=" + padding + ", dilation=1, ceil_mode=False";
    }
}
