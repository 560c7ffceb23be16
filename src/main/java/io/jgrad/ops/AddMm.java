package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.Products;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.Reductions;

/**
 * The affine map of a linear layer in PyTorch's layout, fused: {@code out = x·Wᵀ + b}, with
 * {@code x} {@code (M, K)}, {@code W} {@code (N, K)}, {@code b} {@code (N,)} (or absent) and
 * {@code out} {@code (M, N)}. PyTorch records the same computation as {@code AddmmBackward0}.
 *
 * <p>Fused so that {@code Wᵀ} is never materialised: the forward is one transposed-B matrix multiply
 * followed by the bias added row by row.
 *
 * <p>Backward: {@code ∂x = g·W}, {@code ∂W = gᵀ·x}, {@code ∂b = Σ_rows g}. Each is written with
 * differentiable operations ({@link MatMul} with its transpose flags, {@link Sum}), so the backward
 * pass can itself be differentiated. When the pass records nothing and the weight or bias already
 * holds a gradient buffer ({@link #gradSink}), {@code ∂W} and {@code ∂b} are added into it in place
 * instead, so a training step that zeroes gradients in place allocates no parameter-sized arrays.
 */
public final class AddMm extends GradFn {

    private final boolean hasBias;

    private AddMm(boolean hasBias) {
        this.hasBias = hasBias;
    }

    /**
     * {@code x·Wᵀ + b}.
     *
     * @param x {@code (M, K)}
     * @param weight {@code (N, K)}
     * @param bias {@code (N,)}, or {@code null} for none
     * @return {@code (M, N)}
     * @throws IllegalArgumentException if the shapes are not as above
     */
    public static Tensor apply(Tensor x, Tensor weight, Tensor bias) {
        Shape sx = x.shape();
        Shape sw = weight.shape();
        if (sx.rank() != 2 || sw.rank() != 2 || sx.get(1) != sw.get(1)) {
            throw new IllegalArgumentException("addmm: input of shape " + sx + " and weight of shape " + sw
                    + " do not fit x·Wᵀ: both must be 2-d, the input (M, K) and the weight (N, K), with the same K");
        }
        int m = sx.get(0);
        int k = sx.get(1);
        int n = sw.get(0);
        if (bias != null && !bias.shape().equals(Shape.of(n))) {
            throw new IllegalArgumentException("addmm: bias of shape " + bias.shape() + " does not fit weight of shape "
                    + sw + "; the bias must be (" + n + ",), one value per output feature");
        }
        if (x.dtype() != weight.dtype() || (bias != null && bias.dtype() != weight.dtype())
                || !weight.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("addmm: input of " + x.dtype().label() + " " + sx + ", weight of "
                    + weight.dtype().label() + " " + sw + (bias == null ? "" : " and bias of " + bias.dtype().label())
                    + " must share one floating dtype; convert the input with to(weight.dtype())");
        }
        NDArray values = Products.addmm(x.array(), weight.array(), bias == null ? null : bias.array());
        AddMm op = new AddMm(bias != null);
        return bias == null ? op.record(values, x, weight) : op.record(values, x, weight, bias);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor[] grads = new Tensor[hasBias ? 3 : 2];
        if (needsGrad(0)) {
            grads[0] = MatMul.apply(g, input(1), false, false);   // (M, N)·(N, K)
        }
        if (needsGrad(1)) {
            NDArray sink = gradSink(1);
            if (sink == null) {
                grads[1] = MatMul.apply(g, input(0), true, false);    // (N, M)·(M, K)
            } else {
                Products.gemmAdd(g.array(), input(0).array(), true, false, sink);
            }
        }
        if (hasBias && needsGrad(2)) {
            NDArray sink = gradSink(2);
            if (sink == null) {
                grads[2] = Sum.apply(g, 0, false);
            } else {
                Elementwise.addInPlace(sink, Reductions.sum(g.array(), 0, sink.shape()));
            }
        }
        return grads;
    }
}
