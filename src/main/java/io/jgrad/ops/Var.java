package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.ReduceDims;

/**
 * {@code out = Σ (a − mean)² / (n − correction)} over a set of dimensions holding {@code n}
 * elements each (the mean and the squared deviations in two passes, which cannot cancel;
 * {@code correction = 1} is Bessel's unbiased estimate, 0 the population variance). As PyTorch, the
 * divisor is {@code max(0, n − correction)}, so {@code n ≤ correction} gives ∞ (NaN where all
 * deviations are 0). An int64 or bool input computes in float64. Backward:
 * {@code ∂a = g·2(a − mean)/(n − correction)} (PyTorch's {@code var_backward}).
 */
public final class Var extends GradFn {

    private final Stats stats;

    private Var(Stats stats) {
        this.stats = stats;
    }

    /**
     * What the backward of {@code var} and {@code std} needs.
     *
     * @param values the variances
     * @param keptShape the output's shape with the reduced dimensions kept as 1
     * @param dims the reduced dimensions, ascending
     * @param dof the divisor, {@code max(0, n − correction)}
     */
    record Stats(NDArray values, Shape keptShape, int[] dims, double dof) {
    }

    /**
     * {@return the variance over {@code dims}, which are removed unless {@code keepDim}}
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
        Stats s = stats("var", a, dims, correction, keepDim);
        return new Var(s).record(s.values(), a);
    }

    /** The variances of {@code a} over {@code dims}, and what the backward needs. */
    static Stats stats(String op, Tensor a, int[] dims, int correction, boolean keepDim) {
        boolean[] reduced = DimSet.of(op, a.shape(), dims);
        int n = DimSet.count(a.shape(), reduced);
        Shape kept = DimSet.reducedShape(a.shape(), reduced, true);
        Shape out = keepDim ? kept : DimSet.reducedShape(a.shape(), reduced, false);
        NDArray values = ReduceDims.variance(Types.floating(a), reduced, correction, out);
        return new Stats(values, kept, DimSet.indices(reduced), Math.max(0.0, (double) n - correction));
    }

    /** {@code ∂a = g·2(a − mean)/dof}, {@code g} spread back over the reduced dimensions. */
    static Tensor gradient(Tensor g, Tensor a, Stats s) {
        Tensor spread = Expand.apply(Reshape.apply(g, s.keptShape()), a.shape());
        Tensor deviation = a.sub(Mean.apply(a, s.dims(), true));
        return spread.mul(deviation).mul(2.0 / s.dof());
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {gradient(g, input(0), stats)};
    }
}
