package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Convolution;
import io.jgrad.ndarray.Window2d;

/**
 * The product that {@link Conv2d}'s backward makes for the gradient of its weight:
 * {@code out[o, c, i, j] = Σ_{n, y, x} g[n, o, y, x] · in[n, g·C/groups + c, y·sh − ph + i·dh, x·sw − pw + j·dw]},
 * of the weight's shape {@code (O, C/groups, kh, kw)}, from the convolution's input {@code in}
 * {@code (N, C, H, W)} and output gradient {@code g} {@code (N, O, OH, OW)}. It is the adjoint of the
 * convolution in its weight: {@code ⟨out, K⟩ = ⟨g, conv(in, K)⟩} for every {@code K}.
 *
 * <p>Bilinear in {@code in} and {@code g}, so its backward, for an upstream gradient {@code K} of the
 * weight's shape, is {@code ∂in = convᵀ(g, K)} ({@link Conv2dInputGrad}) and {@code ∂g = conv(in, K)}
 * ({@link Conv2d}) — operations again, so derivatives of any order exist.
 */
public final class Conv2dWeightGrad extends GradFn {

    private final Window2d win;
    private final int groups;

    private Conv2dWeightGrad(Window2d win, int groups) {
        this.win = win;
        this.groups = groups;
    }

    /**
     * @param x the convolution's input {@code (N, C, H, W)}
     * @param g the gradient of its output {@code (N, O, OH, OW)}
     * @param weightShape {@code (O, C/groups, kh, kw)}
     * @return {@code (O, C/groups, kh, kw)}
     */
    static Tensor apply(Tensor x, Tensor g, Shape weightShape, Window2d win, int groups) {
        g = ImageArgs.as(g, x.dtype());
        return new Conv2dWeightGrad(win, groups).record(
                Convolution.weightGrad(x.array(), g.array(), weightShape, win, groups), x, g);
    }

    @Override
    protected Tensor[] backward(Tensor k, boolean createGraph) {
        Tensor x = input(0);
        Tensor g = input(1);
        k = ImageArgs.as(k, x.dtype());
        return new Tensor[] {
            needsGrad(0) ? Conv2dInputGrad.apply(g, k, x.shape(), win, groups) : null,
            needsGrad(1) ? Conv2d.apply(x, k, null, win, groups) : null,
        };
    }
}
