package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.UnaryOp;

/**
 * SiLU (swish): {@code out = a·σ(a) = a / (1 + e^−a)}. Backward: {@code ∂a = g·σ(a)·(1 + a·(1 − σ(a)))}
 * (PyTorch's formula). An int64 or bool input computes in float64.
 */
public final class Silu extends GradFn {

    private Silu() {
    }

    /**
     * {@return SiLU element-wise}
     *
     * @param a the input tensor
     */
    public static Tensor apply(Tensor a) {
        return new Silu().record(Elementwise.unary(UnaryOp.SILU, Types.floating(a)), a);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor a = input(0);
        Tensor s = a.sigmoid();
        return new Tensor[] {g.mul(s.mul(a.mul(s.neg().add(1.0)).add(1.0)))};
    }
}
