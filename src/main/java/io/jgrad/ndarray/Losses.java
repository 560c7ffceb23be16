package io.jgrad.ndarray;

import io.jgrad.DType;
import io.jgrad.Shape;

/**
 * Fused loss kernels: the cross-entropy of logits against class indices, forward and backward in
 * one pass each (plain, and with label smoothing and an ignored index), the negative log-likelihood,
 * the binary cross-entropies of probabilities and of logits, and the target checks and constant
 * matrices their backwards use; for float32 and float64 (accumulated in double).
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
     * @param logits the unnormalised class scores
     * @param targets the {@code N} target classes
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
     * @param logits the unnormalised class scores
     * @param targets the {@code N} target classes
     * @param scale {@code g / N}, the upstream gradient over the batch size
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

    /**
     * {@return the {@code (N, C)} one-hot matrix of {@code targets} in {@code dtype}}
     *
     * @param targets the {@code N} class indices, each in {@code [0, classes)}
     * @param classes the number of classes {@code C}
     * @param dtype the element type
     */
    public static NDArray oneHot(int[] targets, int classes, DType dtype) {
        double[] onehot = new double[targets.length * classes];
        for (int i = 0; i < targets.length; i++) {
            onehot[i * classes + targets[i]] = 1.0;
        }
        return Casts.to(new NDArray(onehot, Shape.of(targets.length, classes)), dtype);
    }

    /**
     * The cross-entropy with label smoothing {@code ε} and an ignored class, PyTorch's formula: for
     * the {@code V} rows whose target is not {@code ignoreIndex}, with {@code lse_i} the row's
     * log-sum-exp, {@code nll_i = lse_i − x[i, t_i]} and {@code smooth_i = C·lse_i − Σ_j x[i, j]}
     * (minus the sum of the row's log-probabilities),
     * {@code (1 − ε)·Σ nll_i / V + (ε/C)·Σ smooth_i / V}; NaN when {@code V = 0}. Targets other than
     * {@code ignoreIndex} are in range (checked by the caller).
     *
     * @param logits the unnormalised class scores
     * @param targets the {@code N} target classes
     * @param smoothing the label smoothing {@code ε}, in [0, 1]
     * @param ignoreIndex a target class whose samples are left out of the loss and its mean
     * @return a 0-d array of the logits' dtype
     */
    public static NDArray crossEntropy(NDArray logits, int[] targets, double smoothing, int ignoreIndex) {
        int n = logits.shape().get(0);
        int c = logits.shape().get(1);
        double[] x = Casts.doublesView(logits);
        double nll = 0;
        double smooth = 0;
        int valid = 0;
        for (int i = 0; i < n; i++) {
            if (targets[i] == ignoreIndex) {
                continue;
            }
            valid++;
            int row = i * c;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                max = Math.max(max, x[row + j]);
            }
            double sum = 0;
            double centred = 0; // Σ_j (x_j − max), so C·lse − Σ x = C·log Σ e^(x − max) − centred
            for (int j = 0; j < c; j++) {
                sum += Math.exp(x[row + j] - max);
                centred += x[row + j] - max;
            }
            double logSum = Math.log(sum);
            nll += (max - x[row + targets[i]]) + logSum;
            smooth += c * logSum - centred;
        }
        double loss = smoothing == 0 ? nll / valid : (1 - smoothing) * (nll / valid) + smoothing / c * (smooth / valid);
        return NDArray.scalar(logits.dtype(), loss);
    }

    /**
     * The gradient of {@link #crossEntropy(NDArray, int[], double, int)} with respect to the logits,
     * {@code (softmax(x) − (1 − ε)·onehot(t) − ε/C) · scale} on the rows that are not ignored and 0 on
     * the others, with {@code scale = g / V}, in one pass over one new array.
     *
     * @param logits the unnormalised class scores
     * @param targets the {@code N} target classes
     * @param scale {@code g / V}, the upstream gradient over the number of rows kept
     * @param smoothing the label smoothing {@code ε}, in [0, 1]
     * @param ignoreIndex a target class whose samples are left out of the loss and its mean
     * @return a new array of the logits' shape and dtype
     */
    public static NDArray crossEntropyBackward(NDArray logits, int[] targets, double scale, double smoothing,
                                               int ignoreIndex) {
        int n = logits.shape().get(0);
        int c = logits.shape().get(1);
        NDArray p = Reductions.softmax(logits, 1, false);
        double uniform = smoothing / c;
        double hit = 1 - smoothing;
        if (p.dtype() == DType.FLOAT64) {
            double[] r = p.data();
            for (int i = 0; i < n; i++) {
                int row = i * c;
                boolean ignored = targets[i] == ignoreIndex;
                for (int j = 0; j < c; j++) {
                    double target = (j == targets[i] ? hit : 0.0) + uniform;
                    r[row + j] = ignored ? 0.0 : (r[row + j] - target) * scale;
                }
            }
        } else {
            float[] r = p.floats();
            for (int i = 0; i < n; i++) {
                int row = i * c;
                boolean ignored = targets[i] == ignoreIndex;
                for (int j = 0; j < c; j++) {
                    double target = (j == targets[i] ? hit : 0.0) + uniform;
                    r[row + j] = ignored ? 0.0f : (float) ((r[row + j] - target) * scale);
                }
            }
        }
        return p;
    }

    /**
     * The target distribution of a smoothed cross-entropy as a matrix: row {@code i} holds
     * {@code (1 − ε)·onehot(t_i) + ε/C}, or zeros where {@code t_i} is {@code ignoreIndex}.
     *
     * @param targets the {@code N} target classes
     * @param classes the number of classes {@code C}
     * @param smoothing the label smoothing {@code ε}, in [0, 1]
     * @param ignoreIndex a target class whose samples are left out of the loss and its mean
     * @param dtype the element type
     * @return a new {@code (N, C)} array of {@code dtype}
     */
    public static NDArray smoothedTargets(int[] targets, int classes, double smoothing, int ignoreIndex, DType dtype) {
        double[] d = new double[targets.length * classes];
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] == ignoreIndex) {
                continue;
            }
            for (int j = 0; j < classes; j++) {
                d[i * classes + j] = smoothing / classes + (j == targets[i] ? 1 - smoothing : 0.0);
            }
        }
        return Casts.fromDoubles(d, dtype, Shape.of(targets.length, classes));
    }

    /**
     * Which rows a loss keeps: an {@code (N, 1)} column of 1 where {@code t_i} is not
     * {@code ignoreIndex} and 0 where it is.
     *
     * @param targets the {@code N} target classes
     * @param ignoreIndex a target class whose samples are left out of the loss and its mean
     * @param dtype the element type
     * @return a new array of {@code dtype}
     */
    public static NDArray keptRows(int[] targets, int ignoreIndex, DType dtype) {
        double[] d = new double[targets.length];
        for (int i = 0; i < targets.length; i++) {
            d[i] = targets[i] == ignoreIndex ? 0.0 : 1.0;
        }
        return Casts.fromDoubles(d, dtype, Shape.of(targets.length, 1));
    }

    /**
     * The position of the first class index of {@code target} (INT64) that is neither in
     * {@code [0, classes)} nor {@code ignoreIndex}.
     *
     * @param target the class indices
     * @param classes the number of classes
     * @param ignoreIndex a target class whose samples are left out of the loss and its mean
     * @return the position, or -1 when there is none
     */
    public static int firstBadTarget(NDArray target, int classes, long ignoreIndex) {
        long[] t = target.longs();
        for (int i = 0; i < t.length; i++) {
            if (t[i] != ignoreIndex && (t[i] < 0 || t[i] >= classes)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The negative log-likelihood {@code −Σ x[i, t_i] / V} over the {@code V} rows whose target is not
     * {@code ignoreIndex} (the others in range, checked by the caller); NaN when {@code V = 0}.
     *
     * @param logProbs {@code (N, C)} log-probabilities
     * @param targets the {@code N} target classes
     * @param ignoreIndex a target class whose samples are left out of the loss and its mean
     * @return a 0-d array of {@code logProbs}' dtype
     */
    public static NDArray nllLoss(NDArray logProbs, int[] targets, int ignoreIndex) {
        int c = logProbs.shape().get(1);
        double[] x = Casts.doublesView(logProbs);
        double sum = 0;
        int valid = 0;
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] != ignoreIndex) {
                sum += x[i * c + targets[i]];
                valid++;
            }
        }
        return NDArray.scalar(logProbs.dtype(), -sum / valid);
    }

    /**
     * The selection matrix of the negative log-likelihood: {@code value} at {@code (i, t_i)} of every
     * row not ignored, 0 elsewhere.
     *
     * @param targets the {@code N} target classes
     * @param classes the number of classes {@code C}
     * @param ignoreIndex a target class whose samples are left out of the loss and its mean
     * @param value the value at each selected position
     * @param dtype the element type
     * @return a new {@code (N, C)} array of {@code dtype}
     */
    public static NDArray selection(int[] targets, int classes, int ignoreIndex, double value, DType dtype) {
        double[] d = new double[targets.length * classes];
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] != ignoreIndex) {
                d[i * classes + targets[i]] = value;
            }
        }
        return Casts.fromDoubles(d, dtype, Shape.of(targets.length, classes));
    }

    /**
     * The mean binary cross-entropy, PyTorch's formula with each logarithm clamped at −100:
     * {@code −(1/n) Σ [t·max(ln p, −100) + (1 − t)·max(ln(1 − p), −100)]} ({@code ln(1 − p)} as
     * {@code log1p(−p)}); NaN for {@code n = 0}.
     *
     * @param p the probabilities, in [0, 1] (checked by the caller)
     * @param target the same shape
     * @return a 0-d array of {@code p}'s dtype
     */
    public static NDArray binaryCrossEntropy(NDArray p, NDArray target) {
        double[] x = Casts.doublesView(p);
        double[] t = Casts.doublesView(target);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double logP = Math.max(Math.log(x[i]), -100);
            double log1mP = Math.max(Math.log1p(-x[i]), -100);
            sum += (t[i] - 1) * log1mP - t[i] * logP;
        }
        return NDArray.scalar(p.dtype(), sum / x.length);
    }

    /**
     * The mean binary cross-entropy of logits, stable for any finite logits:
     * {@code (1/n) Σ [max(x, 0) − x·t + log1p(e^(−|x|))]}; NaN for {@code n = 0}.
     *
     * @param logits the unnormalised class scores
     * @param target the same shape as {@code logits}
     * @return a 0-d array of {@code logits}' dtype
     */
    public static NDArray binaryCrossEntropyWithLogits(NDArray logits, NDArray target) {
        double[] x = Casts.doublesView(logits);
        double[] t = Casts.doublesView(target);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.max(x[i], 0) - x[i] * t[i] + Math.log1p(Math.exp(-Math.abs(x[i])));
        }
        return NDArray.scalar(logits.dtype(), sum / x.length);
    }

    /**
     * {@return the position of the first element of {@code x} outside [0, 1] (or NaN), or -1}
     *
     * @param x the input array
     */
    public static int firstOutsideUnitInterval(NDArray x) {
        double[] v = Casts.doublesView(x);
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0 && v[i] <= 1)) {
                return i;
            }
        }
        return -1;
    }
}
