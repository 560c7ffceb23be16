package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Casts;

/**
 * {@code out = a} converted to another dtype, as Java casts convert. Between floating dtypes it is
 * differentiable: {@code ∂a = g} converted back to {@code a}'s dtype. A conversion to int64 or bool
 * records nothing (its result cannot require grad), as in PyTorch.
 */
public final class To extends GradFn {

    private To() {
    }

    /**
     * {@return {@code a} itself when it already has {@code dtype}, otherwise a converted copy}
     *
     * @param a the input tensor
     * @param dtype the element type
     */
    public static Tensor apply(Tensor a, DType dtype) {
        if (a.dtype() == dtype) {
            return a;
        }
        if (!dtype.isFloatingPoint()) {
            return constant(Casts.to(a.array(), dtype));
        }
        return new To().record(Casts.to(a.array(), dtype), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        return new Tensor[] {apply(g, input(0).dtype())};
    }
}
