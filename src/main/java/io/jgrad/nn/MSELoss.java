package io.jgrad.nn;

import io.jgrad.Tensor;

/**
 * Mean squared error, PyTorch's {@code nn.MSELoss} with mean reduction:
 * <pre>
 *   loss = (1/n) Σ_i (prediction_i − target_i)²
 * </pre>
 * over all {@code n} elements. Built from differentiable operations ({@code Sub}, {@code Mul},
 * {@code Mean}), so both arguments get a gradient when they require grad:
 * {@code ∂prediction = 2·(prediction − target)/n}, {@code ∂target = −∂prediction}.
 *
 * <p>Unlike PyTorch, which broadcasts with a warning, the shapes must be equal: a prediction
 * {@code (N, 1)} against a target {@code (N,)} would silently broadcast to {@code (N, N)}.
 *
 * <p>Not a {@link Layer}: a loss takes two arguments. It has no state, so one instance may be shared.
 */
public class MSELoss {

    /** Creates the loss. */
    public MSELoss() {
    }

    /**
     * The mean of the squared differences.
     *
     * @param prediction any shape
     * @param target the same shape
     * @return a 0-d tensor (NaN when both are empty, a mean over nothing)
     * @throws IllegalArgumentException if the shapes differ
     */
    public Tensor forward(Tensor prediction, Tensor target) {
        if (!prediction.shape().equals(target.shape())) {
            throw new IllegalArgumentException("MSELoss: prediction of shape " + prediction.shape()
                    + " and target of shape " + target.shape() + " differ; the shapes must be equal (reshape one"
                    + " of them, e.g. target.reshape(" + shapeArgs(prediction) + "))");
        }
        Tensor diff = prediction.sub(target);
        return diff.mul(diff).mean();
    }

    private static String shapeArgs(Tensor t) {
        String s = t.shape().toString();
        return s.substring(1, s.length() - 1).replaceAll(",$", "");
    }

    /** @return {@code MSELoss()} */
    @Override
    public String toString() {
        return "MSELoss()";
    }
}
