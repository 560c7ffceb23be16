package io.jgrad.ndarray;

import io.jgrad.DType;
import io.jgrad.Shape;

/**
 * Element-wise operations on arrays: the one place where their dtype is resolved and their
 * broadcast is cut into runs ({@link Runs}) for the kernel set ({@code Kernels.set()}).
 *
 * <p>Binary operations compute in one dtype, given or promoted ({@link Promotion}): an operand of
 * another dtype is converted first (a wrapped Java number costs one element). Broadcast operands
 * are read with stride 0 along their broadcast dimensions; no expanded copy is ever made.
 */
public final class Elementwise {

    private Elementwise() {
    }

    /**
     * {@code out[i] = f(x[i])} in {@code x}'s dtype.
     *
     * @param op the function
     * @param x the input array
     * @return a new array of {@code x}'s shape and dtype
     * @throws IllegalArgumentException if {@code op} is not defined on the dtype (bool, or int64
     *     for a function that is not {@link UnaryOp#integral()})
     */
    public static NDArray unary(UnaryOp op, NDArray x) {
        NDArray out = NDArray.zeros(x.dtype(), x.shape());
        unaryInto(op, x, out);
        return out;
    }

    /**
     * {@code x[i] = f(x[i])} in place; records the write in {@code x}'s version.
     *
     * @param op the function
     * @param x the input array
     * @throws IllegalArgumentException as {@link #unary}
     */
    public static void unaryInPlace(UnaryOp op, NDArray x) {
        unaryInto(op, x, x);
        x.bumpVersion();
    }

