package io.jgrad.ops;

import io.jgrad.Shape;
import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.MaxPooling;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.Window2d;

/**
 * Max pooling, as PyTorch's {@code max_pool2d} (node {@code MaxPool2DWithIndicesBackward0}):
 * {@code out[n, c, y, x] = max} of the input over the window {@code rows y·sh − ph … y·sh − ph + kh − 1},
 * {@code columns x·sw − pw … x·sw − pw + kw − 1} (the padding never wins). The forward keeps, as a
 * constant, the position of each maximum in its plane (the first on ties; a NaN propagates).
 *
 * <p>Backward: {@code ∂in = g} scattered to those positions ({@link MaxPool2dBackward}); windows
 * that share a maximum add their gradients. The same node also records the reverse map, the
 * gather of a tensor at saved positions, which is the backward of {@code MaxPool2dBackward}: so
 * the second derivative exists (it is zero through the pooling itself, as the selection is piecewise
 * constant, but not through what follows it).
 */
public final class MaxPool2d extends GradFn {

    private static final String OP = "maxPool2d";

    private MaxPool2d() {
    }

    /**
     * {@return {@code (N, C, OH, OW)} (or {@code (C, OH, OW)}) with
     * {@code OH = ⌊(H + 2·ph − kh) / sh⌋ + 1}, of the input's dtype}
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}, float64, float32 or int64 (no gradient), with
     *     {@code C, H, W ≥ 1}
     * @param kernel {@code {kh, kw}} (or one value), each ≥ 1
     * @param stride {@code {sh, sw}} (or one value), each ≥ 1; {@code null} or empty for the kernel size
     * @param padding {@code {ph, pw}} (or one value), each in {@code [0, kernel/2]}
     * @throws IllegalArgumentException for a rank, a dtype or an argument that does not fit, or an
     *     output that would be empty
     */
    public static Tensor apply(Tensor input, int[] kernel, int[] stride, int[] padding) {
        boolean unbatched = ImageArgs.unbatched(OP, input);
        ImageArgs.numeric(OP, input);
        Window2d win = window(OP, input, kernel, stride, padding);
        Tensor x = ImageArgs.batched(input, unbatched);
        NDArray[] valuesAndIndices = MaxPooling.maxPool2d(x.array(), win);
        return ImageArgs.unbatch(make(x, valuesAndIndices[0], valuesAndIndices[1]), unbatched);
    }

    /**
     * The gather at saved positions: {@code out[n, c, i] = h[n, c, indices[n, c, i]]} (the backward of
     * {@link MaxPool2dBackward}), recorded as a max-pooling node, which it is where the maxima are those
     * positions.
     */
    static Tensor gather(Tensor h, NDArray indices) {
        return make(h, MaxPooling.gather(h.array(), indices), indices);
    }

    private static Tensor make(Tensor x, NDArray values, NDArray indices) {
        MaxPool2d op = new MaxPool2d();
        Tensor out = op.record(values, x);
        op.save(constant(indices));
        return out;
    }

    /**
     * The window of a pooling operation, checked as PyTorch checks it: kernel and stride ≥ 1,
     * padding in {@code [0, kernel/2]}, input channels and size not empty, output not empty.
     */
    static Window2d window(String op, Tensor x, int[] kernel, int[] stride, int[] padding) {
        int[] k = ImageArgs.pair(op, "kernel", kernel);
        int[] s = stride == null || stride.length == 0 ? k : ImageArgs.pair(op, "stride", stride);
        int[] p = ImageArgs.pair(op, "padding", padding);
        ImageArgs.positive(op, "kernel", k);
        ImageArgs.positive(op, "stride", s);
        ImageArgs.nonNegative(op, "padding", p, "pad the input with pad(…) to crop it");
        if (p[0] > k[0] / 2 || p[1] > k[1] / 2) {
            throw new IllegalArgumentException(op + ": padding " + Shape.format(p) + " is more than half the kernel "
                    + Shape.format(k) + "; each padding must be at most kernel/2, so that every window holds a pixel"
                    + " of the image");
        }
        Shape sx = x.shape();
        int c = sx.get(-3);
        int h = sx.get(-2);
        int w = sx.get(-1);
        if (c == 0 || h == 0 || w == 0) {
            throw new IllegalArgumentException(op + ": input of shape " + sx + " is empty in its channel or spatial"
                    + " dimensions; only the batch dimension may be 0");
        }
        Window2d win = new Window2d(k[0], k[1], s[0], s[1], p[0], p[1], 1, 1);
        if (win.outH(h) < 1 || win.outW(w) < 1) {
            throw new IllegalArgumentException(op + ": input of shape " + sx + " with padding " + Shape.format(p)
                    + " is smaller than the kernel " + Shape.format(k) + ", so the output would be "
                    + Shape.format(Math.max(0, win.outH(h)), Math.max(0, win.outW(w)))
                    + "; use a smaller kernel or a larger input");
        }
        return win;
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {MaxPool2dBackward.apply(g, saved(0).array(), input(0))};
    }
}
