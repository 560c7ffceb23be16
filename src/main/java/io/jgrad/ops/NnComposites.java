package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Factories;
import io.jgrad.ndarray.Indexing;
import io.jgrad.ndarray.NDArray;
import java.util.Random;

/**
 * Functions of {@code nn.Functional} that record no node of their own: {@code dropout} (a
 * {@link Mul} by a constant random mask) and {@code oneHot} (INT64, outside autograd).
 */
public final class NnComposites {

    private NnComposites() {
    }

    /**
     * Inverted dropout, PyTorch's {@code dropout}: in training, {@code x · m / (1 − p)} with
     * {@code m[i] = rng.nextDouble() ≥ p}, one draw per element in row-major order (all zero for
     * {@code p = 1}); otherwise, and for {@code p = 0}, the input itself (no draw).
     *
     * @param input any shape
     * @param p the probability of zeroing an element, in {@code [0, 1]}
     * @param training whether the layer is in training mode
     * @param rng the source of the mask (may be null when not training)
     * @return a tensor of the input's shape (grad fn {@code Mul}); a non-floating input gives float64
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]}, or {@code rng} is null in training
     */
    public static Tensor dropout(Tensor input, double p, boolean training, Random rng) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout: probability p=" + p + " is outside [0, 1]; pass the"
                    + " probability of zeroing an element, e.g. 0.5");
        }
        if (!training || p == 0) {
            return input;
        }
        if (rng == null) {
            throw new IllegalArgumentException("dropout: rng is null; pass a Random (seeded for reproducible masks)"
                    + " to draw the mask for the input of shape " + input.shape());
        }
        double scale = p == 1 ? 0.0 : 1.0 / (1.0 - p);
        DType maskType = input.dtype().isFloatingPoint() ? input.dtype() : DType.FLOAT64;
        return input.mul(Tensor.wrap(Factories.dropoutMask(rng, maskType, input.shape(), p, scale)));
    }

    /**
     * PyTorch's {@code one_hot}: 1 at each index's class, 0 elsewhere.
     *
     * @param indices INT64, any shape, entries ≥ 0
     * @param numClasses the classes, ≥ 1, or -1 for the largest index plus one
     * @return INT64 of shape {@code indices.shape + (numClasses,)}, not part of any graph
     * @throws IllegalArgumentException if {@code indices} is not INT64, {@code numClasses} is neither
     *     -1 nor positive, an index is negative or not below {@code numClasses}, or -1 is given for
     *     empty indices (RuntimeErrors in PyTorch)
     */
    public static Tensor oneHot(Tensor indices, int numClasses) {
        if (indices.dtype() != DType.INT64) {
            throw new IllegalArgumentException("oneHot: indices must be int64, got " + indices.dtype().label()
                    + " of shape " + indices.shape() + "; convert them with to(DType.INT64)");
        }
        if (numClasses == 0 || numClasses < -1) {
            throw new IllegalArgumentException("oneHot: numClasses must be positive, or -1 to infer it from the"
                    + " largest index, got " + numClasses + " (indices of shape " + indices.shape() + ")");
        }
        NDArray flat = indices.array().reshape(Shape.of(indices.numel()));
        int classes = numClasses;
        if (numClasses == -1) {
            if (indices.numel() == 0) {
                throw new IllegalArgumentException("oneHot: cannot infer the number of classes from empty indices of"
                        + " shape " + indices.shape() + "; pass numClasses");
            }
            long max = indices.max().getLong();
            classes = (int) Math.min(Math.max(max + 1, 1), Integer.MAX_VALUE);
        }
        int at = Indexing.firstOutOfRange(flat, classes);
        if (at >= 0) {
            long value = flat.getLong(at);
            throw new IllegalArgumentException("oneHot: index " + value + " at flat position " + at + " of the indices"
                    + " of shape " + indices.shape() + (value < 0 ? " is negative; class values must be ≥ 0"
                    : " is not below numClasses " + classes + "; pass a larger numClasses, or -1 to infer it"));
        }
        return Tensor.wrap(Indexing.oneHot(indices.array(), classes));
    }
}
