package io.jgrad.ndarray;

import io.jgrad.Shape;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Element-wise kernels: {@code out[i] = f(x[i])} and, with broadcasting, {@code out[i] = f(a[i], b[i])}.
 *
 * <p>Same-shape operands take a flat loop; broadcast operands are walked with stride 0 along their
 * broadcast dimensions (see {@link Broadcast}), so no expanded copy is ever made.
 */
public final class Elementwise {

    private Elementwise() {
    }

    /** @return a new array {@code out[i] = f(x[i])} of {@code x}'s shape */
    public static NDArray map(NDArray x, DoubleUnaryOperator f) {
        double[] in = x.data();
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = f.applyAsDouble(in[i]);
        }
        return new NDArray(out, x.shape());
    }

    /**
     * ReLU's forward: {@code out[i] = max(x[i], 0)}, NaN kept (as PyTorch's {@code relu} and NumPy's
     * {@code maximum}) and {@code max(-0, 0) = +0} (as NumPy's; PyTorch keeps {@code -0}). Written
     * with {@code Math.max}, which the JIT turns into SIMD max instructions; a {@code x > 0 ? x : 0}
     * loop is a branch per element that mispredicts on half of random data (about ten times slower
     * on 65,536 elements).
     *
     * @return a new array of {@code x}'s shape
     */
    public static NDArray relu(NDArray x) {
        double[] in = x.data();
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = Math.max(in[i], 0.0);
        }
        return new NDArray(out, x.shape());
    }

    /**
     * ReLU's derivative from its output: {@code out[i] = y[i] > 0 ? 1 : 0}, and NaN where
     * {@code y[i]} is NaN (the output of a NaN input, whose gradient is then NaN too; PyTorch passes
     * the upstream gradient through there instead).
     *
     * @return a new array of {@code y}'s shape
     */
    public static NDArray positiveMask(NDArray y) {
        double[] in = y.data();
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = positive(in[i]);
        }
        return new NDArray(out, y.shape());
    }

    /**
     * {@code 1} for {@code y > 0}, {@code 0} for {@code y ≤ 0}, NaN for NaN, without a branch, so
     * that the JIT vectorises the loops that call it (a {@code y > 0 ? 1 : 0} branch mispredicts on
     * half of random data, about ten times slower): the two factors scale even the smallest positive
     * double to at least 1 (and overflow larger ones to infinity), and the clamp to {@code [0, 1]}
     * does the rest ({@code max(-0, 0) = 0}).
     */
    private static double positive(double y) {
        return Math.min(Math.max(y * 0x1p1023 * 0x1p52, 0.0), 1.0);
    }

    /**
     * ReLU's backward in one pass: {@code out[i] = g[i] · (y[i] > 0 ? 1 : 0)}, bit for bit the
     * product of {@code g} with {@link #positiveMask}{@code (y)} (so {@code -g·0 = -0}, and
     * {@code ±∞·0 = NaN}, as there), without the mask array.
     *
     * @param g the gradient of ReLU's output
     * @param y ReLU's output, of {@code g}'s shape
     * @return a new array of {@code g}'s shape
     * @throws IllegalArgumentException if the shapes differ
     */
    public static NDArray reluBackward(NDArray g, NDArray y) {
        if (!g.shape().equals(y.shape())) {
            throw new IllegalArgumentException("reluBackward: gradient of shape " + g.shape()
                    + " does not match the output of shape " + y.shape() + "; pass the gradient of that output");
        }
        double[] gd = g.data();
        double[] yd = y.data();
        double[] out = new double[gd.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = gd[i] * positive(yd[i]);
        }
        return new NDArray(out, g.shape());
    }

    /**
     * {@code out[i] = f(a[i], b[i])} over the broadcast shape of {@code a} and {@code b}.
     *
     * @param out the broadcast shape, from {@link Broadcast#shape}
     */
    public static NDArray zip(NDArray a, NDArray b, Shape out, DoubleBinaryOperator f) {
        double[] x = a.data();
        double[] y = b.data();
        double[] r = new double[out.numel()];
        if (a.shape().equals(out) && b.shape().equals(out)) {
            for (int i = 0; i < r.length; i++) {
                r[i] = f.applyAsDouble(x[i], y[i]);
            }
        } else if (y.length == 1 && a.shape().equals(out)) {
            double v = y[0];
            for (int i = 0; i < r.length; i++) {
                r[i] = f.applyAsDouble(x[i], v);
            }
        } else {
            int[] o = out.toArray();
            int[] sa = Broadcast.stridesFor(a.shape().toArray(), o);
            int[] sb = Broadcast.stridesFor(b.shape().toArray(), o);
            new StridedWalk(o, sa, sb) {
                @Override
                void row(int start, int len, int offA, int strideA, int offB, int strideB) {
                    for (int j = 0; j < len; j++) {
                        r[start + j] = f.applyAsDouble(x[offA + j * strideA], y[offB + j * strideB]);
                    }
                }
            }.run();
        }
        return new NDArray(r, out);
    }

    /** @return {@code a + b}, broadcast; the common case of gradient accumulation, kept loop-tight */
    public static NDArray add(NDArray a, NDArray b, Shape out) {
        if (a.shape().equals(out) && b.shape().equals(out)) {
            double[] x = a.data();
            double[] y = b.data();
            double[] r = new double[x.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = x[i] + y[i];
            }
            return new NDArray(r, out);
        }
        return zip(a, b, out, Double::sum);
    }

    /**
     * {@code into += x}, in place, for two arrays of the same shape; records the write in
     * {@code into}'s {@linkplain NDArray#version() version}.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public static void addInPlace(NDArray into, NDArray x) {
        if (!into.shape().equals(x.shape())) {
            throw new IllegalArgumentException("addInPlace: shapes " + into.shape() + " and " + x.shape()
                    + " differ; an in-place sum needs equal shapes");
        }
        double[] r = into.data();
        double[] y = x.data();
        for (int i = 0; i < r.length; i++) {
            r[i] += y[i];
        }
        into.bumpVersion();
    }

    /** @return {@code a * b}, broadcast, loop-tight in the same-shape case */
    public static NDArray mul(NDArray a, NDArray b, Shape out) {
        if (a.shape().equals(out) && b.shape().equals(out)) {
            double[] x = a.data();
            double[] y = b.data();
            double[] r = new double[x.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = x[i] * y[i];
            }
            return new NDArray(r, out);
        }
        return zip(a, b, out, (u, v) -> u * v);
    }

    /**
     * Walks an output of shape {@code dims} row by row (a row being the last dimension), keeping the
     * offsets of two operands read with the given strides. Iterative: any rank, no recursion.
     */
    abstract static class StridedWalk {
        private final int[] dims;
        private final int[] sa;
        private final int[] sb;

        StridedWalk(int[] dims, int[] sa, int[] sb) {
            this.dims = dims;
            this.sa = sa;
            this.sb = sb;
        }

        /** Handles one row: output elements {@code start … start+len-1}. */
        abstract void row(int start, int len, int offA, int strideA, int offB, int strideB);

        final void run() {
            int rank = dims.length;
            if (rank == 0) {
                row(0, 1, 0, 0, 0, 0);
                return;
            }
            int n = 1;
            for (int d : dims) {
                n *= d;
            }
            int inner = dims[rank - 1];
            if (n == 0) {
                return;
            }
            int[] idx = new int[rank];
            int offA = 0;
            int offB = 0;
            for (int start = 0; start < n; start += inner) {
                row(start, inner, offA, sa[rank - 1], offB, sb[rank - 1]);
                for (int d = rank - 2; d >= 0; d--) {
                    idx[d]++;
                    offA += sa[d];
                    offB += sb[d];
                    if (idx[d] < dims[d]) {
                        break;
                    }
                    offA -= sa[d] * dims[d];
                    offB -= sb[d] * dims[d];
                    idx[d] = 0;
                }
            }
        }
    }
}
