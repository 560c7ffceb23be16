package io.jgrad.ops;

import io.jgrad.Shape;
import io.jgrad.Tensor;
import java.util.Arrays;
import java.util.Random;

/** Multi-index helpers for the reference tests' plain loops: broadcasting and row-major indices, written out. */
final class Loops {

    private Loops() {
    }

    /** @return a random output shape of rank 0–4 (sizes 0–3) and two operand shapes that broadcast to it */
    static int[][] randomBroadcastPair(Random rng) {
        int rank = rng.nextInt(5);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            out[i] = rng.nextInt(10) == 0 ? 0 : 1 + rng.nextInt(3);
        }
        return new int[][] {operandOf(rng, out), operandOf(rng, out)};
    }

    private static int[] operandOf(Random rng, int[] out) {
        int drop = rng.nextInt(out.length + 1);
        int[] s = Arrays.copyOfRange(out, drop, out.length);
        for (int i = 0; i < s.length; i++) {
            if (rng.nextInt(3) == 0) {
                s[i] = 1;
            }
        }
        return s;
    }

    /** @return the broadcast of two shapes, by NumPy's rule */
    static int[] broadcastShape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int x = i <= a.length ? a[a.length - i] : 1;
            int y = i <= b.length ? b[b.length - i] : 1;
            if (x != y && x != 1 && y != 1) {
                throw new AssertionError("test bug: no broadcast");
            }
            out[rank - i] = x == 1 ? y : x;
        }
        return out;
    }

    /** @return {@code t}'s values read at every index of the broadcast shape {@code to}, as doubles */
    static double[] broadcastRead(Tensor t, int[] to) {
        int[] from = t.shape().toArray();
        double[] src = t.toArray();
        double[] out = new double[Shape.of(to).numel()];
        int lead = to.length - from.length;
        for (int flat = 0; flat < out.length; flat++) {
            int[] idx = unravel(flat, to);
            int[] srcIdx = new int[from.length];
            for (int i = 0; i < from.length; i++) {
                srcIdx[i] = from[i] == 1 ? 0 : idx[lead + i];
            }
            out[flat] = src[ravel(srcIdx, from)];
        }
        return out;
    }

    /** @return the multi-index of row-major position {@code flat} in {@code dims} */
    static int[] unravel(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            idx[i] = flat % dims[i];
            flat /= dims[i];
        }
        return idx;
    }

    /** @return the row-major position of {@code idx} in {@code dims} */
    static int ravel(int[] idx, int[] dims) {
        int flat = 0;
        for (int i = 0; i < dims.length; i++) {
            flat = flat * dims[i] + idx[i];
        }
        return flat;
    }

    /** @return a tensor of the given shape with standard normal values */
    static Tensor normal(Random rng, int... shape) {
        double[] d = new double[Shape.of(shape).numel()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        return Tensor.fromArray(d, shape);
    }
}
