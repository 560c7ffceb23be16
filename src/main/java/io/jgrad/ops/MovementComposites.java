package io.jgrad.ops;

import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Indexing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The movement operations that are exact compositions of the primitives, so they record the
 * primitives' nodes and have no {@code GradFn} of their own: {@code squeeze}, {@code unsqueeze} and
 * {@code flatten} are a {@link Reshape}; {@code select} a {@link Narrow} of length 1 and a
 * {@code Reshape}; {@code split} and {@code chunk} one {@code Narrow} per piece; {@code stack} an
 * {@code unsqueeze} of each tensor and a {@link Cat}; {@code tril} and {@code triu} a
 * {@link MaskedFill} with a constant triangle mask (so that {@code inf} and NaN outside the
 * triangle become 0, as in PyTorch, where a multiply by 0 would give NaN).
 */
public final class MovementComposites {

    private MovementComposites() {
    }

    /**
     * {@return {@code a} without its dimensions of size 1 (a {@link Reshape})}
     *
     * @param a the input tensor
     */
    public static Tensor squeeze(Tensor a) {
        int[] kept = Arrays.stream(a.shape().toArray()).filter(n -> n != 1).toArray();
        return Reshape.apply(a, Shape.of(kept));
    }

    /**
     * {@return {@code a} without dimension {@code dim} if its size is 1, else with the same shape (a
     * {@link Reshape} either way)}
     *
     * @param a the input tensor
     * @param dim the dimension; negative values count from the end
     * @throws IndexOutOfBoundsException if {@code dim} is out of range (0 or -1 are accepted on a 0-d tensor)
     */
    public static Tensor squeeze(Tensor a, int dim) {
        if (Dims.isScalarDim("squeeze", a.shape(), dim)) {
            return Reshape.apply(a, a.shape());
        }
        int d = a.shape().normalizeDim("squeeze", dim);
        int[] dims = a.shape().toArray();
        if (dims[d] != 1) {
            return Reshape.apply(a, a.shape());
        }
        return Reshape.apply(a, Shape.of(remove(dims, d)));
    }

    /**
     * {@return {@code a} with a dimension of size 1 inserted at {@code dim} (a {@link Reshape})}
     *
     * @param a the input tensor
     * @param dim where the new dimension goes, in {@code [-(rank + 1), rank]}; negative values
     *     count from the end of the result
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     */
    public static Tensor unsqueeze(Tensor a, int dim) {
        int d = insertionDim("unsqueeze", a.shape(), dim);
        int[] dims = a.shape().toArray();
        int[] out = new int[dims.length + 1];
        System.arraycopy(dims, 0, out, 0, d);
        out[d] = 1;
        System.arraycopy(dims, d, out, d + 1, dims.length - d);
        return Reshape.apply(a, Shape.of(out));
    }

    /**
     * {@return dimensions {@code startDim … endDim} of {@code a} merged into one (a {@link Reshape});
     * a 0-d tensor becomes {@code (1,)}}
     *
     * @param a the input tensor
     * @param startDim the first dimension to flatten; negative values count from the end
     * @param endDim the last dimension to flatten (inclusive); negative values count from the end
     * @throws IndexOutOfBoundsException if a dimension is out of range (0 or -1 are accepted on a 0-d tensor)
     * @throws IllegalArgumentException if {@code startDim} comes after {@code endDim}
     */
    public static Tensor flatten(Tensor a, int startDim, int endDim) {
        if (a.dim() == 0) {
            Dims.isScalarDim("flatten", a.shape(), startDim);
            Dims.isScalarDim("flatten", a.shape(), endDim);
            return Reshape.apply(a, Shape.of(1));
        }
        int s = a.shape().normalizeDim("flatten", startDim);
        int e = a.shape().normalizeDim("flatten", endDim);
        if (s > e) {
            throw new IllegalArgumentException("flatten: startDim " + startDim + " comes after endDim " + endDim
                    + " for shape " + a.shape() + "; give startDim ≤ endDim");
        }
        int[] dims = a.shape().toArray();
        int[] out = new int[dims.length - (e - s)];
        System.arraycopy(dims, 0, out, 0, s);
        int merged = 1;
        for (int i = s; i <= e; i++) {
            merged *= dims[i];
        }
        out[s] = merged;
        System.arraycopy(dims, e + 1, out, s + 1, dims.length - e - 1);
        return Reshape.apply(a, Shape.of(out));
    }

