package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.CompareOp;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.UnaryOp;

/**
 * {@code out = √var(a)} over a set of dimensions, with the variance of {@link Var} (same
 * {@code correction} rule, two passes). An int64 or bool input computes in float64. Backward, as
 * PyTorch's {@code std_backward}: {@code Var}'s backward of {@code g / (2·out)}, with 0 where
 * {@code out = 0} (the subgradient where all elements are equal, instead of ∞·0).
 */
public final class Std extends GradFn {

    private final Var.Stats stats;

    private Std(Var.Stats stats) {
        this.stats = stats;
    }

    /**
     * {@return the standard deviation over {@code dims}, which are removed unless {@code keepDim}}
     *
     * @param a the input tensor
     * @param dims the dimensions to reduce, each once (negative count from the end); empty means all
     * @param correction subtracted from the number of elements in the divisor (1: Bessel's unbiased estimate, 0:
     *     the population variance)
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     * @throws IndexOutOfBoundsException if a dimension is out of range
     * @throws IllegalArgumentException if a dimension is named twice
     */
    public static Tensor apply(Tensor a, int[] dims, int correction, boolean keepDim) {
        Var.Stats s = Var.stats("std", a, dims, correction, keepDim);
        Std op = new Std(s);
        Tensor out = op.record(Elementwise.unary(UnaryOp.SQRT, s.values()), a);
        op.save(out);
        return out;
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor out = saved(0);
        // g / (2·out + [out = 0]) · [out ≠ 0]: the denominator is never 0, and the zeros are exact
        NDArray zero = Masks.where(CompareOp.EQ, out.array(), 0.0, g.dtype());
        Tensor scaled = g.div(out.mul(2.0).add(constant(zero))).mul(constant(Masks.not(zero)));
        return new Tensor[] {Var.gradient(scaled, input(0), stats)};
    }
}
