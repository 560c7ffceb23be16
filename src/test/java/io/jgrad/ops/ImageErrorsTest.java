package io.jgrad.ops;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.nn.Functional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Every error of the image operations of {@link Functional}: an {@link IllegalArgumentException}
 * (PyTorch's RuntimeError) whose whole message is checked: the operation, the shapes as
 * {@code (2, 3)}, the values given, the rule and the fix.
 */
class ImageErrorsTest {

    private static final Tensor X = Tensor.zeros(1, 3, 5, 5);
    private static final Tensor W = Tensor.zeros(4, 3, 3, 3);

    private static void fails(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    private static Tensor conv(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation, int groups) {
        return Functional.conv2d(x, w, b, stride, padding, dilation, groups);
    }

    // ------------------------------------------------------------------ conv2d

    @Test
    void conv2dRejectsInputsAndWeightsOfTheWrongRank() {
        fails(() -> Functional.conv2d(Tensor.zeros(2, 3), W, null, 1, 0),
                "conv2d: input of shape (2, 3) has 2 dimensions; it must be (N, C, H, W), or (C, H, W) for a single"
                        + " image");
        fails(() -> Functional.conv2d(Tensor.zeros(1, 1, 1, 3, 5, 5), W, null, 1, 0),
                "conv2d: input of shape (1, 1, 1, 3, 5, 5) has 6 dimensions; it must be (N, C, H, W), or (C, H, W)"
                        + " for a single image");
        fails(() -> Functional.conv2d(X, Tensor.zeros(4, 3, 3), null, 1, 0),
                "conv2d: weight of shape (4, 3, 3) must be 4-d (out, in/groups, kh, kw)");
    }

    @Test
    void conv2dRejectsStridesPaddingsAndDilationsOutOfRange() {
        int[] one = {1, 1};
        int[] zero = {0, 0};
        fails(() -> conv(X, W, null, new int[] {1, 2, 3}, zero, one, 1),
                "conv2d: stride must be one int or an {h, w} pair, got (1, 2, 3)");
        fails(() -> conv(X, W, null, null, zero, one, 1), "conv2d: stride must be one int or an {h, w} pair, got null");
        fails(() -> conv(X, W, null, one, new int[0], one, 1),
                "conv2d: padding must be one int or an {h, w} pair, got ()");
        fails(() -> conv(X, W, null, new int[] {0, 1}, zero, one, 1),
                "conv2d: stride (0, 1) must be positive (≥ 1) in both dimensions");
        fails(() -> Functional.conv2d(X, W, null, -1, 0),
                "conv2d: stride (-1, -1) must be positive (≥ 1) in both dimensions");
        fails(() -> Functional.conv2d(X, W, null, 1, -1),
                "conv2d: padding (-1, -1) must be ≥ 0 in both dimensions; to crop the input, use pad with negative"
                        + " amounts first");
        fails(() -> conv(X, W, null, one, zero, new int[] {1, 0}, 1),
                "conv2d: dilation (1, 0) must be positive (≥ 1) in both dimensions");
    }

    @Test
    void conv2dRejectsDtypesThatAreNotOneFloatingDtype() {
        fails(() -> Functional.conv2d(X.to(DType.INT64), W.to(DType.INT64), null, 1, 0),
                "conv2d: input of shape (1, 3, 5, 5) is int64; it needs a floating dtype: convert it with"
                        + " to(DType.FLOAT32) or to(DType.FLOAT64)");
        fails(() -> Functional.conv2d(X.to(DType.FLOAT32), W, null, 1, 0),
                "conv2d: input of float32 (1, 3, 5, 5), weight of float64 (4, 3, 3, 3) must share one dtype;"
                        + " convert the input with to(weight.dtype())");
        fails(() -> Functional.conv2d(X, W, Tensor.zeros(DType.FLOAT32, 4), 1, 0),
                "conv2d: input of float64 (1, 3, 5, 5), weight of float64 (4, 3, 3, 3) and bias of float32 (4,)"
                        + " must share one dtype; convert the input with to(weight.dtype())");
    }

    @Test
    void conv2dRejectsGroupsThatDoNotDivideTheFiltersOrTheChannels() {
        int[] one = {1};
        int[] zero = {0};
        fails(() -> conv(X, W, null, one, zero, one, 0), "conv2d: groups must be ≥ 1, got 0");
        fails(() -> conv(Tensor.zeros(1, 6, 5, 5), Tensor.zeros(4, 2, 3, 3), null, one, zero, one, 3),
                "conv2d: weight of shape (4, 2, 3, 3) has 4 filters, which is not a positive multiple of groups=3;"
                        + " give each group the same number of filters");
        fails(() -> Functional.conv2d(X, Tensor.zeros(0, 3, 3, 3), null, 1, 0),
                "conv2d: weight of shape (0, 3, 3, 3) has 0 filters, which is not a positive multiple of groups=1;"
                        + " give each group the same number of filters");
        fails(() -> conv(X, W, null, one, zero, one, 2),
                "conv2d: input of shape (1, 3, 5, 5) has 3 channels, but weight of shape (4, 3, 3, 3) with groups=2"
                        + " expects 6 (weight.shape[1]·groups); give the input that many channels or change groups");
        fails(() -> Functional.conv2d(Tensor.zeros(2, 5, 5), W, null, 1, 0),
                "conv2d: input of shape (2, 5, 5) has 2 channels, but weight of shape (4, 3, 3, 3) with groups=1"
                        + " expects 3 (weight.shape[1]·groups); give the input that many channels or change groups");
    }

    @Test
    void conv2dRejectsABiasThatDoesNotFitTheFilters() {
        fails(() -> Functional.conv2d(X, W, Tensor.zeros(3), 1, 0),
                "conv2d: bias of shape (3,) does not fit weight of shape (4, 3, 3, 3); the bias must be (4,), one"
                        + " value per filter");
        fails(() -> Functional.conv2d(X, W, Tensor.zeros(4, 1), 1, 0),
                "conv2d: bias of shape (4, 1) does not fit weight of shape (4, 3, 3, 3); the bias must be (4,), one"
                        + " value per filter");
    }

    @Test
    void conv2dRejectsAKernelLargerThanThePaddedInput() {
        fails(() -> Functional.conv2d(Tensor.zeros(1, 3, 2, 5), W, null, 1, 0),
                "conv2d: input of shape (1, 3, 2, 5) with padding (0, 0) is (2, 5) per channel, smaller than the"
                        + " kernel (3, 3) (weight (4, 3, 3, 3), dilation (1, 1)); the kernel cannot be larger than the"
                        + " padded input: pad more, or use a smaller kernel or dilation");
        fails(() -> conv(Tensor.zeros(1, 3, 4, 4), W, null, new int[] {1}, new int[] {0}, new int[] {2}, 1),
                "conv2d: input of shape (1, 3, 4, 4) with padding (0, 0) is (4, 4) per channel, smaller than the"
                        + " kernel (5, 5) (weight (4, 3, 3, 3), dilation (2, 2)); the kernel cannot be larger than the"
                        + " padded input: pad more, or use a smaller kernel or dilation");
        fails(() -> Functional.conv2d(Tensor.zeros(1, 3, 0, 5), W, null, 1, 2),
                "conv2d: input of shape (1, 3, 0, 5) has an empty plane; only the batch or the channel dimension may"
                        + " be 0, as in PyTorch");
        fails(() -> Functional.conv2d(X, Tensor.zeros(4, 3, 0, 3), null, 1, 0),
                "conv2d: weight of shape (4, 3, 0, 3) has a kernel of (0, 3); the kernel size must be at least (1, 1)");
    }

    // ------------------------------------------------------------------ pooling

    @Test
    void poolingRejectsRanksAndDtypes() {
        for (String op : new String[] {"maxPool2d", "avgPool2d"}) {
            ThrowingCallable rank = op.equals("maxPool2d") ? () -> Functional.maxPool2d(Tensor.zeros(4, 4), 2)
                    : () -> Functional.avgPool2d(Tensor.zeros(4, 4), 2);
            fails(rank, op + ": input of shape (4, 4) has 2 dimensions; it must be (N, C, H, W), or (C, H, W) for a"
                    + " single image");
            Tensor bools = Tensor.zeros(DType.BOOL, 1, 4, 4);
            ThrowingCallable bool = op.equals("maxPool2d") ? () -> Functional.maxPool2d(bools, 2)
                    : () -> Functional.avgPool2d(bools, 2);
            fails(bool, op + ": input of shape (1, 4, 4) is bool, which has no average or maximum here; convert it"
                    + " with to(DType.FLOAT32), to(DType.FLOAT64) or to(DType.INT64)");
        }
        fails(() -> Functional.adaptiveAvgPool2d(Tensor.zeros(4), 2, 2),
                "adaptiveAvgPool2d: input of shape (4,) has 1 dimension; it must be (N, C, H, W), or (C, H, W) for a"
                        + " single image");
        fails(() -> Functional.adaptiveAvgPool2d(Tensor.zeros(DType.INT64, 1, 4, 4), 2, 2),
                "adaptiveAvgPool2d: input of shape (1, 4, 4) is int64; it needs a floating dtype: convert it with"
                        + " to(DType.FLOAT32) or to(DType.FLOAT64)");
    }

    @Test
    void poolingRejectsKernelsStridesAndPaddingsOutOfRange() {
        Tensor x = Tensor.zeros(1, 1, 4, 4);
        fails(() -> Functional.maxPool2d(x, 0), "maxPool2d: kernel (0, 0) must be positive (≥ 1) in both dimensions");
        fails(() -> Functional.avgPool2d(x, null, null, new int[] {0}),
                "avgPool2d: kernel must be one int or an {h, w} pair, got null");
        fails(() -> Functional.maxPool2d(x, new int[] {2}, new int[] {0, 1}, new int[] {0}),
                "maxPool2d: stride (0, 1) must be positive (≥ 1) in both dimensions");
        fails(() -> Functional.avgPool2d(x, new int[] {2}, new int[] {-1}, new int[] {0}),
                "avgPool2d: stride (-1, -1) must be positive (≥ 1) in both dimensions");
        fails(() -> Functional.maxPool2d(x, new int[] {2}, null, new int[] {0, -1}),
                "maxPool2d: padding (0, -1) must be ≥ 0 in both dimensions; pad the input with pad(…) to crop it");
        fails(() -> Functional.maxPool2d(x, new int[] {3}, new int[] {1}, new int[] {2}),
                "maxPool2d: padding (2, 2) is more than half the kernel (3, 3); each padding must be at most"
                        + " kernel/2, so that every window holds a pixel of the image");
        fails(() -> Functional.avgPool2d(x, new int[] {3, 2}, new int[] {1}, new int[] {1, 2}),
                "avgPool2d: padding (1, 2) is more than half the kernel (3, 2); each padding must be at most"
                        + " kernel/2, so that every window holds a pixel of the image");
    }

    @Test
    void poolingRejectsEmptyPlanesAndOutputs() {
        fails(() -> Functional.maxPool2d(Tensor.zeros(1, 0, 4, 4), 2),
                "maxPool2d: input of shape (1, 0, 4, 4) is empty in its channel or spatial dimensions; only the batch"
                        + " dimension may be 0");
        fails(() -> Functional.avgPool2d(Tensor.zeros(1, 1, 0, 4), 2),
                "avgPool2d: input of shape (1, 1, 0, 4) is empty in its channel or spatial dimensions; only the batch"
                        + " dimension may be 0");
        fails(() -> Functional.maxPool2d(Tensor.zeros(1, 1, 4, 4), 5),
                "maxPool2d: input of shape (1, 1, 4, 4) with padding (0, 0) is smaller than the kernel (5, 5), so"
                        + " the output would be (0, 0); use a smaller kernel or a larger input");
        fails(() -> Functional.avgPool2d(Tensor.zeros(2, 4, 1), new int[] {1, 2}, new int[] {1}, new int[] {0}),
                "avgPool2d: input of shape (2, 4, 1) with padding (0, 0) is smaller than the kernel (1, 2), so the"
                        + " output would be (4, 0); use a smaller kernel or a larger input");
        fails(() -> Functional.adaptiveAvgPool2d(Tensor.zeros(1, 1, 0, 4), 2, 2),
                "adaptiveAvgPool2d: input of shape (1, 1, 0, 4) has an empty height; every window needs at least one"
                        + " pixel");
        fails(() -> Functional.adaptiveAvgPool2d(Tensor.zeros(1, 1, 4, 0), 2, 2),
                "adaptiveAvgPool2d: input of shape (1, 1, 4, 0) has an empty width; every window needs at least one"
                        + " pixel");
        fails(() -> Functional.adaptiveAvgPool2d(Tensor.zeros(1, 1, 4, 4), -1, 2),
                "adaptiveAvgPool2d: output size (-1, 2) must be ≥ 0 in both dimensions");
    }

    // ------------------------------------------------------------------ pad

    @Test
    void padRejectsPadsThatDoNotFitTheShape() {
        Tensor x = Tensor.zeros(2, 3);
        fails(() -> Functional.pad(x, null, 0), "pad: pads null do not fit shape (2, 3); give (before, after) pairs"
                + " from the last dimension backwards, an even number of values, at most 4");
        fails(() -> Functional.pad(x, new int[] {1}, 0), "pad: pads (1,) do not fit shape (2, 3); give (before,"
                + " after) pairs from the last dimension backwards, an even number of values, at most 4");
        fails(() -> Functional.pad(x, new int[] {1, 1, 1, 1, 1, 1}, 0), "pad: pads (1, 1, 1, 1, 1, 1) do not fit"
                + " shape (2, 3); give (before, after) pairs from the last dimension backwards, an even number of"
                + " values, at most 4");
        fails(() -> Functional.pad(Tensor.scalar(1), new int[] {0, 0}, 0), "pad: pads (0, 0) do not fit shape ();"
                + " give (before, after) pairs from the last dimension backwards, an even number of values, at most 0");
        fails(() -> Functional.pad(x, new int[] {-2, -2}, 0), "pad: pads (-2, -2) remove 4 elements from dimension 1"
                + " of shape (2, 3), which has only 3; negative pads may crop at most the whole dimension");
        fails(() -> Functional.pad(x, new int[] {0, 0, -3, 1}, 0), "pad: pads (0, 0, -3, 1) remove 3 elements from"
                + " dimension 0 of shape (2, 3), which has only 2; negative pads may crop at most the whole dimension");
    }
}
