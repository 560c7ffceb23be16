package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Casts;
import io.jgrad.ndarray.Losses;

/**
 * The losses of {@code nn.Functional} that are exact and stable as compositions of other
 * operations, so they record those operations' nodes and have no {@code GradFn} of their own
 * (tinygrad's split): the cross-entropy against class probabilities ({@link LogSoftmax},
 * {@link Mul}, {@link Sum}), the mean squared and absolute errors and the smooth L1 loss; and the
 * dispatch of {@link #crossEntropy} between those and the fused {@link CrossEntropy} for class
 * indices. Also the argument checks the loss operations share.
 */
public final class LossFunctions {

    /** PyTorch's default {@code ignore_index}. */
    public static final int DEFAULT_IGNORE_INDEX = -100;

    private LossFunctions() {
    }

    /**
     * PyTorch's {@code cross_entropy} with mean reduction: INT64 class indices go to the fused
     * {@link CrossEntropy}; floating class probabilities {@code q} (of the logits' shape) give
     * {@code −Σ q'·logSoftmax(x) / N} with {@code q' = (1 − ε)·q + ε/C}, {@code N} the rows (1 for
     * {@code (C,)} logits).
     *
     * @param logits {@code (N, C)} or {@code (C,)}, floating
     * @param target INT64 {@code (N,)} or {@code ()}, or floating of the logits' shape
     * @param labelSmoothing {@code ε} in {@code [0, 1]}
     * @param ignoreIndex the ignored class index (class-index targets only; probabilities take -100)
     * @return a 0-d tensor
     * @throws IllegalArgumentException if a rank, a shape or a dtype does not fit, {@code ε} is
     *     outside {@code [0, 1]}, or an ignored index is given with probabilities
     * @throws IndexOutOfBoundsException if a class index other than {@code ignoreIndex} is outside {@code [0, C)}
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target, double labelSmoothing, int ignoreIndex) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("crossEntropy: labelSmoothing must be in [0, 1], got " + labelSmoothing
                    + " (for logits of shape " + logits.shape() + "); 0 turns it off, 0.1 is usual");
        }
        Tensor x = classMatrix("crossEntropy", logits);
        int classes = x.shape().get(1);
        if (target.dtype() == DType.INT64) {
            int[] t = classTargets("crossEntropy", target, logits.shape(), ignoreIndex);
            return CrossEntropy.apply(x, t, labelSmoothing, ignoreIndex);
        }
        if (!target.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("crossEntropy: target of shape " + target.shape() + " is "
                    + target.dtype().label() + "; pass int64 class indices or floating class probabilities");
        }
        if (ignoreIndex != DEFAULT_IGNORE_INDEX) {
            throw new IllegalArgumentException("crossEntropy: ignoreIndex " + ignoreIndex + " applies to class-index"
                    + " targets, not to the class probabilities of shape " + target.shape() + "; leave it at -100");
        }
        if (!target.shape().equals(logits.shape())) {
            throw new IllegalArgumentException("crossEntropy: class probabilities of shape " + target.shape()
                    + " must have the shape of the logits " + logits.shape());
        }
        Tensor q = labelSmoothing == 0 ? target : target.mul(1 - labelSmoothing).add(labelSmoothing / classes);
        int rows = logits.dim() == 2 ? logits.shape().get(0) : 1;
        return LogSoftmax.apply(logits, -1).mul(q).sum().neg().div(rows);
    }

    /**
     * The mean squared error {@code Σ (a − b)² / n}; both get gradients.
     *
     * @param input the prediction {@code a}
     * @param target the target {@code b}, of {@code a}'s shape
     * @return the mean squared error {@code Σ (a − b)² / n}
     * @throws IllegalArgumentException if the shapes differ or either is not floating
     */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        checkPair("mseLoss", input, target);
        Tensor d = input.sub(target);
        return d.mul(d).mean();
    }

    /**
     * The mean absolute error {@code Σ |a − b| / n} (gradient 0 where {@code a = b}, as PyTorch).
     *
     * @param input the prediction {@code a}
     * @param target the target {@code b}, of {@code a}'s shape
     * @return the mean absolute error {@code Σ |a − b| / n} (gradient 0 where {@code a = b}, as PyTorch)
     * @throws IllegalArgumentException if the shapes differ or either is not floating
     */
    public static Tensor l1Loss(Tensor input, Tensor target) {
        checkPair("l1Loss", input, target);
        return input.sub(target).abs().mean();
    }

    /**
     * The mean smooth L1 (Huber-like) loss, PyTorch's {@code smooth_l1_loss}: with {@code d = a − b},
     * {@code 0.5·d²/β} where {@code |d| < β} and {@code |d| − 0.5·β} elsewhere; {@code β = 0} is the L1 loss.
     *
     * @param input the prediction {@code a}
     * @param target the target {@code b}, of {@code a}'s shape
     * @param beta the switch point {@code β}, ≥ 0
     * @return the mean smooth L1 (Huber-like) loss, PyTorch's {@code smooth_l1_loss}
     * @throws IllegalArgumentException if the shapes differ, either is not floating, or {@code β < 0}
     */
    public static Tensor smoothL1Loss(Tensor input, Tensor target, double beta) {
        checkPair("smoothL1Loss", input, target);
        if (!(beta >= 0)) {
            throw new IllegalArgumentException("smoothL1Loss: beta must be ≥ 0, got " + beta
                    + " (for inputs of shape " + input.shape() + "); 0 gives the L1 loss, PyTorch's default is 1.0");
        }
        Tensor d = input.sub(target);
        Tensor abs = d.abs();
        if (beta == 0) {
            return abs.mean();
        }
        // which branch is a constant of the graph: the two meet with equal value and slope at |d| = β
        return Where.apply(abs.lt(beta), d.mul(d).mul(0.5 / beta), abs.sub(0.5 * beta)).mean();
    }

    // ------------------------------------------------------------------ checks shared by the losses

    /**
     * Logits or log-probabilities as a matrix: {@code (N, C)} as it is, {@code (C,)} as {@code (1, C)}.
     *
     * @throws IllegalArgumentException if the rank is not 1 or 2 or the dtype is not floating
     */
    static Tensor classMatrix(String op, Tensor logits) {
        Shape s = logits.shape();
        if (s.rank() != 1 && s.rank() != 2) {
            throw new IllegalArgumentException(op + ": input of shape " + s + " has rank " + s.rank()
                    + "; pass (N, C) class scores, one row per sample, or (C,) for one sample");
        }
        requireFloating(op, "input", logits);
        return s.rank() == 2 ? logits : Reshape.apply(logits, Shape.of(1, s.get(0)));
    }

    /**
     * The class indices of an INT64 target for {@code (N, C)} or {@code (C,)} scores, checked.
     *
     * @throws IllegalArgumentException if the target is not INT64 or not of shape {@code (N,)} (or {@code ()})
     * @throws IndexOutOfBoundsException naming the first index outside {@code [0, C)} that is not {@code ignoreIndex}
     */
    static int[] classTargets(String op, Tensor target, Shape scores, int ignoreIndex) {
        if (target.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": target of shape " + target.shape() + " is "
                    + target.dtype().label() + "; pass int64 class indices (to(DType.INT64))");
        }
        Shape expected = scores.rank() == 2 ? Shape.of(scores.get(0)) : Shape.of();
        if (!target.shape().equals(expected)) {
            throw new IllegalArgumentException(op + ": target of shape " + target.shape() + " does not fit the input"
                    + " of shape " + scores + "; pass one class index per row, of shape " + expected);
        }
        int classes = scores.get(scores.rank() - 1);
        int at = Losses.firstBadTarget(target.array(), classes, ignoreIndex);
        if (at >= 0) {
            String which = scores.rank() == 2 ? " of sample " + at : "";
            String fix = classes == 0 ? "with no classes every target must be the ignored index " + ignoreIndex
                    : "use a class index in [0, " + (classes - 1) + "] or the ignored index " + ignoreIndex;
            throw new IndexOutOfBoundsException(op + ": target " + target.array().getLong(at) + which
                    + " is out of range for " + classes + " classes (input of shape " + scores + "); " + fix);
        }
        return Casts.toInts(target.array());
    }

    /** @throws IllegalArgumentException if the shapes of {@code a} and {@code b} differ */
    static void requireSameShape(String op, Tensor input, Tensor target) {
        if (!input.shape().equals(target.shape())) {
            throw new IllegalArgumentException(op + ": target of shape " + target.shape() + " differs from the input"
                    + " of shape " + input.shape() + "; the shapes must be equal (reshape one of them)");
        }
    }

    /** @throws IllegalArgumentException if {@code t} is not floating */
    static void requireFloating(String op, String name, Tensor t) {
        if (!t.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": " + name + " of shape " + t.shape() + " is " + t.dtype().label()
                    + "; pass a floating tensor (to(DType.FLOAT64))");
        }
    }

    private static void checkPair(String op, Tensor input, Tensor target) {
        requireSameShape(op, input, target);
        requireFloating(op, "input", input);
        requireFloating(op, "target", target);
    }
}
