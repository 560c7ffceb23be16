package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.Losses;

/**
 * Cross-entropy of logits against class indices, averaged over the batch, as one fused operation:
 * for logits {@code x} {@code (N, C)} and targets {@code t},
 * <pre>
 *   out = (1/N) Σ_i [ log Σ_j e^(x[i, j]) − x[i, t_i] ]
 * </pre>
 * computed per row as {@code (m − x[i, t_i]) + log Σ_j e^(x[i, j] − m)} with {@code m} the row's
 * maximum, so every exponent is ≤ 0 and any finite logits (1e8, ±1000) give a finite, exact result.
 * The output is 0-d; for {@code N = 0} it is NaN (a mean over nothing), as PyTorch's.
 *
 * <p>Backward: {@code ∂x = (softmax(x) − onehot(t)) · g / N}. With grad mode on during the
 * backward pass ({@code createGraph}) the softmax is a recorded {@link Softmax} of the input, so the
 * backward pass can itself be differentiated (second order); with it off, the same values are
 * computed in one fused pass.
 */
public final class CrossEntropy extends GradFn {

    private final int[] targets;

    private CrossEntropy(int[] targets) {
        this.targets = targets;
    }

    /**
     * The mean cross-entropy.
     *
     * @param logits {@code (N, C)}: row {@code i} holds the unnormalised class scores of sample {@code i}
     * @param targets {@code N} class indices, each in {@code [0, C)}; copied
     * @return a 0-d tensor
     * @throws IllegalArgumentException if {@code logits} is not 2-d or {@code targets} does not have
     *     {@code N} entries
     * @throws IndexOutOfBoundsException if a target is outside {@code [0, C)}
     */
    public static Tensor apply(Tensor logits, int[] targets) {
        Shape s = logits.shape();
        if (s.rank() != 2) {
            throw new IllegalArgumentException("crossEntropy: logits of shape " + s
                    + " are not 2-d; pass (N, C) logits, one row of C class scores per sample");
        }
        int n = s.get(0);
        int c = s.get(1);
        if (targets.length != n) {
            throw new IllegalArgumentException("crossEntropy: logits of shape " + s + " hold " + n
                    + " samples but " + targets.length + " targets were given; pass one target per row");
        }
        int[] t = targets.clone();
        for (int i = 0; i < n; i++) {
            checkTarget("crossEntropy", t[i], c, s, i);
        }
        if (!logits.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("crossEntropy: logits of shape " + s + " are " + logits.dtype().label()
                    + "; pass floating logits (to(DType.FLOAT64))");
        }
        return new CrossEntropy(t).record(Losses.crossEntropy(logits.array(), t), logits);
    }

    /**
     * Checks one class index.
     *
     * @param op the operation, for the message
     * @param sample the sample's row, or {@code -1} for a single sample
     * @throws IndexOutOfBoundsException if {@code target} is outside {@code [0, classes)}
     */
    public static void checkTarget(String op, int target, int classes, Shape logits, int sample) {
        if (target < 0 || target >= classes) {
            String which = sample < 0 ? "target " + target : "target " + target + " of sample " + sample;
            String fix = classes == 0 ? "logits with 0 classes admit no target"
                    : "use a class index in [0, " + (classes - 1) + "]";
            throw new IndexOutOfBoundsException(op + ": " + which + " is out of range for " + classes
                    + " classes (logits of shape " + logits + "); " + fix);
        }
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor x = input(0);
        int n = x.shape().get(0);
        int c = x.shape().get(1);
        if (!createGraph && g.numel() == 1) {
            // First order: the same arithmetic as below, (softmax − onehot) · (g / N), in one pass
            // over one new array and no graph nodes.
            double scale = g.item() / n;
            return new Tensor[] {constant(Losses.crossEntropyBackward(x.array(), targets, scale))};
        }
        Tensor diff = Sub.apply(Softmax.apply(x, 1), constant(Losses.oneHot(targets, c, x.dtype())));
        return new Tensor[] {Mul.apply(diff, Div.apply(g, constant(NDArray.scalar(n))))};
    }
}
