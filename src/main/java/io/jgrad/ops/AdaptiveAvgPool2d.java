package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.AvgPooling;

/**
 * Adaptive average pooling to a fixed output size, as PyTorch's {@code adaptive_avg_pool2d} (node
 * {@code AdaptiveAvgPool2DBackward0}): output row {@code i} of {@code OH} averages input rows
 * {@code ⌊i·H/OH⌋ … ⌈(i+1)·H/OH⌉ − 1}, columns likewise, so windows may overlap or differ in size
 * by one.
 *
 * <p>Backward: each {@code g} divided by its window's size and added over the window
 * ({@link AdaptiveAvgPool2dBackward}, the transpose of this linear map), whose own backward is this
 * pooling again.
 */
public final class AdaptiveAvgPool2d extends GradFn {

    private static final String OP = "adaptiveAvgPool2d";

    private AdaptiveAvgPool2d() {
    }

    /**
     * {@return {@code (N, C, outH, outW)} (or {@code (C, outH, outW)}) of the input's dtype}
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}, float64 or float32, {@code H, W ≥ 1}
     * @param outH output rows, ≥ 0
     * @param outW output columns, ≥ 0
     * @throws IllegalArgumentException for a rank or dtype that does not fit, a negative output size
     *     or an empty input plane
     */
    public static Tensor apply(Tensor input, int outH, int outW) {
        boolean unbatched = ImageArgs.unbatched(OP, input);
        ImageArgs.floating(OP, input);
        Shape s = input.shape();
        if (outH < 0 || outW < 0) {
            throw new IllegalArgumentException(OP + ": output size " + Shape.format(outH, outW) + " must be ≥ 0 in"
                    + " both dimensions");
        }
        if (s.get(-2) == 0 || s.get(-1) == 0) {
            throw new IllegalArgumentException(OP + ": input of shape " + s + " has an empty " + (s.get(-2) == 0
                    ? "height" : "width") + "; every window needs at least one pixel");
        }
        return ImageArgs.unbatch(pool(ImageArgs.batched(input, unbatched), outH, outW), unbatched);
    }

    /** The pooling of a checked 4-d input (the backward's). */
    static Tensor pool(Tensor x, int outH, int outW) {
        return new AdaptiveAvgPool2d().record(AvgPooling.adaptiveAvgPool2d(x.array(), outH, outW), x);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {AdaptiveAvgPool2dBackward.apply(g, input(0))};
    }
}
