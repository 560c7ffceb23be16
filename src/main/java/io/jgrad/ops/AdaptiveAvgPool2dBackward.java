package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.AvgPooling;

/**
 * The transpose of {@link AdaptiveAvgPool2d}, which its backward makes: {@code out} of the pooling
 * input's shape {@code (N, C, H, W)}, each element of {@code g} {@code (N, C, OH, OW)} divided by its
 * window's size and added into every pixel of the window (PyTorch's
 * {@code adaptive_avg_pool2d_backward}).
 *
 * <p>Linear in {@code g}; its backward is the pooling itself, {@code ∂g = adaptiveAvgPool(h)}.
 */
public final class AdaptiveAvgPool2dBackward extends GradFn {

    private AdaptiveAvgPool2dBackward() {
    }

    /**
     * @param g {@code (N, C, OH, OW)}
     * @param like the pooling input {@code (N, C, H, W)}, for its shape and dtype
     * @return {@code (N, C, H, W)}
     */
    static Tensor apply(Tensor g, Tensor like) {
        g = ImageArgs.as(g, like.dtype());
        return new AdaptiveAvgPool2dBackward().record(AvgPooling.adaptiveAvgPool2dBackward(g.array(), like.shape()), g);
    }

    @Override
    protected Tensor[] backward(Tensor h, boolean createGraph) {
        Tensor g = input(0);
        return new Tensor[] {AdaptiveAvgPool2d.pool(ImageArgs.as(h, g.dtype()), g.shape().get(2), g.shape().get(3))};
    }
}
