package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Casts;
import io.jgrad.ndarray.Indexing;
import io.jgrad.ndarray.Movement;
import io.jgrad.ndarray.NDArray;
import java.util.Arrays;

/**
 * A lookup table (PyTorch's {@code embedding}; its node {@code EmbeddingBackward0}):
 * {@code out[i…, :] = weight[indices[i…], :]} for INT64 indices of any shape, so the result has shape
 * {@code indices.shape + (dim,)}. Backward: {@code ∂weight} = zeros with each row of {@code g} added
 * into the row its index picked, so repeated indices accumulate (a {@link ScatterAdd} along
 * dimension 0 with createGraph; without it the same additions in the same order by one kernel,
 * {@link Indexing#indexAddRows}, which does not expand the index to {@code g}'s shape).
 */
public final class Embedding extends GradFn {

    private Embedding() {
    }

    /**
     * {@return {@code indices.shape + (dim,)}, of {@code weight}'s dtype}
     *
     * @param indices INT64, any shape, entries in {@code [0, numEmbeddings)}
     * @param weight {@code (numEmbeddings, dim)}, any dtype
     * @throws IllegalArgumentException if {@code indices} is not INT64 or {@code weight} is not 2-d
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public static Tensor apply(Tensor indices, Tensor weight) {
        if (indices.dtype() != DType.INT64) {
            throw new IllegalArgumentException("embedding: indices must be int64, got " + indices.dtype().label()
                    + " of shape " + indices.shape() + "; convert them with to(DType.INT64)");
        }
        if (weight.dim() != 2) {
            throw new IllegalArgumentException("embedding: weight must be 2-d (numEmbeddings, dim), got shape "
                    + weight.shape());
        }
        int rows = weight.shape().get(0);
        int at = Indexing.firstOutOfRange(indices.array(), rows);
        if (at >= 0) {
            throw new IndexOutOfBoundsException("embedding: index " + indices.array().getLong(at) + " at flat position "
                    + at + " of the indices of shape " + indices.shape() + " is out of range for " + rows
                    + " embeddings (weight of shape " + weight.shape() + "); indices must be in [0, " + rows + ")");
        }
        int[] dims = indices.shape().toArray();
        int[] out = Arrays.copyOf(dims, dims.length + 1);
        out[dims.length] = weight.shape().get(1);
        NDArray flat = indices.array().reshape(Shape.of(indices.numel()));
        return new Embedding().record(Indexing.indexSelect(weight.array(), 0, flat).reshape(Shape.of(out)),
                indices, weight);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor weight = input(1);
        int n = input(0).numel();
        int dim = weight.shape().get(1);
        NDArray index = input(0).array().reshape(Shape.of(n));
        if (!createGraph) {
            NDArray rows = Casts.to(g.array(), weight.dtype()).reshape(Shape.of(n, dim));
            return new Tensor[] {null, constant(Indexing.indexAddRows(rows, index, weight.shape().get(0)))};
        }
        // the row index of every element of g, as scatterAdd wants it
        NDArray expanded = Movement.expand(index.reshape(Shape.of(n, 1)), Shape.of(n, dim));
        Tensor zeros = constant(NDArray.zeros(g.dtype(), weight.shape()));
        Tensor rows = Reshape.apply(g, Shape.of(n, dim));
        return new Tensor[] {null, ScatterAdd.scatter(zeros, 0, constant(expanded), rows)};
    }
}
