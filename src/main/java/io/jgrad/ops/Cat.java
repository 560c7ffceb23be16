package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.Promotion;
import io.jgrad.ndarray.Slicing;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code out} = the tensors laid end to end along {@code dim}, promoted to a common dtype
 * (PyTorch's {@code cat}). Backward: {@code ∂tensors[i]} = the range of {@code g} that tensor
 * filled ({@link Narrow}).
 *
 * <p>As PyTorch, 1-d tensors with no elements are skipped whatever their shape (a legacy rule that
 * lets {@code cat} start from an empty accumulator); they still take part in the dtype.
 */
public final class Cat extends GradFn {

    private final int dim;
    private final int[] offsets; // where each input starts along dim; -1 for a skipped one

    private Cat(int dim, int[] offsets) {
        this.dim = dim;
        this.offsets = offsets;
    }

    /**
     * {@return the tensors joined along {@code dim}, in the list's order (grad fn {@code Cat})}
     *
     * @param tensors the tensors
     * @param dim negative values count from the end
     * @throws IllegalArgumentException if {@code tensors} is empty, one is 0-d, their ranks differ,
     *     or their sizes differ outside {@code dim}
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     */
    public static Tensor apply(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("cat: expects a non-empty list of tensors");
        }
        DType type = tensors.get(0).dtype();
        Tensor first = null;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (t.dim() == 0) {
                throw new IllegalArgumentException("cat: the tensor at position " + i + " is 0-d (shape ()), and 0-d"
                        + " tensors cannot be concatenated; unsqueeze it to (1,) or use stack");
            }
            type = Promotion.promote(type, t.dtype());
            if (first == null && !skipped(t)) {
                first = t;
            }
        }
        Tensor[] inputs = tensors.toArray(new Tensor[0]);
        int[] offsets = new int[inputs.length];
        if (first == null) { // only empty 1-d tensors
            java.util.Arrays.fill(offsets, -1);
            return new Cat(0, offsets).record(NDArray.zeros(type, Shape.of(0)), inputs);
        }
        int d = first.shape().normalizeDim("cat", dim);
        List<NDArray> parts = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = inputs[i];
            if (skipped(t)) {
                offsets[i] = -1;
                continue;
            }
            requireMatches(first, t, d, i);
            parts.add(t.array());
            offsets[i] = offset;
            offset += t.shape().get(d);
        }
        return new Cat(d, offsets).record(Slicing.cat(parts, d, type), inputs);
    }

    private static boolean skipped(Tensor t) {
        return t.dim() == 1 && t.numel() == 0;
    }

    private static void requireMatches(Tensor first, Tensor t, int d, int position) {
        if (t.dim() != first.dim()) {
            throw new IllegalArgumentException("cat: tensors must have the same rank, but shape " + first.shape()
                    + " has " + first.dim() + " dimensions and shape " + t.shape() + " at position " + position
                    + " has " + t.dim());
        }
        for (int i = 0; i < t.dim(); i++) {
            if (i != d && t.shape().get(i) != first.shape().get(i)) {
                throw new IllegalArgumentException("cat: shapes must match except in dimension " + d + ", but "
                        + first.shape() + " and " + t.shape() + " at position " + position + " differ in dimension "
                        + i + " (" + first.shape().get(i) + " vs " + t.shape().get(i) + ")");
            }
        }
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor[] grads = new Tensor[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            if (!needsGrad(i)) {
                continue;
            }
            Tensor in = input(i);
            grads[i] = offsets[i] < 0
                    ? constant(NDArray.zeros(g.dtype(), in.shape()))
                    : Narrow.strided(g, dim, offsets[i], in.shape().get(dim), 1);
        }
        return grads;
    }
}
