package io.jgrad.nn;

import io.jgrad.Shape;
import io.jgrad.Tensor;

/**
 * Layer normalisation over the last dimensions, PyTorch's {@code nn.LayerNorm}:
 * {@code y = (x − mean) / √(var + eps) · weight + bias}, mean and (biased) variance over the
 * trailing {@code normalizedShape} of each input; eps 1e-5. Parameters {@code weight} (ones) and
 * {@code bias} (zeros), of {@code normalizedShape}. Input {@code (…, *normalizedShape)}; output of
 * its shape.
 */
public class LayerNorm extends Layer {

    private final int[] normalizedShape;
    private final double eps = 1e-5;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * Normalisation over the trailing {@code normalizedShape}, with a weight of ones and a bias of zeros.
     *
     * @param normalizedShape the trailing sizes to normalise over (at least one, each ≥ 1)
     * @throws IllegalArgumentException if the shape is empty or has a size below 1
     */
    public LayerNorm(int... normalizedShape) {
        if (normalizedShape.length == 0) {
            throw new IllegalArgumentException("LayerNorm: give the trailing sizes to normalise over, e.g. LayerNorm(128)");
        }
        for (int d : normalizedShape) {
            if (d < 1) {
                throw new IllegalArgumentException("LayerNorm: sizes must be ≥ 1, got " + Shape.format(normalizedShape));
            }
        }
        this.normalizedShape = normalizedShape.clone();
        this.weight = registerParameter("weight", Tensor.ones(normalizedShape));
        this.bias = registerParameter("bias", Tensor.zeros(normalizedShape));
    }

    /**
     * @throws IllegalArgumentException if the input's trailing sizes are not {@code normalizedShape}
     */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    /** {@return the weight, of {@code normalizedShape}} */
    public Tensor weight() {
        return weight;
    }

    /** {@return the bias, of {@code normalizedShape}} */
    public Tensor bias() {
        return bias;
    }

    /** @return {@code (128,), eps=1e-05, elementwise_affine=True, bias=True}, as PyTorch 2.13 prints it */
    @Override
    protected String extraRepr() {
        return Shape.format(normalizedShape) + ", eps=" + Repr.number(eps) + ", elementwise_affine=True, bias=True";
    }
}
