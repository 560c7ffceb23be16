package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Elementwise;

/** {@code out = 1 / (1 + e^-a)}. Backward: {@code ∂a = g·out·(1 - out)}. */
public final class Sigmoid extends GradFn {

    /** @return the logistic function element-wise, without overflow for large |a| */
    public static Tensor apply(Tensor a) {
        Sigmoid op = new Sigmoid();
        Tensor out = op.record(Elementwise.map(a.array(), Sigmoid::sigmoid), a);
        op.save(out);
        return out;
    }

    // e^-x overflows for x ≪ 0; the form e^x / (1 + e^x) does not
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor out = saved(0);
        return new Tensor[] {g.mul(out.mul(out.neg().add(1.0)))};
    }
}
