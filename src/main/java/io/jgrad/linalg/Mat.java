package io.jgrad.linalg;

import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Decompositions;
import java.util.Arrays;

/**
 * The matrix helpers the backward formulas need, composed of differentiable {@link Tensor}
 * operations (so a gradient built with them can be differentiated again): the transpose of the last
 * two dimensions, {@code tril}/{@code triu} by a constant mask, the dimension insertions PyTorch
 * writes as {@code unsqueeze}, and the gap matrices of the eigen- and singular vector gradients. Masks and identities are
 * constants in the operand's dtype, so a float32 formula stays float32.
 */
final class Mat {

    private Mat() {
    }

    /** @return {@code xᵀ}: the last two dimensions swapped (PyTorch's {@code mT}) */
    static Tensor mT(Tensor x) {
        return x.transpose(-2, -1);
    }

    /** @return the {@code (n, n)} identity in {@code like}'s dtype (broadcasts over a batch) */
    static Tensor eye(Tensor like, int n) {
        return Tensor.eye(like.dtype(), n);
    }

    /** @return {@code x} with the elements above diagonal {@code k} zeroed ({@code torch.tril}) */
    static Tensor tril(Tensor x, int k) {
        return x.mul(Tensor.wrap(Decompositions.triangleMask(x.dtype(), rows(x), last(x), k, false)));
    }

    /** @return {@code x} with the elements below diagonal {@code k} zeroed ({@code torch.triu}) */
    static Tensor triu(Tensor x, int k) {
        return x.mul(Tensor.wrap(Decompositions.triangleMask(x.dtype(), rows(x), last(x), k, true)));
    }

    /** @return {@code v} {@code (…, n)} as rows {@code (…, 1, n)}: {@code v.unsqueeze(-2)} */
    static Tensor row(Tensor v) {
        return v.reshape(insert(v.shape(), v.dim() - 1));
    }

    /** @return {@code v} {@code (…, n)} as columns {@code (…, n, 1)}: {@code v.unsqueeze(-1)} */
    static Tensor column(Tensor v) {
        return v.reshape(insert(v.shape(), v.dim()));
    }

    /** @return {@code s} {@code (…)} as {@code (…, 1, 1)}, to scale each matrix of a batch */
    static Tensor scalarPerMatrix(Tensor s) {
        int[] d = Arrays.copyOf(s.shape().toArray(), s.dim() + 2);
        d[s.dim()] = 1;
        d[s.dim() + 1] = 1;
        return s.reshape(d);
    }

    /** @return {@code x} without its last dimension, which has size 1: {@code x.squeeze(-1)} */
    static Tensor dropLast(Tensor x) {
        return x.reshape(Arrays.copyOf(x.shape().toArray(), x.dim() - 1));
    }

    /**
     * @return {@code Eᵢⱼ = vⱼ − vᵢ} off the diagonal and 1 on it, {@code (…, n) → (…, n, n)}: the
     *     denominators of the eigenvector and singular-vector gradients (the diagonal is never used
     *     as a denominator of anything but 0, so any non-zero value serves, as in PyTorch)
     */
    static Tensor gaps(Tensor v) {
        return row(v).sub(column(v)).add(eye(v, last(v)));
    }

    static int last(Tensor x) {
        return x.shape().get(x.dim() - 1);
    }

    static int rows(Tensor x) {
        return x.shape().get(x.dim() - 2);
    }

    // the shape with a dimension of size 1 inserted at position i
    private static int[] insert(Shape s, int i) {
        int[] d = s.toArray();
        int[] out = new int[d.length + 1];
        System.arraycopy(d, 0, out, 0, i);
        out[i] = 1;
        System.arraycopy(d, i, out, i + 1, d.length - i);
        return out;
    }
}
