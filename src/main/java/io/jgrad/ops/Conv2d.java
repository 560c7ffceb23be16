package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Convolution;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.Window2d;

/**
 * Two-dimensional convolution, as PyTorch's {@code conv2d} (whose node is
 * {@code ConvolutionBackward0}):
 * {@code out[n, o, y, x] = b[o] + Σ_{c, i, j} W[o, c, i, j] · in[n, g·C/groups + c, y·sh − ph + i·dh, x·sw − pw + j·dw]},
 * zero outside the image, {@code g = o / (O/groups)} the group of filter {@code o}.
 *
 * <p>Shapes: input {@code (N, C, H, W)} (or {@code (C, H, W)}, one image), weight
 * {@code (O, C/groups, kh, kw)}, bias {@code (O,)} or none, output {@code (N, O, OH, OW)} with
 * {@code OH = ⌊(H + 2·ph − dh·(kh − 1) − 1) / sh⌋ + 1} (and {@code OW} likewise). The forward runs
 * on the kernel seam's matrix product around a patch matrix ({@link Convolution}).
 *
 * <p>Backward: {@code ∂in = convᵀ(g, W)}, the transposed convolution ({@link Conv2dInputGrad});
 * {@code ∂W = Σₙ g ⋆ in} ({@link Conv2dWeightGrad}); {@code ∂b = Σ_{n, y, x} g}. The two products
 * are operations of their own whose backwards are convolutions again, so second and higher
 * derivatives with respect to the input and the weight exist (PyTorch's convolution double
 * backward).
 */
public final class Conv2d extends GradFn {

    private static final String OP = "conv2d";

    private final Window2d win;
    private final int groups;
    private final boolean hasBias;

    private Conv2d(Window2d win, int groups, boolean hasBias) {
        this.win = win;
        this.groups = groups;
        this.hasBias = hasBias;
    }

