package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Casts;
import io.jgrad.ndarray.Losses;
import io.jgrad.ndarray.Promotion;

/**
 * The mean binary cross-entropy of logits (PyTorch's {@code binary_cross_entropy_with_logits}; its
 * node {@code BinaryCrossEntropyWithLogitsBackward0}), {@code −[t·ln σ(x) + (1 − t)·ln(1 − σ(x))]}
 * computed stably for any finite logits as
 * <pre>
 *   out = (1/n) Σ [max(x, 0) − x·t + log1p(e^(−|x|))]
 * </pre>
 * Backward: {@code ∂x = g·(σ(x) − t) / n}, {@code ∂t = −g·x / n}, in tensor operations (so second
 * order works; a composite of {@code relu} and {@code abs} would get the derivative at {@code x = 0}
 * wrong, where their kinks cancel).
 */
public final class BinaryCrossEntropyWithLogits extends GradFn {

    private BinaryCrossEntropyWithLogits() {
    }

    /**
     * {@return a 0-d tensor of the promoted dtype (NaN when empty)}
     *
     * @param logits floating, any shape
     * @param target floating, the same shape (promoted with the logits)
     * @throws IllegalArgumentException if the shapes differ or either is not floating
     */
    public static Tensor apply(Tensor logits, Tensor target) {
        LossFunctions.requireSameShape("binaryCrossEntropyWithLogits", logits, target);
        LossFunctions.requireFloating("binaryCrossEntropyWithLogits", "logits", logits);
        LossFunctions.requireFloating("binaryCrossEntropyWithLogits", "target", target);
        DType dtype = Promotion.resultType(logits.array(), target.array());
        return new BinaryCrossEntropyWithLogits().record(Losses.binaryCrossEntropyWithLogits(
                Casts.to(logits.array(), dtype), Casts.to(target.array(), dtype)), logits, target);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor x = input(0);
        Tensor scale = g.div(x.numel());
        Tensor dx = needsGrad(0) ? x.sigmoid().sub(input(1)).mul(scale) : null;
        Tensor dt = needsGrad(1) ? x.neg().mul(scale) : null;
        return new Tensor[] {dx, dt};
    }
}
