package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Broadcast;
import io.jgrad.ndarray.Products;
import java.util.Arrays;

/**
 * The matrix product by {@code torch.matmul} rules, {@code C = op(A)·op(B)}, where {@code op} may
 * transpose the last two dimensions (internally, for the backward pass; the public form never does).
 *
 * <p>A 1-d left operand {@code (k,)} is taken as {@code (1, k)}, a 1-d right operand as {@code (k, 1)},
 * and the added dimension is dropped from the result. Leading (batch) dimensions broadcast.
 *
 * <p>Backward, for {@code C = A·B}: {@code ∂A = g·Bᵀ}, {@code ∂B = Aᵀ·g}, each summed over broadcast batch
 * dimensions. The transposes are never materialised: each is another {@code MatMul} node with a
 * transpose flag, which the kernels serve with their transposed-multiply forms, so the backward pass
 * is itself differentiable.
 */
public final class MatMul extends GradFn {

    private final boolean transA;
    private final boolean transB;
    private final Shape promotedA;
    private final Shape promotedB;
    private final Shape promotedOut;

    private MatMul(boolean transA, boolean transB, Shape promotedA, Shape promotedB, Shape promotedOut) {
        this.transA = transA;
        this.transB = transB;
        this.promotedA = promotedA;
        this.promotedB = promotedB;
        this.promotedOut = promotedOut;
    }

    /**
     * {@code a · b} by {@code torch.matmul} rules.
     *
     * @param a the left factor
     * @param b the right factor
     * @return the product (grad fn {@code MatMul})
     * @throws IllegalArgumentException if an operand is 0-d, the inner sizes differ, or the batch
     *     dimensions do not broadcast
     */
    public static Tensor apply(Tensor a, Tensor b) {
        Shape sa = a.shape();
        Shape sb = b.shape();
        if (sa.rank() == 0 || sb.rank() == 0) {
            throw new IllegalArgumentException("matmul: shapes " + sa + " and " + sb
                    + " cannot be multiplied: both operands need at least one dimension; use mul for a scalar factor");
        }
        if (a.dtype() != b.dtype() || a.dtype() == io.jgrad.DType.BOOL) {
            throw new IllegalArgumentException("matmul: operands of shapes " + sa + " and " + sb + " have dtypes "
                    + a.dtype().label() + " and " + b.dtype().label() + "; both need one numeric dtype (not bool):"
                    + " convert one with to(DType)");
        }
        Shape pa = sa.rank() == 1 ? Shape.of(1, sa.get(0)) : sa;
        Shape pb = sb.rank() == 1 ? Shape.of(sb.get(0), 1) : sb;
        Shape out = product("matmul", sa, sb, pa, pb, false, false);
        int[] od = out.toArray();
        int[] finalDims = od;
        if (sa.rank() == 1 && sb.rank() == 1) {
            finalDims = new int[0];
        } else if (sa.rank() == 1) {
            finalDims = remove(od, od.length - 2);
        } else if (sb.rank() == 1) {
            finalDims = remove(od, od.length - 1);
        }
        MatMul op = new MatMul(false, false, pa, pb, out);
        return op.record(Products.matmul(a.array().reshape(pa), b.array().reshape(pb), false, false, out)
                .reshape(Shape.of(finalDims)), a, b);
    }

    /** {@code op(a)·op(b)} for operands of rank ≥ 2 (the backward pass's products). */
    static Tensor apply(Tensor a, Tensor b, boolean transA, boolean transB) {
        Shape out = product("matmul", a.shape(), b.shape(), a.shape(), b.shape(), transA, transB);
        MatMul op = new MatMul(transA, transB, a.shape(), b.shape(), out);
        return op.record(Products.matmul(a.array(), b.array(), transA, transB, out), a, b);
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor a = Reshape.apply(input(0), promotedA);
        Tensor b = Reshape.apply(input(1), promotedB);
        Tensor gc = Reshape.apply(g, promotedOut);
        Tensor ga = null;
        Tensor gb = null;
        if (needsGrad(0)) {
            // C = op(A)·op(B): ∂op(A) = g·op(B)ᵀ, and ∂A is that, transposed back when transA
            ga = transA ? apply(b, gc, transB, true) : apply(gc, b, false, !transB);
            ga = Reshape.apply(SumTo.apply(ga, promotedA), input(0).shape());
        }
        if (needsGrad(1)) {
            // ∂op(B) = op(A)ᵀ·g, transposed back when transB
            gb = transB ? apply(gc, a, true, transA) : apply(a, gc, !transA, false);
            gb = Reshape.apply(SumTo.apply(gb, promotedB), input(1).shape());
        }
        return new Tensor[] {ga, gb};
    }

    // the shape of op(a)·op(b) for operands of rank ≥ 2 (pa, pb), named in errors by their given shapes
    private static Shape product(String name, Shape sa, Shape sb, Shape pa, Shape pb, boolean transA, boolean transB) {
        int[] da = pa.toArray();
        int[] db = pb.toArray();
        int m = transA ? da[da.length - 1] : da[da.length - 2];
        int ka = transA ? da[da.length - 2] : da[da.length - 1];
        int kb = transB ? db[db.length - 1] : db[db.length - 2];
        int n = transB ? db[db.length - 2] : db[db.length - 1];
        if (ka != kb) {
            throw new IllegalArgumentException(name + ": shapes " + sa + " and " + sb + " cannot be multiplied: the"
                    + " left operand has " + ka + " columns but the right one has " + kb + " rows; the inner"
                    + " sizes must match");
        }
        Shape batchA = Shape.of(Arrays.copyOf(da, da.length - 2));
        Shape batchB = Shape.of(Arrays.copyOf(db, db.length - 2));
        Shape batch;
        try {
            batch = Broadcast.shape(name, batchA, batchB);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": shapes " + sa + " and " + sb + " cannot be multiplied: "
                    + "their batch dimensions " + batchA + " and " + batchB + " do not broadcast", e);
        }
        int[] bd = batch.toArray();
        int[] od = Arrays.copyOf(bd, bd.length + 2);
        od[bd.length] = m;
        od[bd.length + 1] = n;
        return Shape.of(od);
    }

    private static int[] remove(int[] dims, int i) {
        int[] out = new int[dims.length - 1];
        System.arraycopy(dims, 0, out, 0, i);
        System.arraycopy(dims, i + 1, out, i, dims.length - i - 1);
        return out;
    }
}
