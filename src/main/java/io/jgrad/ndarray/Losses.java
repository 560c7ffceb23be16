package io.jgrad.ndarray;

import io.jgrad.DType;
import io.jgrad.Shape;

/**
 * Fused loss kernels: the cross-entropy of logits against class indices, forward and backward in
 * one pass each, for float32 and float64 logits (accumulated in double).
 */
public final class Losses {

    private Losses() {
    }

    /**
     * The mean cross-entropy of {@code (N, C)} logits against {@code N} class indices (each in
     * range, checked by the caller): {@code (1/N) Σ_i [(m_i − x[i, t_i]) + ln Σ_j e^(x[i, j] − m_i)]}
     * with {@code m_i} the row's maximum, so every exponent is ≤ 0 and any finite logits give a
     * finite, exact result; NaN for {@code N = 0}.
     *
     * @return a 0-d array of the logits' dtype
     */
    public static NDArray crossEntropy(NDArray logits, int[] targets) {
        int n = logits.shape().get(0);
        int c = logits.shape().get(1);
        double[] x = Casts.doublesView(logits);
        double total = 0;
        for (int i = 0; i < n; i++) {
            int row = i * c;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                max = Math.max(max, x[row + j]);
            }
            double sum = 0;
            for (int j = 0; j < c; j++) {
                sum += Math.exp(x[row + j] - max);
            }
            // (max − x_t) first: exact for huge logits, where lse − x_t would cancel catastrophically
            total += (max - x[row + targets[i]]) + Math.log(sum);
        }
        return NDArray.scalar(logits.dtype(), total / n);
    }

    /**
     * Cross-entropy's gradient with respect to the logits, {@code (softmax(x) − onehot(t)) · scale}
     * with {@code scale = g / N}, in one pass over one new array.
     *
     * @return a new array of the logits' shape and dtype
     */
    public static NDArray crossEntropyBackward(NDArray logits, int[] targets, double scale) {
        int n = logits.shape().get(0);
        int c = logits.shape().get(1);
        NDArray p = Reductions.softmax(logits, 1, false);
        if (p.dtype() == DType.FLOAT64) {
            double[] r = p.data();
            for (int i = 0; i < n; i++) {
                int row = i * c;
                for (int j = 0; j < c; j++) {
                    r[row + j] = (r[row + j] - (j == targets[i] ? 1.0 : 0.0)) * scale;
                }
            }
        } else {
            float[] r = p.floats();
            float s = (float) scale;
            for (int i = 0; i < n; i++) {
                int row = i * c;
                for (int j = 0; j < c; j++) {
                    r[row + j] = (r[row + j] - (j == targets[i] ? 1.0f : 0.0f)) * s;
                }
            }
        }
        return p;
    }

    /** @return the {@code (N, C)} one-hot matrix of {@code targets} in {@code dtype} */
    public static NDArray oneHot(int[] targets, int classes, DType dtype) {
        double[] onehot = new double[targets.length * classes];
        for (int i = 0; i < targets.length; i++) {
            onehot[i * classes + targets[i]] = 1.0;
        }
        return Casts.to(new NDArray(onehot, Shape.of(targets.length, classes)), dtype);
    }
}
