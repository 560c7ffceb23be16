package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Losses;

/**
 * The negative log-likelihood of log-probabilities against class indices (PyTorch's
 * {@code nll_loss}, mean reduction; its node {@code NllLossBackward0}): for {@code x} {@code (N, C)},
 * {@code out = −Σ_i x[i, t_i] / V} over the {@code V} rows whose target is not {@code ignoreIndex}
 * (NaN when there are none). Backward: {@code ∂x = −g / V} at each {@code (i, t_i)} kept, 0 elsewhere
 * (a {@link Mul} of {@code g} by that constant selection, so the backward is itself recorded with
 * {@code createGraph}; the loss is linear, so its second derivative is zero).
 */
public final class NllLoss extends GradFn {

    private final int[] targets;
    private final int ignoreIndex;
    private final int valid;

    private NllLoss(int[] targets, int ignoreIndex, int valid) {
        this.targets = targets;
        this.ignoreIndex = ignoreIndex;
        this.valid = valid;
    }

    /**
     * {@return a 0-d tensor of {@code logProbs}' dtype}
     *
     * @param logProbs {@code (N, C)} or {@code (C,)}, floating (usually a {@code logSoftmax})
     * @param target INT64 class indices, {@code (N,)} or {@code ()}, each in {@code [0, C)} or equal
     *     to {@code ignoreIndex}
     * @param ignoreIndex the target value whose rows are left out (PyTorch's default is -100)
     * @throws IllegalArgumentException if a rank, a shape or a dtype does not fit
     * @throws IndexOutOfBoundsException if a target is out of range
     */
    public static Tensor apply(Tensor logProbs, Tensor target, int ignoreIndex) {
        Tensor x = LossFunctions.classMatrix("nllLoss", logProbs);
        int[] t = LossFunctions.classTargets("nllLoss", target, logProbs.shape(), ignoreIndex);
        int valid = 0;
        for (int v : t) {
            valid += v == ignoreIndex ? 0 : 1;
        }
        return new NllLoss(t, ignoreIndex, valid).record(Losses.nllLoss(x.array(), t, ignoreIndex), x);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Shape s = input(0).shape();
        double value = -1.0 / Math.max(valid, 1); // no row kept: every entry is 0 anyway
        Tensor selection = constant(Losses.selection(targets, s.get(1), ignoreIndex, value, input(0).dtype()));
        return new Tensor[] {Mul.apply(selection, g)};
    }
}
