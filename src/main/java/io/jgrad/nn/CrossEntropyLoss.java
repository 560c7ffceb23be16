package io.jgrad.nn;

import io.jgrad.Tensor;
import io.jgrad.ops.CrossEntropy;
import io.jgrad.ops.LossFunctions;

/**
 * Cross-entropy of unnormalised class scores (logits) against class indices, PyTorch's
 * {@code nn.CrossEntropyLoss} with mean reduction: for one sample with logits {@code x} of
 * {@code C} classes and target {@code t},
 * <pre>
 *   loss = −log softmax(x)[t] = log Σ_j e^(x_j) − x_t
 * </pre>
 * and for a batch, the mean of that over the samples.
 *
 * <p>One fused operation (grad fn {@code CrossEntropy}), numerically stable for any finite logits:
 * the log-sum-exp is taken with the maximum subtracted, so logits such as {@code 1e8} or
 * {@code ±1000} give finite, exact losses and gradients. The gradient with respect to the logits is
 * {@code (softmax(x) − onehot(t)) / N}.
 *
 * <p>{@link #forward(Tensor, Tensor)} (contract v2) takes the targets as a tensor, INT64 class
 * indices or floating class probabilities, and applies the settings {@link #labelSmoothing(double)}
 * and {@link #ignoreIndex(int)}, PyTorch's {@code label_smoothing} (default 0) and
 * {@code ignore_index} (default -100): it is {@link Functional#crossEntropy(Tensor, Tensor, double, int)}.
 * The {@code int} forms apply them too (through the tensor form when a setting is not its default;
 * with the defaults they run the fused class-index operation, as before).
 *
 * <p>Not a {@link Layer}: a loss takes two arguments. Its only state is those two settings, so one
 * instance may be shared once they are set.
 */
public class CrossEntropyLoss {

    private double labelSmoothing = 0.0;
    private int ignoreIndex = LossFunctions.DEFAULT_IGNORE_INDEX;

    /** Creates the loss. */
    public CrossEntropyLoss() {
    }

    /**
     * Sets the label smoothing {@code ε} of {@link #forward(Tensor, Tensor)}: each sample's target
     * distribution becomes {@code (1 − ε)·target + ε/C}.
     *
     * @param epsilon in {@code [0, 1]}; 0 (the default) turns it off
     * @return this loss
     * @throws IllegalArgumentException if {@code epsilon} is outside {@code [0, 1]}
     */
    public CrossEntropyLoss labelSmoothing(double epsilon) {
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("CrossEntropyLoss: labelSmoothing must be in [0, 1], got " + epsilon
                    + "; 0 turns it off, 0.1 is usual");
        }
        this.labelSmoothing = epsilon;
        return this;
    }

    /**
     * Sets the class index whose samples {@link #forward(Tensor, Tensor)} leaves out of the loss and
     * of the count it averages over (padding tokens, say).
     *
     * @param index any value; -100 (the default) is never a class
     * @return this loss
     */
    public CrossEntropyLoss ignoreIndex(int index) {
        this.ignoreIndex = index;
        return this;
    }

    /**
     * The mean loss of a batch with the targets as a tensor, with this loss's label smoothing and
     * ignored index: {@link Functional#crossEntropy(Tensor, Tensor, double, int)}.
     *
     * @param logits {@code (N, C)}, or {@code (C,)} for one sample
     * @param target INT64 class indices {@code (N,)} (or {@code ()}), or floating class probabilities
     *     of the logits' shape
     * @return a 0-d tensor
     * @throws IllegalArgumentException if a rank, shape or dtype does not fit, or an ignored index other
     *     than -100 is set with probabilities
     * @throws IndexOutOfBoundsException if a class index other than the ignored one is outside {@code [0, C)}
     */
    public Tensor forward(Tensor logits, Tensor target) {
        return LossFunctions.crossEntropy(logits, target, labelSmoothing, ignoreIndex);
    }

    /**
     * The loss of one sample, the notebook's form.
     *
     * @param logits the {@code C} class scores in any shape of {@code C} elements: {@code (C,)},
     *     {@code (1, C)}, or the notebook's column {@code (C, 1)}
     * @param target the class index, in {@code [0, C)}
     * @return a 0-d tensor
     * @throws IndexOutOfBoundsException if {@code target} is outside {@code [0, C)}
     */
    public Tensor forward(Tensor logits, int target) {
        int classes = logits.numel();
        if (!defaults()) {
            return forward(logits.reshape(1, classes), Tensor.fromArray(new long[] {target}, 1));
        }
        CrossEntropy.checkTarget("CrossEntropyLoss", target, classes, logits.shape(), -1);
        return CrossEntropy.apply(logits.reshape(1, classes), new int[] {target});
    }

    // whether the settings are PyTorch's defaults, so the fused class-index path applies as it is
    private boolean defaults() {
        return labelSmoothing == 0.0 && ignoreIndex == LossFunctions.DEFAULT_IGNORE_INDEX;
    }

    /**
     * The mean loss of a batch.
     *
     * @param logits {@code (N, C)}: row {@code i} holds the class scores of sample {@code i}
     * @param targets {@code N} class indices, each in {@code [0, C)}
     * @return a 0-d tensor, the mean over the {@code N} samples (NaN for {@code N = 0}, as PyTorch)
     * @throws IllegalArgumentException if {@code logits} is not 2-d or {@code targets.length} is not {@code N}
     * @throws IndexOutOfBoundsException if a target is outside {@code [0, C)}
     */
    public Tensor forward(Tensor logits, int[] targets) {
        if (targets == null) {
            throw new IllegalArgumentException("CrossEntropyLoss: targets are null; pass one class index per row of the"
                    + " logits of shape " + logits.shape());
        }
        if (!defaults()) {
            long[] t = new long[targets.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = targets[i];
            }
            return forward(logits, Tensor.fromArray(t, t.length));
        }
        return CrossEntropy.apply(logits, targets);
    }

    /**
     * @return {@code CrossEntropyLoss()}, with the settings that differ from the defaults:
     *     {@code CrossEntropyLoss(labelSmoothing=0.1, ignoreIndex=0)}
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (labelSmoothing != 0) {
            b.append("labelSmoothing=").append(labelSmoothing);
        }
        if (ignoreIndex != LossFunctions.DEFAULT_IGNORE_INDEX) {
            b.append(b.length() == 0 ? "" : ", ").append("ignoreIndex=").append(ignoreIndex);
        }
        return "CrossEntropyLoss(" + b + ")";
    }
}
