package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.MaxPooling;
import io.jgrad.ndarray.NDArray;

/**
 * The scatter that {@link MaxPool2d}'s backward makes: {@code out} of the pooling input's shape
 * {@code (N, C, H, W)}, zero except at the saved positions of the maxima, where the elements of
 * {@code g} {@code (N, C, OH, OW)} are added (PyTorch's {@code max_pool2d_with_indices_backward}).
 *
 * <p>Linear in {@code g}; its backward is the transpose, the gather of the upstream gradient at the
 * same positions ({@link MaxPool2d#gather}), so that the gradient of a max pooling can itself be
 * differentiated.
 */
public final class MaxPool2dBackward extends GradFn {

    private MaxPool2dBackward() {
    }

    /**
     * @param g {@code (N, C, OH, OW)}
     * @param indices int64 {@code (N, C, OH, OW)}: positions in the {@code (H, W)} planes
     * @param like the pooling input {@code (N, C, H, W)}, for its shape and dtype
     * @return {@code (N, C, H, W)}
     */
    static Tensor apply(Tensor g, NDArray indices, Tensor like) {
        g = ImageArgs.as(g, like.dtype());
        MaxPool2dBackward op = new MaxPool2dBackward();
        Tensor out = op.record(MaxPooling.scatter(g.array(), indices, like.shape()), g);
        op.save(constant(indices));
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor h, boolean createGraph) {
        return new Tensor[] {MaxPool2d.gather(ImageArgs.as(h, input(0).dtype()), saved(0).array())};
    }
}
