package io.jgrad.nn;

import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ops.AddMm;
import java.util.Arrays;
import java.util.Random;

/**
 * A fully connected layer in PyTorch's layout (PyTorch's {@code nn.Linear}):
 * {@code y = x·Wᵀ + b}.
 *
 * <ul>
 *   <li>input {@code (N, in)}, {@code (in,)}, or any {@code (…, in)}: the last dimension holds the features</li>
 *   <li>weight {@code W} {@code (out, in)}, parameter {@code weight}</li>
 *   <li>bias {@code b} {@code (out,)}, parameter {@code bias} (optional)</li>
 *   <li>output {@code (N, out)}, {@code (out,)}, or {@code (…, out)}: the input's shape with the last size replaced</li>
 * </ul>
 *
 * <p>Initialisation as PyTorch's default: every element of {@code W} and {@code b} uniform in
 * {@code [-1/√in, 1/√in)} (Kaiming-uniform with {@code a = √5} reduces to that), drawn from the
 * given {@code Random}, weight first, row-major, then bias, each as
 * {@code -bound + 2·bound·rng.nextDouble()}. With {@code in = 0} the bound is 0.
 *
 * <p>The product runs as one fused operation (grad fn {@code AddMm}) that never materialises
 * {@code Wᵀ}.
 */
public class Linear extends Layer {

    private final int inFeatures;
    private final int outFeatures;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * A layer with PyTorch's default initialisation, drawn from a new, unseeded {@code Random}:
     * use {@link #Linear(int, int, Random)} for reproducible weights.
     *
     * @param in input features
     * @param out output features
     * @throws IllegalArgumentException if a size is negative
     */
    public Linear(int in, int out) {
        this(in, out, true, new Random());
    }

    /**
     * A layer with PyTorch's default initialisation, drawn from {@code rng}.
     *
     * @param in the number of input features
     * @param out the number of output features
     * @param rng the source of the initial values (weight first, then bias)
     * @throws IllegalArgumentException if a size is negative or {@code rng} is null
     */
    public Linear(int in, int out, Random rng) {
        this(in, out, true, rng);
    }

    /**
     * A layer with or without a bias, with PyTorch's default initialisation drawn from {@code rng}.
     *
     * @param in input features
     * @param out output features
     * @param bias whether the layer adds a bias (PyTorch's {@code bias=True})
     * @param rng the random generator to draw from
     * @throws IllegalArgumentException if a size is negative or {@code rng} is null
     */
    public Linear(int in, int out, boolean bias, Random rng) {
        if (in < 0 || out < 0) {
            throw new IllegalArgumentException("Linear: sizes must be ≥ 0, got in=" + in + ", out=" + out);
        }
        if (rng == null) {
            throw new IllegalArgumentException("Linear: rng is null; pass a Random (seeded for reproducible weights)");
        }
        double bound = in > 0 ? 1.0 / Math.sqrt(in) : 0.0;
        this.inFeatures = in;
        this.outFeatures = out;
        this.weight = registerParameter("weight", Init.uniform(rng, bound, out, in));
        this.bias = bias ? registerParameter("bias", Init.uniform(rng, bound, out)) : null;
    }

    /**
     * A layer with the given parameters, which become its own (not copied; made to require grad).
     *
     * @param weight {@code (out, in)}, a leaf
     * @param bias {@code (out,)}, a leaf, or {@code null} for a layer without bias
     * @throws IllegalArgumentException if the shapes are not as above, or a tensor is not a leaf
     */
    public Linear(Tensor weight, Tensor bias) {
        if (weight == null || weight.dim() != 2) {
            throw new IllegalArgumentException("Linear: weight must be 2-d (out, in), got "
                    + (weight == null ? "null" : "shape " + weight.shape()));
        }
        int out = weight.shape().get(0);
        if (bias != null && !bias.shape().equals(Shape.of(out))) {
            throw new IllegalArgumentException("Linear: bias of shape " + bias.shape() + " does not fit weight of shape "
                    + weight.shape() + "; the bias must be (" + out + ",), one value per output feature");
        }
        this.inFeatures = weight.shape().get(1);
        this.outFeatures = out;
        this.weight = registerParameter("weight", weight);
        this.bias = bias == null ? null : registerParameter("bias", bias);
    }


    /**
     * {@code x·Wᵀ + b}.
     *
     * @param input {@code (…, in)}: at least 1-d, the last dimension of size {@code in}
     * @return {@code (…, out)}
     * @throws IllegalArgumentException if the input is 0-d or its last size is not {@code in}
     */
    @Override
    public Tensor forward(Tensor input) {
        Shape s = input.shape();
        if (s.rank() == 0 || s.get(-1) != inFeatures) {
            throw new IllegalArgumentException("Linear: input of shape " + s + " does not fit a layer with "
                    + inFeatures + " input features (weight " + weight.shape() + "); the input's last dimension must be "
                    + inFeatures + ", as in (N, " + inFeatures + ") or (" + inFeatures + ",)");
        }
        if (s.rank() == 2) {
            return AddMm.apply(input, weight, bias);
        }
        // (in,) and (…, in): flatten the leading dimensions into rows, then restore them
        int[] dims = s.toArray();
        int rows = 1;
        for (int i = 0; i < dims.length - 1; i++) {
            rows *= dims[i];
        }
        Tensor y = AddMm.apply(input.reshape(rows, inFeatures), weight, bias);
        int[] outDims = Arrays.copyOf(dims, dims.length);
        outDims[outDims.length - 1] = outFeatures;
        return y.reshape(outDims);
    }

    /** {@return the weight {@code (out, in)}, the live parameter} */
    public Tensor weight() {
        return weight;
    }

    /** {@return the bias {@code (out,)}, the live parameter, or {@code null} for a layer without bias} */
    public Tensor bias() {
        return bias;
    }

    /** {@return the number of input features} */
    public int inFeatures() {
        return inFeatures;
    }

    /** {@return the number of output features} */
    public int outFeatures() {
        return outFeatures;
    }

    /** @return {@code in_features=4, out_features=8, bias=True}, as PyTorch prints it */
    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null ? "True" : "False");
    }
}