    /**
     * {@return {@code a[…, index, …]} along {@code dim}, which is removed (a {@link Narrow} of length 1
     * and a {@link Reshape})}
     *
     * @param a the input tensor
     * @param dim the dimension; negative values count from the end
     * @param index the index; negative values count from the end
     * @throws IndexOutOfBoundsException if {@code a} is 0-d, or {@code dim} or {@code index} is out of range
     */
    public static Tensor select(Tensor a, int dim, int index) {
        if (a.dim() == 0) {
            throw new IndexOutOfBoundsException("select: cannot select from a 0-d tensor (shape ()); it has no"
                    + " dimension to index");
        }
        int d = a.shape().normalizeDim("select", dim);
        int[] dims = a.shape().toArray();
        int size = dims[d];
        if (index < -size || index >= size) {
            throw new IndexOutOfBoundsException("select: index " + index + " is out of range for dimension " + dim
                    + " of size " + size + " in shape " + a.shape() + "; use an index in [" + (-size) + ", "
                    + (size - 1) + "]");
        }
        int i = index < 0 ? index + size : index;
        return Reshape.apply(Narrow.strided(a, d, i, 1, 1), Shape.of(remove(dims, d)));
    }

    /**
     * {@return {@code a} cut along {@code dim} into pieces of {@code splitSize} (the last one smaller
     * when the size does not divide), each a {@link Narrow}; one empty piece for a dimension of size 0}
     *
     * @param a the input tensor
     * @param splitSize the size of each part (the last may be smaller)
     * @param dim the dimension; negative values count from the end
     * @throws IllegalArgumentException if {@code a} is 0-d, {@code splitSize} is negative, or 0 for a
     *     dimension that is not empty
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     */
    public static List<Tensor> split(Tensor a, int splitSize, int dim) {
        if (a.dim() == 0) {
            throw new IllegalArgumentException("split: cannot split a 0-d tensor (shape ()); it needs at least one"
                    + " dimension");
        }
        int d = a.shape().normalizeDim("split", dim);
        int size = a.shape().get(d);
        if (splitSize < 0 || (splitSize == 0 && size > 0)) {
            throw new IllegalArgumentException("split: splitSize must be ≥ 1 (0 only for an empty dimension), got "
                    + splitSize + " for dimension " + dim + " of size " + size + " in shape " + a.shape());
        }
        List<Tensor> pieces = new ArrayList<>();
        if (size == 0) {
            pieces.add(Narrow.strided(a, d, 0, 0, 1));
            return pieces;
        }
        for (int start = 0; start < size; start += splitSize) {
            pieces.add(Narrow.strided(a, d, start, Math.min(splitSize, size - start), 1));
        }
        return pieces;
    }

    /**
     * PyTorch's {@code chunk}: pieces of {@code ceil(size / chunks)} along {@code dim}, the last one
     * smaller, so there may be fewer than {@code chunks}; {@code chunks} empty pieces for a dimension
     * of size 0.
     *
     * @param a the input tensor
     * @param chunks how many parts (at most)
     * @param dim the dimension; negative values count from the end
     * @return the pieces, in order
     * @throws IllegalArgumentException if {@code a} is 0-d or {@code chunks < 1}
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     */
    public static List<Tensor> chunk(Tensor a, int chunks, int dim) {
        if (chunks < 1) {
            throw new IllegalArgumentException("chunk: chunks must be ≥ 1, got " + chunks + " for shape " + a.shape());
        }
        if (a.dim() == 0) {
            throw new IllegalArgumentException("chunk: cannot chunk a 0-d tensor (shape ()); it needs at least one"
                    + " dimension");
        }
        int d = a.shape().normalizeDim("chunk", dim);
        int size = a.shape().get(d);
        if (size == 0) {
            List<Tensor> pieces = new ArrayList<>();
            for (int i = 0; i < chunks; i++) {
                pieces.add(Narrow.strided(a, d, 0, 0, 1));
            }
            return pieces;
        }
        return split(a, (int) (((long) size + chunks - 1) / chunks), d);
    }

