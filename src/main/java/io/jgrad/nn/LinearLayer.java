package io.jgrad.nn;

import io.jgrad.Tensor;

/**
 * The notebook's fully connected layer, in column layout: {@code y = W·x + b}, each sample a column.
 *
 * <ul>
 *   <li>input {@code x} {@code (in, N)}: {@code N} samples as columns (the notebook passes {@code (2, 1)})</li>
 *   <li>weight {@code W} {@code (out, in)}, parameter {@code weight}</li>
 *   <li>bias {@code b} {@code (out, 1)}, parameter {@code bias}, added to every column</li>
 *   <li>output {@code (out, N)}</li>
 * </ul>
 *
 * <p>The computation is recorded as the notebook's: a {@code MatMul} followed by an {@code Add}.
 * For PyTorch's row layout ({@code (N, in)} inputs) use {@link Linear}.
 */
public class LinearLayer extends Layer {

    private final Tensor weight;
    private final Tensor bias;

    /**
     * A layer with the given parameters, which become its own (not copied; made to require grad).
     *
     * @param W {@code (out, in)}, a leaf
     * @param b {@code (out, 1)}, a leaf
     * @throws IllegalArgumentException if the shapes are not as above, or a tensor is not a leaf
     */
    public LinearLayer(Tensor W, Tensor b) {
        if (W == null || b == null) {
            throw new IllegalArgumentException("LinearLayer: W and b are required, got W "
                    + (W == null ? "null" : "of shape " + W.shape()) + " and b " + (b == null ? "null" : "of shape " + b.shape()));
        }
        if (W.dim() != 2) {
            throw new IllegalArgumentException("LinearLayer: W must be 2-d (out, in), got shape " + W.shape());
        }
        int out = W.shape().get(0);
        if (b.dim() != 2 || b.shape().get(0) != out || b.shape().get(1) != 1) {
            throw new IllegalArgumentException("LinearLayer: b of shape " + b.shape() + " does not fit W of shape "
                    + W.shape() + "; b must be a column (" + out + ", 1)");
        }
        this.weight = registerParameter("weight", W);
        this.bias = registerParameter("bias", b);
    }

    /**
     * {@code W·x + b}.
     *
     * @param input {@code (in, N)}
     * @return {@code (out, N)}
     * @throws IllegalArgumentException if the input is not 2-d with {@code in} rows
     */
    @Override
    public Tensor forward(Tensor input) {
        int in = weight.shape().get(1);
        if (input.dim() != 2 || input.shape().get(0) != in) {
            throw new IllegalArgumentException("LinearLayer: input of shape " + input.shape() + " does not fit W of shape "
                    + weight.shape() + "; pass samples as columns, (" + in + ", N) (a single sample is (" + in + ", 1))");
        }
        return weight.matmul(input).add(bias);
    }

    /** {@return {@code W}, {@code (out, in)}, the live parameter} */
    public Tensor weight() {
        return weight;
    }

    /** {@return {@code b}, {@code (out, 1)}, the live parameter} */
    public Tensor bias() {
        return bias;
    }

    /** @return {@code in_features=2, out_features=3} */
    @Override
    protected String extraRepr() {
        return "in_features=" + weight.shape().get(1) + ", out_features=" + weight.shape().get(0);
    }
}
