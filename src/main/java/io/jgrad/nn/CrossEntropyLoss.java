package io.jgrad.nn;

import io.jgrad.Tensor;
import io.jgrad.ops.CrossEntropy;

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
 * <p>Not a {@link Layer}: a loss takes two arguments. It has no state, so one instance may be shared.
 */
public class CrossEntropyLoss {

    /** Creates the loss. */
    public CrossEntropyLoss() {
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
        CrossEntropy.checkTarget("CrossEntropyLoss", target, classes, logits.shape(), -1);
        return CrossEntropy.apply(logits.reshape(1, classes), new int[] {target});
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
        return CrossEntropy.apply(logits, targets);
    }

    /** @return {@code CrossEntropyLoss()} */
    @Override
    public String toString() {
        return "CrossEntropyLoss()";
    }
}