    /**
     * {@return the tensors, all of one shape, stacked along a new dimension {@code dim} (each
     * {@link #unsqueeze}d, then a {@link Cat}), promoted to a common dtype}
     *
     * @param tensors the tensors
     * @param dim the dimension; negative values count from the end
     * @throws IllegalArgumentException if {@code tensors} is empty or the shapes differ
     * @throws IndexOutOfBoundsException if {@code dim} is outside {@code [-(rank + 1), rank]}
     */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("stack: expects a non-empty list of tensors");
        }
        Shape shape = tensors.get(0).shape();
        for (int i = 1; i < tensors.size(); i++) {
            if (!tensors.get(i).shape().equals(shape)) {
                throw new IllegalArgumentException("stack: expects tensors of one shape, but got " + shape
                        + " at position 0 and " + tensors.get(i).shape() + " at position " + i);
            }
        }
        int d = insertionDim("stack", shape, dim);
        List<Tensor> parts = new ArrayList<>();
        for (Tensor t : tensors) {
            parts.add(unsqueeze(t, d));
        }
        return Cat.apply(parts, d);
    }

    /**
     * {@return {@code a} with the elements above diagonal {@code diagonal} of its last two dimensions
     * set to 0 (a {@link MaskedFill})}
     *
     * @param a the input tensor
     * @param diagonal which diagonal: 0 the main one, positive above it, negative below
     * @throws IllegalArgumentException if {@code a} has rank &lt; 2
     */
    public static Tensor tril(Tensor a, int diagonal) {
        int[] rc = matrix("tril", a);
        // zero where col − row > diagonal: the part triu(diagonal + 1) keeps
        return MaskedFill.apply(a, Tensor.wrap(Indexing.triangle(rc[0], rc[1], diagonal + 1L, true)), 0.0);
    }

    /**
     * {@return {@code a} with the elements below diagonal {@code diagonal} of its last two dimensions
     * set to 0 (a {@link MaskedFill})}
     *
     * @param a the input tensor
     * @param diagonal which diagonal: 0 the main one, positive above it, negative below
     * @throws IllegalArgumentException if {@code a} has rank &lt; 2
     */
    public static Tensor triu(Tensor a, int diagonal) {
        int[] rc = matrix("triu", a);
        // zero where col − row < diagonal: the part tril(diagonal − 1) keeps
        return MaskedFill.apply(a, Tensor.wrap(Indexing.triangle(rc[0], rc[1], diagonal - 1L, false)), 0.0);
    }

    // the sizes of the last two dimensions; (1, 1) for an empty tensor, whose mask is never read
    // (and whose matrix may be too large to have one)
    private static int[] matrix(String op, Tensor a) {
        if (a.dim() < 2) {
            throw new IllegalArgumentException(op + ": expects a tensor of rank ≥ 2 (the last two dimensions are the"
                    + " matrix), got shape " + a.shape());
        }
        return a.numel() == 0 ? new int[] {1, 1} : new int[] {a.shape().get(-2), a.shape().get(-1)};
    }

    // dims without entry d
    private static int[] remove(int[] dims, int d) {
        int[] out = new int[dims.length - 1];
        System.arraycopy(dims, 0, out, 0, d);
        System.arraycopy(dims, d + 1, out, d, dims.length - d - 1);
        return out;
    }

    /**
     * A position at which to insert a new dimension into {@code shape}: in {@code [-(rank + 1), rank]},
     * negative values counting from the end of the result.
     *
     * @throws IndexOutOfBoundsException if {@code dim} is out of that range
     */
    static int insertionDim(String op, Shape shape, int dim) {
        int r = shape.rank() + 1;
        if (dim < -r || dim >= r) {
            throw new IndexOutOfBoundsException(op + ": dimension " + dim + " is out of range for inserting a"
                    + " dimension into shape " + shape + " (rank " + shape.rank() + "); use a dim in [" + (-r) + ", "
                    + (r - 1) + "]");
        }
        return dim < 0 ? dim + r : dim;
    }
}
