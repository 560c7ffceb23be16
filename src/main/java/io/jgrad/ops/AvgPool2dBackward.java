package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.AvgPooling;
import io.jgrad.ndarray.Window2d;

/**
 * The transpose of {@link AvgPool2d}, which its backward makes: {@code out} of the pooling input's
 * shape {@code (N, C, H, W)}, each element of {@code g} {@code (N, C, OH, OW)} divided by the window's
 * divisor and added into every pixel of its window (PyTorch's {@code avg_pool2d_backward}).
 *
 * <p>Linear in {@code g}; its backward is the pooling itself, {@code ∂g = avgPool(h)}.
 */
public final class AvgPool2dBackward extends GradFn {

    private final Window2d win;

    private AvgPool2dBackward(Window2d win) {
        this.win = win;
    }

    /**
     * @param g {@code (N, C, OH, OW)}
     * @param like the pooling input {@code (N, C, H, W)}, for its shape and dtype
     * @return {@code (N, C, H, W)}
     */
    static Tensor apply(Tensor g, Tensor like, Window2d win) {
        g = ImageArgs.as(g, like.dtype());
        return new AvgPool2dBackward(win).record(AvgPooling.avgPool2dBackward(g.array(), like.shape(), win), g);
    }

    @Override
    protected Tensor[] backward(Tensor h, boolean createGraph) {
        return new Tensor[] {AvgPool2d.apply(ImageArgs.as(h, input(0).dtype()), win)};
    }
}
