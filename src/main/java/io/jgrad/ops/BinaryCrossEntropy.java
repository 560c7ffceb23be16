package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Losses;

/**
 * The mean binary cross-entropy of probabilities (PyTorch's {@code binary_cross_entropy}; its node
 * {@code BinaryCrossEntropyBackward0}), each logarithm clamped at −100 as PyTorch does, so
 * {@code p = 0} or {@code 1} gives a finite loss:
 * <pre>
 *   out = −(1/n) Σ [t·max(ln p, −100) + (1 − t)·max(ln(1 − p), −100)]
 * </pre>
 * Backward (PyTorch's formulas): {@code ∂p = g·(p − t) / max(p·(1 − p), 1e-12) / n},
 * {@code ∂t = g·(log1p(−p) − ln p) / n}, in tensor operations (so second order works).
 */
public final class BinaryCrossEntropy extends GradFn {

    private static final double EPSILON = 1e-12;

    private BinaryCrossEntropy() {
    }

    /**
     * {@return a 0-d tensor (NaN when empty)}
     *
     * @param p probabilities in {@code [0, 1]}, floating, any shape
     * @param target of {@code p}'s shape and dtype, in {@code [0, 1]}
     * @throws IllegalArgumentException if the shapes or dtypes differ, {@code p} is not floating, or
     *     an element of {@code p} or {@code target} is outside {@code [0, 1]}
     */
    public static Tensor apply(Tensor p, Tensor target) {
        LossFunctions.requireSameShape("binaryCrossEntropy", p, target);
        LossFunctions.requireFloating("binaryCrossEntropy", "input", p);
        if (target.dtype() != p.dtype()) {
            throw new IllegalArgumentException("binaryCrossEntropy: target of shape " + target.shape() + " is "
                    + target.dtype().label() + " but the input is " + p.dtype().label() + "; convert the target with"
                    + " to(DType." + p.dtype() + ")");
        }
        requireUnitInterval("input", p);
        requireUnitInterval("target", target);
        return new BinaryCrossEntropy().record(Losses.binaryCrossEntropy(p.array(), target.array()), p, target);
    }

    private static void requireUnitInterval(String name, Tensor t) {
        int at = Losses.firstOutsideUnitInterval(t.array());
        if (at >= 0) {
            throw new IllegalArgumentException("binaryCrossEntropy: every element of the " + name + " (shape "
                    + t.shape() + ") must be in [0, 1], but element " + at + " is " + t.array().getDouble(at)
                    + (name.equals("input") ? "; pass probabilities (sigmoid of the logits), or use"
                    + " binaryCrossEntropyWithLogits on the logits" : ""));
        }
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor p = input(0);
        Tensor t = input(1);
        Tensor scale = g.div(p.numel());
        Tensor dp = null;
        Tensor dt = null;
        if (needsGrad(0)) {
            dp = p.sub(t).div(p.mul(p.neg().add(1)).clampMin(EPSILON)).mul(scale);
        }
        if (needsGrad(1)) {
            dt = p.neg().log1p().sub(p.log()).mul(scale);
        }
        return new Tensor[] {dp, dt};
    }
}
