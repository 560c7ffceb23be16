package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.BinaryOp;
import io.jgrad.ndarray.Broadcast;
import io.jgrad.ndarray.Casts;
import io.jgrad.ndarray.CompareOp;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.Promotion;
import io.jgrad.ndarray.Reductions;
import io.jgrad.ndarray.UnaryOp;

/**
 * {@code out = a ^ e} element-wise, broadcast and promoted (int64 to int64 powers are exact; a bool
 * operand counts as int64). Backward: {@code ∂a = g·e·a^(e-1)} (0 where {@code e = 0}),
 * {@code ∂e = g·out·ln a} (0 where {@code a = 0}, {@code e ≥ 0}, as PyTorch).
 */
public final class Pow extends GradFn {

    private Pow() {
    }

    /**
     * {@return {@code a ^ e}}
     *
     * @param a the left operand
     * @param e the exponent, broadcast with {@code a}
     * @throws IllegalArgumentException if the shapes do not broadcast, or an integer power has a
     *     negative exponent
     */
    public static Tensor apply(Tensor a, Tensor e) {
        Shape out = Broadcast.shape("pow", a.shape(), e.shape());
        DType type = Promotion.resultType(a.array(), e.array());
        if (type == DType.BOOL) {
            type = DType.INT64;
        }
        if (type == DType.INT64) {
            NDArray negative = Elementwise.compare(CompareOp.LT, e.array(), NDArray.wrappedScalar(0), e.shape());
            if (Reductions.sumAll(negative).getLong(0) > 0) {
                throw new IllegalArgumentException("pow: integers to negative integer powers are not allowed (base of"
                        + " shape " + a.shape() + ", exponent of shape " + e.shape() + "); convert the base with"
                        + " to(DType.FLOAT64)");
            }
        }
        Pow op = new Pow();
        Tensor result = op.record(Elementwise.binary(BinaryOp.POW, a.array(), e.array(), out, type), a, e);
        op.save(result);
        return result;
    }

    /**
     * {@code a²}, recorded as a {@code Pow} node with the constant exponent 2 (the node PyTorch's
     * {@code square} records), but computed as {@code a·a}: correctly rounded, and int64 stays int64
     * (bool gives int64, as PyTorch).
     *
     * @param a the left operand
     * @return the square element-wise
     */
    public static Tensor square(Tensor a) {
        NDArray x = a.dtype() == DType.BOOL ? Casts.to(a.array(), DType.INT64) : a.array();
        Pow op = new Pow();
        Tensor result = op.record(Elementwise.unary(UnaryOp.SQUARE, x), a, constant(NDArray.wrappedScalar(2.0)));
        op.save(result);
        return result;
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor a = input(0);
        Tensor e = input(1);
        Tensor ga = null;
        Tensor ge = null;
        if (needsGrad(0)) {
            // e·a^(e-1); where e = 0 the exponent is taken as 0, so a = 0 gives 0·1, not 0·∞ = NaN
            Tensor nonzero = mask(CompareOp.NE, e, g.dtype());
            ga = g.mul(e.mul(a.pow(e.sub(1.0).mul(nonzero))));
        }
        if (needsGrad(1)) {
            // ln a with a = 0 replaced by ln 1 where e ≥ 0: there out = 0^e is 0 (or 1 for e = 0) and
            // PyTorch's gradient is 0; for e < 0 it stays out·ln 0 = ∞·(−∞), −∞ as in PyTorch, not ∞·0 = NaN
            Tensor zeros = a.eq(0).logicalAnd(e.ge(0)).to(g.dtype());
            ge = g.mul(saved(0)).mul(a.add(zeros).log());
        }
        return new Tensor[] {ga, ge};
    }

    // 1 where x ⋄ 0, else 0, as a constant of the given dtype
    private static Tensor mask(CompareOp op, Tensor x, DType dtype) {
        NDArray m = Elementwise.compare(op, x.array(), NDArray.wrappedScalar(0), x.shape());
        return constant(Casts.to(m, dtype));
    }
}