    private static void unaryInto(UnaryOp op, NDArray x, NDArray out) {
        int n = x.numel();
        UnaryKernels k = Kernels.set().unary();
        switch (x.dtype()) {
            case FLOAT64:
                k.unary(op, x.data(), 0, out.data(), 0, n);
                return;
            case FLOAT32:
                k.unary(op, x.floats(), 0, out.floats(), 0, n);
                return;
            case INT64:
                if (op.integral()) {
                    k.unary(op, x.longs(), 0, out.longs(), 0, n);
                    return;
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException(op.name().toLowerCase(java.util.Locale.ROOT) + ": not defined on "
                + x.dtype().label() + " (shape " + x.shape() + "); convert with to(DType.FLOAT64) first");
    }

    /**
     * {@code out[i] = f(a[i], b[i])} over the broadcast shape, in the promoted dtype of {@code a}
     * and {@code b}.
     *
     * @param op the function
     * @param a the left operand
     * @param b the right operand
     * @param out the broadcast shape, from {@link Broadcast#shape}
     * @return a new array
     */
    public static NDArray binary(BinaryOp op, NDArray a, NDArray b, Shape out) {
        return binary(op, a, b, out, Promotion.resultType(a, b));
    }

    /**
     * {@code out[i] = f(a[i], b[i])} over the broadcast shape, computed in and returned as
     * {@code dtype} (the operands are converted to it first).
     *
     * @param op the function
     * @param a the left operand
     * @param b the right operand
     * @param out the broadcast shape, from {@link Broadcast#shape}
     * @param dtype the element type
     * @return a new array of {@code dtype}
     * @throws UnsupportedOperationException if the kernel does not define {@code op} on {@code dtype}
     *     (callers check the dtype first and say what to do)
     */
    public static NDArray binary(BinaryOp op, NDArray a, NDArray b, Shape out, DType dtype) {
        NDArray x = Casts.to(a, dtype);
        NDArray y = Casts.to(b, dtype);
        NDArray r = NDArray.zeros(dtype, out);
        BinaryKernels k = Kernels.set().binary();
        Object xs = x.storage();
        Object ys = y.storage();
        Object rs = r.storage();
        walk(x, y, out, (o, len, offA, strideA, offB, strideB) -> {
            if (strideA == 0 && strideB == 0) {
                // both repeated along the run: one value, then copies
                binaryRun(k, op, dtype, xs, offA, 0, ys, offB, 0, rs, o, 1);
                repeat(rs, o, len);
            } else {
                binaryRun(k, op, dtype, xs, offA, strideA, ys, offB, strideB, rs, o, len);
            }
        });
        return r;
    }

    private static void binaryRun(BinaryKernels k, BinaryOp op, DType dtype, Object a, int ao, int as,
                                  Object b, int bo, int bs, Object out, int oo, int n) {
        switch (dtype) {
            case FLOAT64:
                k.binary(op, (double[]) a, ao, as, (double[]) b, bo, bs, (double[]) out, oo, n);
                return;
            case FLOAT32:
                k.binary(op, (float[]) a, ao, as, (float[]) b, bo, bs, (float[]) out, oo, n);
                return;
            case INT64:
                k.binary(op, (long[]) a, ao, as, (long[]) b, bo, bs, (long[]) out, oo, n);
                return;
            case BOOL:
                k.binary(op, (boolean[]) a, ao, as, (boolean[]) b, bo, bs, (boolean[]) out, oo, n);
                return;
            default:
                throw new AssertionError(dtype);
        }
    }

    /**
     * {@code out[i] = a[i] ⋄ b[i]} over the broadcast shape, compared in the promoted dtype of
     * {@code a} and {@code b} (so a float32 array compared with a wrapped {@code 0.1} compares with
     * {@code 0.1f}).
     *
     * @param op the comparison
     * @param a the left operand
     * @param b the right operand
     * @param out the broadcast shape, from {@link Broadcast#shape}
     * @return a new bool array
     */
    public static NDArray compare(CompareOp op, NDArray a, NDArray b, Shape out) {
        DType dtype = Promotion.resultType(a, b);
        NDArray x = Casts.to(a, dtype);
        NDArray y = Casts.to(b, dtype);
        NDArray r = NDArray.zeros(DType.BOOL, out);
        CompareKernels k = Kernels.set().compare();
        Object xs = x.storage();
        Object ys = y.storage();
        boolean[] rs = r.bools();
        walk(x, y, out, (o, len, offA, strideA, offB, strideB) -> {
            boolean both = strideA == 0 && strideB == 0;
            int n = both ? 1 : len;
            switch (dtype) {
                case FLOAT64:
                    k.compare(op, (double[]) xs, offA, strideA, (double[]) ys, offB, strideB, rs, o, n);
                    break;
                case FLOAT32:
                    k.compare(op, (float[]) xs, offA, strideA, (float[]) ys, offB, strideB, rs, o, n);
                    break;
                case INT64:
                    k.compare(op, (long[]) xs, offA, strideA, (long[]) ys, offB, strideB, rs, o, n);
                    break;
                case BOOL:
                    k.compare(op, (boolean[]) xs, offA, strideA, (boolean[]) ys, offB, strideB, rs, o, n);
                    break;
                default:
                    throw new AssertionError(dtype);
            }
            if (both) {
                repeat(rs, o, len);
            }
        });
        return r;
    }

    /**
     * {@code into[i] = f(into[i], x[i])} in place, {@code x} broadcast to {@code into}'s shape and
     * converted to its dtype; records the write in {@code into}'s version.
     *
     * @param op the function
     * @param into the array written, also the left operand
     * @param x the input array
     * @throws IllegalArgumentException if {@code x} does not broadcast to {@code into}'s shape
     */
    public static void binaryInPlace(BinaryOp op, NDArray into, NDArray x) {
        if (!Broadcast.broadcastsTo(x.shape(), into.shape())) {
            throw new IllegalArgumentException(op.name().toLowerCase(java.util.Locale.ROOT) + ": shape " + x.shape()
                    + " does not broadcast to " + into.shape() + ", so it cannot be applied in place");
        }
        NDArray y = Casts.to(x, into.dtype());
        DType dtype = into.dtype();
        BinaryKernels k = Kernels.set().binary();
        Object is = into.storage();
        Object ys = y.storage();
        walk(into, y, into.shape(), (o, len, offA, strideA, offB, strideB) -> {
            if (strideB == 0 && strideA == 0) {
                binaryRun(k, op, dtype, is, offA, 0, ys, offB, 0, is, o, 1);
                repeat(is, o, len);
            } else {
                binaryRun(k, op, dtype, is, offA, strideA, ys, offB, strideB, is, o, len);
            }
        });
        into.bumpVersion();
    }

    /**
     * {@code into += x}, in place, for two arrays of the same shape ({@code x} converted to
     * {@code into}'s dtype first); records the write in {@code into}'s version.
     *
     * @param into the array added to
     * @param x the input array
     * @throws IllegalArgumentException if the shapes differ
     */
    public static void addInPlace(NDArray into, NDArray x) {
        if (!into.shape().equals(x.shape())) {
            throw new IllegalArgumentException("addInPlace: shapes " + into.shape() + " and " + x.shape()
                    + " differ; an in-place sum needs equal shapes");
        }
        NDArray y = Casts.to(x, into.dtype());
        binaryRun(Kernels.set().binary(), BinaryOp.ADD, into.dtype(), into.storage(), 0, 1, y.storage(), 0, 1,
                into.storage(), 0, into.numel());
        into.bumpVersion();
    }

    // walks the broadcast of a and b to shape out, run by run
    private static void walk(NDArray a, NDArray b, Shape out, Runs.Visitor v) {
        if (a.shape().equals(out) && b.shape().equals(out)) {
            if (out.numel() > 0) {
                v.run(0, out.numel(), 0, 1, 0, 1);
            }
            return;
        }
        int[] o = out.toArray();
        new Runs(o, Broadcast.stridesFor(a.shape().toArray(), o), Broadcast.stridesFor(b.shape().toArray(), o))
                .forEach(v);
    }

    // out[o+1 … o+len-1] = out[o], for any primitive array
    private static void repeat(Object out, int o, int len) {
        // doubling copies: log(len) arraycopy calls, each intrinsic
        int filled = 1;
        while (filled < len) {
            int c = Math.min(filled, len - filled);
            System.arraycopy(out, o, out, o + filled, c);
            filled += c;
        }
    }
}
