package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.AvgPooling;
import io.jgrad.ndarray.Window2d;

/**
 * Average pooling, as PyTorch's {@code avg_pool2d} with its defaults ({@code count_include_pad=True},
 * {@code ceil_mode=False}; node {@code AvgPool2DBackward0}): {@code out[n, c, y, x]} is the sum of the
 * window {@code rows y·sh − ph … + kh − 1}, {@code columns x·sw − pw … + kw − 1} divided by
 * {@code kh·kw}, the padding counted as zeros.
 *
 * <p>Backward: {@code ∂in} = each {@code g} divided by {@code kh·kw} and added over its window
 * ({@link AvgPool2dBackward}, the transpose of this linear map), whose own backward is this pooling
 * again.
 */
public final class AvgPool2d extends GradFn {

    private static final String OP = "avgPool2d";

    private final Window2d win;

    private AvgPool2d(Window2d win) {
        this.win = win;
    }

    /**
     * {@return {@code (N, C, OH, OW)} (or {@code (C, OH, OW)}) with
     * {@code OH = ⌊(H + 2·ph − kh) / sh⌋ + 1}, of the input's dtype}
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}, float64, float32 or int64 (averages
     *     truncated towards zero, no gradient), with {@code C, H, W ≥ 1}
     * @param kernel {@code {kh, kw}} (or one value), each ≥ 1
     * @param stride {@code {sh, sw}} (or one value), each ≥ 1; {@code null} or empty for the kernel size
     * @param padding {@code {ph, pw}} (or one value), each in {@code [0, kernel/2]}
     * @throws IllegalArgumentException for a rank, a dtype or an argument that does not fit, or an
     *     output that would be empty
     */
    public static Tensor apply(Tensor input, int[] kernel, int[] stride, int[] padding) {
        boolean unbatched = ImageArgs.unbatched(OP, input);
        ImageArgs.numeric(OP, input);
        Window2d win = MaxPool2d.window(OP, input, kernel, stride, padding);
        return ImageArgs.unbatch(apply(ImageArgs.batched(input, unbatched), win), unbatched);
    }

    /** The pooling of a checked 4-d input (the backward's). */
    static Tensor apply(Tensor x, Window2d win) {
        return new AvgPool2d(win).record(AvgPooling.avgPool2d(x.array(), win), x);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {AvgPool2dBackward.apply(g, input(0), win)};
    }
}
