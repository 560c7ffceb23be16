package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Convolution;
import io.jgrad.ndarray.Window2d;

/**
 * The transposed convolution that {@link Conv2d}'s backward makes for the gradient of its input:
 * {@code out = convᵀ(g, W)}, of the convolution input's shape {@code (N, C, H, W)}, from {@code g}
 * {@code (N, O, OH, OW)} and {@code W} {@code (O, C/groups, kh, kw)}. It is the adjoint of the
 * convolution in its input: {@code ⟨convᵀ(g, W), h⟩ = ⟨g, conv(h, W)⟩} for every {@code h}.
 *
 * <p>Bilinear in {@code g} and {@code W}, so its backward, for an upstream gradient {@code h} of the
 * input's shape, is {@code ∂g = conv(h, W)} ({@link Conv2d}) and {@code ∂W = Σₙ g ⋆ h}
 * ({@link Conv2dWeightGrad}) — operations again, so derivatives of any order exist.
 */
public final class Conv2dInputGrad extends GradFn {

    private final Shape inputShape;
    private final Window2d win;
    private final int groups;

    private Conv2dInputGrad(Shape inputShape, Window2d win, int groups) {
        this.inputShape = inputShape;
        this.win = win;
        this.groups = groups;
    }

    /**
     * @param g the gradient of the convolution's output {@code (N, O, OH, OW)}
     * @param weight {@code (O, C/groups, kh, kw)}
     * @param inputShape the convolution's input {@code (N, C, H, W)}
     * @return {@code (N, C, H, W)}
     */
    static Tensor apply(Tensor g, Tensor weight, Shape inputShape, Window2d win, int groups) {
        g = ImageArgs.as(g, weight.dtype());
        return new Conv2dInputGrad(inputShape, win, groups).record(
                Convolution.inputGrad(g.array(), weight.array(), inputShape, win, groups), g, weight);
    }

    @Override
    protected Tensor[] backward(Tensor h, boolean createGraph) {
        Tensor g = input(0);
        Tensor w = input(1);
        h = ImageArgs.as(h, w.dtype());
        return new Tensor[] {
            needsGrad(0) ? Conv2d.apply(h, w, null, win, groups) : null,
            needsGrad(1) ? Conv2dWeightGrad.apply(h, g, w.shape(), win, groups) : null,
        };
    }
}
