package io.jgrad.nn;

import io.jgrad.Tensor;
import io.jgrad.ops.AdaptiveAvgPool2d;
import io.jgrad.ops.AvgPool2d;
import io.jgrad.ops.ConstantPadNd;
import io.jgrad.ops.Conv2d;
import io.jgrad.ops.MaxPool2d;

/**
 * Stateless neural-network functions, as PyTorch's {@code torch.nn.functional}: the layers of this
 * package call them with their parameters, and they can be called directly. Each is one line that
 * hands its arguments to an operation of {@code io.jgrad.ops}, where the forward and the backward
 * formula are; {@code docs/ops.md} lists them.
 *
 * <p>Image tensors are {@code (N, C, H, W)}, or {@code (C, H, W)} for a single image (the result then
 * has no batch dimension either). Kernel, stride, padding and dilation are {@code int[]{h, w}} pairs
 * (a single value stands for both), and the {@code int} overloads use the same value for both. The
 * image functions need a floating input (max and average pooling also take int64, without gradient).
 */
public final class Functional {

    private Functional() {
    }

    /**
     * Two-dimensional convolution (cross-correlation), as {@code F.conv2d}:
     * {@code out[n, o, y, x] = bias[o] + Σ_{c, i, j} weight[o, c, i, j] · input[n, g·C/groups + c, y·sh − ph + i·dh, x·sw − pw + j·dw]},
     * zero outside the image, {@code g} the group of filter {@code o}. Grad fn {@code Conv2d}
     * (PyTorch's {@code ConvolutionBackward0}); differentiable to any order in the input, the weight
     * and the bias.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}, float32 or float64
     * @param weight {@code (O, C/groups, kh, kw)}, the input's dtype
     * @param bias {@code (O,)}, the input's dtype, or {@code null}
     * @param stride {@code {sh, sw}}, each ≥ 1
     * @param padding {@code {ph, pw}}: zeros added on each side, each ≥ 0
     * @param dilation {@code {dh, dw}}: spacing of the kernel's taps, each ≥ 1
     * @param groups splits the channels and the filters into this many independent convolutions; it
     *     must divide {@code C} and {@code O}
     * @return {@code (N, O, OH, OW)} (or {@code (O, OH, OW)}) with
     *     {@code OH = ⌊(H + 2·ph − dh·(kh − 1) − 1) / sh⌋ + 1} and {@code OW} likewise
     * @throws IllegalArgumentException if a rank, the channels ({@code C ≠ weight.shape[1]·groups}),
     *     {@code groups} ({@code O} not a multiple), the bias shape or the dtypes do not fit, if a
     *     stride or dilation is below 1 or a padding negative, or if the dilated kernel is larger than
     *     the padded input
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                                int groups) {
        return Conv2d.apply(input, weight, bias, stride, padding, dilation, groups);
    }

    /**
     * {@link #conv2d(Tensor, Tensor, Tensor, int[], int[], int[], int)} with the same stride and
     * padding in both dimensions, no dilation and one group.
     *
     * @param bias {@code (O,)} or {@code null}
     * @throws IllegalArgumentException as the full form
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding) {
        return Conv2d.apply(input, weight, bias, new int[] {stride}, new int[] {padding}, new int[] {1}, 1);
    }

    /**
     * Max pooling, as {@code F.max_pool2d}: the maximum of each window (the padding never wins; a
     * NaN in a window gives NaN). Grad fn {@code MaxPool2d}; the gradient goes to the first maximum of
     * each window.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}, float32, float64 or int64
     * @param kernel {@code {kh, kw}}, each ≥ 1
     * @param stride {@code {sh, sw}}, each ≥ 1; {@code null} for the kernel size (PyTorch's default)
     * @param padding {@code {ph, pw}}, each in {@code [0, kernel/2]}
     * @return {@code (N, C, OH, OW)} (or {@code (C, OH, OW)}), {@code OH = ⌊(H + 2·ph − kh) / sh⌋ + 1}
     * @throws IllegalArgumentException if the rank or dtype does not fit, an argument is out of range,
     *     the channels or the plane are empty, or the kernel is larger than the padded input
     */
    public static Tensor maxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding) {
        return MaxPool2d.apply(input, kernel, stride, padding);
    }

    /**
     * {@link #maxPool2d(Tensor, int[], int[], int[])} with a square kernel, stride = kernel and no
     * padding.
     *
     * @throws IllegalArgumentException as the full form
     */
    public static Tensor maxPool2d(Tensor input, int kernel) {
        return MaxPool2d.apply(input, new int[] {kernel}, null, new int[] {0});
    }

    /**
     * Average pooling, as {@code F.avg_pool2d} with its defaults ({@code count_include_pad=True},
     * {@code ceil_mode=False}): the sum of each window divided by {@code kh·kw}, the padding counted
     * as zeros. Grad fn {@code AvgPool2d}.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}, float32, float64 or int64 (truncated
     *     towards zero)
     * @param kernel {@code {kh, kw}}, each ≥ 1
     * @param stride {@code {sh, sw}}, each ≥ 1; {@code null} for the kernel size
     * @param padding {@code {ph, pw}}, each in {@code [0, kernel/2]}
     * @return {@code (N, C, OH, OW)} (or {@code (C, OH, OW)}), {@code OH = ⌊(H + 2·ph − kh) / sh⌋ + 1}
     * @throws IllegalArgumentException as {@link #maxPool2d(Tensor, int[], int[], int[])}
     */
    public static Tensor avgPool2d(Tensor input, int[] kernel, int[] stride, int[] padding) {
        return AvgPool2d.apply(input, kernel, stride, padding);
    }

    /**
     * {@link #avgPool2d(Tensor, int[], int[], int[])} with a square kernel, stride = kernel and no
     * padding.
     *
     * @throws IllegalArgumentException as the full form
     */
    public static Tensor avgPool2d(Tensor input, int kernel) {
        return AvgPool2d.apply(input, new int[] {kernel}, null, new int[] {0});
    }

    /**
     * Adaptive average pooling, as {@code F.adaptive_avg_pool2d}: output row {@code i} averages input
     * rows {@code ⌊i·H/outH⌋ … ⌈(i+1)·H/outH⌉ − 1}, and columns likewise. Grad fn
     * {@code AdaptiveAvgPool2d}.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}, float32 or float64, {@code H, W ≥ 1}
     * @param outH output rows, ≥ 0
     * @param outW output columns, ≥ 0
     * @return {@code (N, C, outH, outW)} (or {@code (C, outH, outW)})
     * @throws IllegalArgumentException if the rank or dtype does not fit, an output size is negative,
     *     or the input plane is empty
     */
    public static Tensor adaptiveAvgPool2d(Tensor input, int outH, int outW) {
        return AdaptiveAvgPool2d.apply(input, outH, outW);
    }

    /**
     * Constant padding, as {@code F.pad(input, pads, value=value)}: {@code pads} holds
     * {@code (before, after)} pairs for the last dimension, then the one before it, and so on; each
     * adds that many elements of {@code value}, or, when negative, crops that many. Grad fn
     * {@code ConstantPadNd}; the gradient is the output gradient with the padding cropped off and
     * the cropped elements as zeros.
     *
     * @param input any shape and dtype
     * @param pads an even number of values, at most {@code 2·rank}
     * @param value the fill, converted to the input's dtype as a Java cast does
     * @return the padded tensor, of the input's dtype
     * @throws IllegalArgumentException if {@code pads} is null, of odd length or too long, or crops
     *     more elements than a dimension has
     */
    public static Tensor pad(Tensor input, int[] pads, double value) {
        return ConstantPadNd.apply(input, pads, value);
    }
}
