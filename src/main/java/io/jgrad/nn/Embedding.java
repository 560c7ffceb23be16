package io.jgrad.nn;

import io.jgrad.DType;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Factories;
import java.util.Random;

/**
 * A lookup table of vectors, PyTorch's {@code nn.Embedding}: input int64 indices of any shape
 * {@code S}, output {@code S + (dim,)}, row {@code i} of the parameter {@code weight}
 * {@code (numEmbeddings, dim)} for index {@code i}; its gradient accumulates into the rows that
 * were looked up.
 */
public class Embedding extends Layer {

    private final Tensor weight;

    /**
     * A table initialised as PyTorch's: every element standard normal, {@code rng.nextGaussian()}
     * row-major.
     *
     * @param numEmbeddings the size of the vocabulary
     * @param dim the size of each embedding vector
     * @param rng the random generator to draw from
     * @throws IllegalArgumentException if a size is negative or {@code rng} is null
     */
    public Embedding(int numEmbeddings, int dim, Random rng) {
        Init.check("Embedding", rng);
        if (numEmbeddings < 0 || dim < 0) {
            throw new IllegalArgumentException("Embedding: sizes must be ≥ 0, got (" + numEmbeddings + ", " + dim + ")");
        }
        this.weight = registerParameter("weight",
                Tensor.wrap(Factories.randn(rng, DType.FLOAT64, Shape.of(numEmbeddings, dim))));
    }

    /**
     * A table with the given weight (made to require grad).
     *
     * @param weight {@code (numEmbeddings, dim)}
     * @throws IllegalArgumentException if {@code weight} is not 2-d
     */
    public Embedding(Tensor weight) {
        if (weight == null || weight.dim() != 2) {
            throw new IllegalArgumentException("Embedding: the weight must be 2-d (numEmbeddings, dim), got "
                    + (weight == null ? "null" : "shape " + weight.shape()));
        }
        this.weight = registerParameter("weight", weight);
    }

    /**
     * @param input int64 indices, each in {@code [0, numEmbeddings)}
     * @return {@code input.shape() + (dim,)}, in the weight's dtype
     * @throws IllegalArgumentException if {@code input} is not int64
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.embedding(input, weight);
    }

    /** {@return the table {@code (numEmbeddings, dim)}} */
    public Tensor weight() {
        return weight;
    }

    /** @return {@code 65, 128}, as PyTorch prints it */
    @Override
    protected String extraRepr() {
        return weight.shape().get(0) + ", " + weight.shape().get(1);
    }
}
