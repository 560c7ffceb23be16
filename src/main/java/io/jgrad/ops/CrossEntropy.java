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
 *
 * <p>PyTorch's {@code label_smoothing} {@code ε} and {@code ignore_index} (contract v2): rows whose
 * target is the ignored index drop out of the sum and of the count {@code V} the mean divides by
 * (all ignored → NaN), and each remaining row's target distribution becomes
 * {@code (1 − ε)·onehot(t) + ε/C}:
 * {@code out = (1 − ε)·Σ_i nll_i / V + (ε/C)·Σ_i Σ_j −log softmax(x)[i, j] / V}, and
 * {@code ∂x = (softmax(x) − (1 − ε)·onehot(t) − ε/C) · g / V} on the rows kept, 0 on the others.
 * Without either the kernels are the plain ones above.
 */
public final class CrossEntropy extends GradFn {

    /** The ignored index of the forms that ignore none: no class index is negative. */
    private static final int NONE = Integer.MIN_VALUE;

    private final int[] targets;
    private final double smoothing;
    private final int ignoreIndex;
    private final int valid; // the rows not ignored

    private CrossEntropy(int[] targets, double smoothing, int ignoreIndex, int valid) {
        this.targets = targets;
        this.smoothing = smoothing;
        this.ignoreIndex = ignoreIndex;
        this.valid = valid;
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
        return new CrossEntropy(t, 0.0, NONE, n).record(Losses.crossEntropy(logits.array(), t), logits);
    }

    /**
     * The mean cross-entropy with label smoothing and an ignored class index, as PyTorch's
     * {@code cross_entropy(x, t, ignore_index=ignoreIndex, label_smoothing=smoothing)}.
     *
     * @param logits {@code (N, C)}, floating
     * @param targets {@code N} class indices, each in {@code [0, C)} or equal to {@code ignoreIndex}; copied
     * @param smoothing {@code ε}, in {@code [0, 1]}
     * @param ignoreIndex the target value whose rows are left out (PyTorch's default is -100)
     * @return a 0-d tensor; NaN when every row is ignored
     * @throws IllegalArgumentException as {@link #apply(Tensor, int[])}, or if {@code smoothing} is
     *     outside {@code [0, 1]}
     * @throws IndexOutOfBoundsException if a target other than {@code ignoreIndex} is outside {@code [0, C)}
     */
    public static Tensor apply(Tensor logits, int[] targets, double smoothing, int ignoreIndex) {
        if (!(smoothing >= 0 && smoothing <= 1)) {
            throw new IllegalArgumentException("crossEntropy: labelSmoothing must be in [0, 1], got " + smoothing
                    + " (for logits of shape " + logits.shape() + "); 0 turns it off, 0.1 is usual");
        }
        int valid = 0;
        for (int target : targets) {
            valid += target == ignoreIndex ? 0 : 1;
        }
        if (smoothing == 0 && valid == targets.length) {
            return apply(logits, targets); // nothing to ignore or smooth: the plain kernels
        }
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
            if (t[i] != ignoreIndex) {
                checkTarget("crossEntropy", t[i], c, s, i);
            }
        }
        if (!logits.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("crossEntropy: logits of shape " + s + " are " + logits.dtype().label()
                    + "; pass floating logits (to(DType.FLOAT64))");
        }
        return new CrossEntropy(t, smoothing, ignoreIndex, valid)
                .record(Losses.crossEntropy(logits.array(), t, smoothing, ignoreIndex), logits);
    }

    /**
     * Checks one class index.
     *
     * @param op the operation, for the message
     * @param target the class index
     * @param classes the number of classes
     * @param logits the unnormalised class scores
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
        if (ignoreIndex != NONE || smoothing != 0) {
            return new Tensor[] {smoothedBackward(g, createGraph)};
        }
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

    // ∂x = (softmax(x)·kept − target distribution) · g / V; V = 0 leaves every row out (zeros)
    private Tensor smoothedBackward(Tensor g, boolean createGraph) {
        Tensor x = input(0);
        int c = x.shape().get(1);
        int divisor = Math.max(valid, 1);
        if (!createGraph && g.numel() == 1) {
            double scale = g.item() / divisor;
            return constant(Losses.crossEntropyBackward(x.array(), targets, scale, smoothing, ignoreIndex));
        }
        Tensor kept = constant(Losses.keptRows(targets, ignoreIndex, x.dtype()));
        Tensor target = constant(Losses.smoothedTargets(targets, c, smoothing, ignoreIndex, x.dtype()));
        Tensor diff = Sub.apply(Mul.apply(Softmax.apply(x, 1), kept), target);
        return Mul.apply(diff, Div.apply(g, constant(NDArray.wrappedScalar(divisor))));
    }
}
