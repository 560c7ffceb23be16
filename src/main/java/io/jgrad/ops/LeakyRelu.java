package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.BinaryOp;
import io.jgrad.ndarray.CompareOp;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;

/**
 * Leaky ReLU: {@code out = a} where {@code a > 0}, {@code a·slope} elsewhere (NaN stays NaN). Backward:
 * {@code ∂a = g} where {@code a > 0}, {@code g·slope} elsewhere (at 0 too, as PyTorch). An int64 or
 * bool input computes in float64.
 */
public final class LeakyRelu extends GradFn {

    private final double slope;

    private LeakyRelu(double slope) {
        this.slope = slope;
    }

    /**
     * {@return leaky ReLU element-wise with the given negative slope}
     *
     * @param a the input tensor
     * @param negativeSlope the slope for negative inputs
     */
    public static Tensor apply(Tensor a, double negativeSlope) {
        NDArray x = Types.floating(a);
        NDArray values = Elementwise.binary(BinaryOp.LEAKY_RELU, x, NDArray.wrappedScalar(negativeSlope), x.shape(),
                x.dtype());
        return new LeakyRelu(negativeSlope).record(values, a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        // p + (1 − p)·slope with p = [a > 0]: exactly 1 or exactly slope (NaN takes slope, as PyTorch)
        NDArray positive = Masks.where(CompareOp.GT, input(0).array(), 0.0, g.dtype());
        NDArray negative = Masks.times(Masks.not(positive), NDArray.wrappedScalar(slope), positive.shape());
        NDArray factor = Elementwise.binary(BinaryOp.ADD, positive, negative, positive.shape());
        return new Tensor[] {g.mul(constant(factor))};
    }
}