    /**
     * The convolution, with every argument checked.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}, float64 or float32
     * @param weight {@code (O, C/groups, kh, kw)}, the input's dtype
     * @param bias {@code (O,)} of the same dtype, or {@code null}
     * @param stride {@code {sh, sw}} (or one value for both), each ≥ 1
     * @param padding {@code {ph, pw}} (or one value), zeros added on both sides, each ≥ 0
     * @param dilation {@code {dh, dw}} (or one value), each ≥ 1
     * @param groups ≥ 1, dividing {@code C} and {@code O}
     * @return {@code (N, O, OH, OW)}, or {@code (O, OH, OW)} for an unbatched input
     * @throws IllegalArgumentException for a rank, a channel count, a bias shape, a dtype or an
     *     argument that does not fit, or a (dilated) kernel larger than the padded input
     */
    public static Tensor apply(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                               int groups) {
        boolean unbatched = ImageArgs.unbatched(OP, input);
        Shape si = input.shape();
        Shape sw = weight.shape();
        if (sw.rank() != 4) {
            throw new IllegalArgumentException(OP + ": weight of shape " + sw + " must be 4-d (out, in/groups, kh, kw)");
        }
        int[] st = ImageArgs.pair(OP, "stride", stride);
        int[] pd = ImageArgs.pair(OP, "padding", padding);
        int[] dl = ImageArgs.pair(OP, "dilation", dilation);
        ImageArgs.positive(OP, "stride", st);
        ImageArgs.nonNegative(OP, "padding", pd, "to crop the input, use pad with negative amounts first");
        ImageArgs.positive(OP, "dilation", dl);
        checkDtypes(input, weight, bias);
        int out = sw.get(0);
        if (groups < 1) {
            throw new IllegalArgumentException(OP + ": groups must be ≥ 1, got " + groups);
        }
        if (out == 0 || out % groups != 0) {
            throw new IllegalArgumentException(OP + ": weight of shape " + sw + " has " + out + " filters, which"
                    + " is not a positive multiple of groups=" + groups + "; give each group the same number of filters");
        }
        if (sw.get(2) < 1 || sw.get(3) < 1) {
            throw new IllegalArgumentException(OP + ": weight of shape " + sw + " has a kernel of "
                    + Shape.format(sw.get(2), sw.get(3)) + "; the kernel size must be at least (1, 1)");
        }
        int channels = si.get(-3);
        if (channels != sw.get(1) * groups) {
            throw new IllegalArgumentException(OP + ": input of shape " + si + " has " + channels + " channels, but"
                    + " weight of shape " + sw + " with groups=" + groups + " expects " + sw.get(1) * groups
                    + " (weight.shape[1]·groups); give the input that many channels or change groups");
        }
        if (bias != null && !bias.shape().equals(Shape.of(out))) {
            throw new IllegalArgumentException(OP + ": bias of shape " + bias.shape() + " does not fit weight of"
                    + " shape " + sw + "; the bias must be (" + out + ",), one value per filter");
        }
        if ((si.get(-2) == 0 || si.get(-1) == 0) && channels > 0 && (unbatched || si.get(0) > 0)) {
            throw new IllegalArgumentException(OP + ": input of shape " + si + " has an empty plane; only the batch"
                    + " or the channel dimension may be 0, as in PyTorch");
        }
        int paddedH = si.get(-2) + 2 * pd[0];
        int paddedW = si.get(-1) + 2 * pd[1];
        int kh = dl[0] * (sw.get(2) - 1) + 1;
        int kw = dl[1] * (sw.get(3) - 1) + 1;
        if (paddedH < kh || paddedW < kw) {
            throw new IllegalArgumentException(OP + ": input of shape " + si + " with padding " + Shape.format(pd)
                    + " is " + Shape.format(paddedH, paddedW) + " per channel, smaller than the kernel "
                    + Shape.format(kh, kw) + " (weight " + sw + ", dilation " + Shape.format(dl) + "); the kernel"
                    + " cannot be larger than the padded input: pad more, or use a smaller kernel or dilation");
        }
        Window2d win = new Window2d(sw.get(2), sw.get(3), st[0], st[1], pd[0], pd[1], dl[0], dl[1]);
        Tensor y = apply(ImageArgs.batched(input, unbatched), weight, bias, win, groups);
        return ImageArgs.unbatch(y, unbatched);
    }

    /** The convolution of checked 4-d arguments (the backward passes' convolutions). */
    static Tensor apply(Tensor x, Tensor weight, Tensor bias, Window2d win, int groups) {
        NDArray y = Convolution.conv2d(x.array(), weight.array(), bias == null ? null : bias.array(), win, groups);
        Conv2d op = new Conv2d(win, groups, bias != null);
        return bias == null ? op.record(y, x, weight) : op.record(y, x, weight, bias);
    }

    private static void checkDtypes(Tensor input, Tensor weight, Tensor bias) {
        ImageArgs.floating(OP, input);
        if (weight.dtype() != input.dtype() || (bias != null && bias.dtype() != input.dtype())) {
            throw new IllegalArgumentException(OP + ": input of " + input.dtype().label() + " " + input.shape()
                    + ", weight of " + weight.dtype().label() + " " + weight.shape()
                    + (bias == null ? "" : " and bias of " + bias.dtype().label() + " " + bias.shape())
                    + " must share one dtype; convert the input with to(weight.dtype())");
        }
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor x = input(0);
        Tensor w = input(1);
        g = ImageArgs.as(g, w.dtype());
        Tensor[] grads = new Tensor[hasBias ? 3 : 2];
        if (needsGrad(0)) {
            grads[0] = Conv2dInputGrad.apply(g, w, x.shape(), win, groups);
        }
        if (needsGrad(1)) {
            grads[1] = Conv2dWeightGrad.apply(x, g, w.shape(), win, groups);
        }
        if (hasBias && needsGrad(2)) {
            Shape s = g.shape();
            Tensor planes = Reshape.apply(g, Shape.of(s.get(0), s.get(1), s.get(2) * s.get(3)));
            grads[2] = Sum.apply(Sum.apply(planes, 2, false), 0, false);
        }
        return grads;
    }
}
