package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Broadcast;
import io.jgrad.ndarray.Indexing;
import io.jgrad.ndarray.NDArray;
import java.util.Arrays;

/**
 * Scaled dot-product attention as a composition (PyTorch's math backend of
 * {@code scaled_dot_product_attention}), so it records the nodes of its parts and is differentiable
 * to any order:
 * <pre>
 *   scores = (q / √E) · kᵀ  (+ mask),   out = softmax(scores, −1) · v
 * </pre>
 * The product with {@code kᵀ} is a {@link MatMul} with its transpose flag, so {@code kᵀ} is never
 * copied. A BOOL mask (true = may attend) and the causal mask are a {@link Where} that puts −∞ where
 * attention is not allowed; a floating mask is added. A row that may attend nowhere (all its scores
 * −∞) gives zeros and no gradient, as PyTorch's safe softmax does (a plain softmax would give NaN).
 */
public final class Attention {

    private Attention() {
    }

    /**
     * {@return {@code (…, L, Ev)}, the batch dimensions broadcast}
     *
     * @param q {@code (…, L, E)}, floating
     * @param k {@code (…, S, E)}, {@code q}'s dtype
     * @param v {@code (…, S, Ev)}, {@code q}'s dtype; the batch dimensions of the three broadcast
     * @param attnMask null, BOOL or of {@code q}'s dtype, broadcasting to {@code (…, L, S)}
     * @param isCausal whether position {@code i} may only attend to positions {@code j ≤ i} (top-left
     *     aligned, as PyTorch's {@code tril})
     * @throws IllegalArgumentException if a rank, size or dtype does not fit, the batch dimensions do
     *     not broadcast, the mask does not broadcast to the scores, or a mask is given with {@code isCausal}
     */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor attnMask, boolean isCausal) {
        String shapes = "query " + q.shape() + ", key " + k.shape() + " and value " + v.shape();
        if (q.dim() < 2 || k.dim() < 2 || v.dim() < 2) {
            throw new IllegalArgumentException("scaledDotProductAttention: " + shapes + " must each have at least 2"
                    + " dimensions, (…, L, E), (…, S, E) and (…, S, Ev)");
        }
        if (q.dtype() != k.dtype() || q.dtype() != v.dtype() || !q.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("scaledDotProductAttention: " + shapes + " have dtypes "
                    + q.dtype().label() + ", " + k.dtype().label() + " and " + v.dtype().label()
                    + "; they need one floating dtype (convert with to(DType))");
        }
        int e = last(q, 0);
        int s = last(k, 1);
        if (last(k, 0) != e) {
            throw new IllegalArgumentException("scaledDotProductAttention: " + shapes + ": query and key have embedding"
                    + " sizes " + e + " and " + last(k, 0) + " (their last dimensions); they must be equal");
        }
        if (last(v, 1) != s) {
            throw new IllegalArgumentException("scaledDotProductAttention: " + shapes + ": key and value hold " + s
                    + " and " + last(v, 1) + " positions (their second-to-last dimensions); they must be equal");
        }
        Shape batch;
        try {
            batch = Broadcast.shape("scaledDotProductAttention",
                    Broadcast.shape("scaledDotProductAttention", batchOf(q), batchOf(k)), batchOf(v));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("scaledDotProductAttention: the batch dimensions of " + shapes
                    + " do not broadcast", ex);
        }
        int l = last(q, 1);
        int[] sd = Arrays.copyOf(batch.toArray(), batch.rank() + 2);
        sd[batch.rank()] = l;
        sd[batch.rank() + 1] = s;
        Shape scoreShape = Shape.of(sd);
        if (attnMask != null) {
            if (isCausal) {
                throw new IllegalArgumentException("scaledDotProductAttention: an explicit attnMask (shape "
                        + attnMask.shape() + ") should not be given with isCausal true; pass one or the other");
            }
            if (attnMask.dtype() != DType.BOOL && attnMask.dtype() != q.dtype()) {
                throw new IllegalArgumentException("scaledDotProductAttention: attnMask of shape " + attnMask.shape()
                        + " is " + attnMask.dtype().label() + "; pass a bool mask (true = may attend) or one of the"
                        + " query's dtype " + q.dtype().label() + " to add to the scores");
            }
            if (!Broadcast.broadcastsTo(attnMask.shape(), scoreShape)) {
                throw new IllegalArgumentException("scaledDotProductAttention: attnMask of shape " + attnMask.shape()
                        + " does not broadcast to the attention scores' shape " + scoreShape + " (…, L, S) of "
                        + shapes);
            }
        }

        Tensor scores = MatMul.apply(q.mul(1.0 / Math.sqrt(e)), k, false, true);
        Tensor minusInf = Tensor.wrap(NDArray.scalar(q.dtype(), Double.NEGATIVE_INFINITY));
        if (isCausal) {
            scores = Where.apply(Tensor.wrap(Indexing.triangle(l, s, 0, false)), scores, minusInf);
        } else if (attnMask != null && attnMask.dtype() == DType.BOOL) {
            scores = Where.apply(attnMask, scores, minusInf);
        } else if (attnMask != null) {
            scores = scores.add(attnMask);
        }
        Tensor p = safeSoftmax(scores);
        return MatMul.apply(p, v);
    }

    // softmax along the last dimension, with zeros (and no gradient) on rows whose scores are all −∞
    private static Tensor safeSoftmax(Tensor scores) {
        Shape s = scores.shape();
        int last = s.rank() - 1;
        if (s.get(last) == 0 || s.numel() == 0) {
            return Softmax.apply(scores, last);
        }
        Tensor deadRows = scores.detach().max(last, true).eq(Double.NEGATIVE_INFINITY); // BOOL, no graph
        if (deadRows.sum().getLong() == 0) {
            return Softmax.apply(scores, last);
        }
        Tensor zero = Tensor.wrap(NDArray.scalar(scores.dtype(), 0.0));
        // finite scores on those rows first, so that neither the softmax nor its backward sees −∞ − (−∞)
        Tensor p = Softmax.apply(Where.apply(deadRows, zero, scores), last);
        return Where.apply(deadRows, zero, p);
    }

    // the size of dimension rank − 1 − fromEnd
    private static int last(Tensor t, int fromEnd) {
        return t.shape().get(t.dim() - 1 - fromEnd);
    }

    private static Shape batchOf(Tensor t) {
        return Shape.of(Arrays.copyOf(t.shape().toArray(), t.dim() - 2));
    }
}
