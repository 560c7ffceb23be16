package io.jgrad.ndarray;

import io.jgrad.Shape;

/**
 * NumPy/PyTorch broadcasting, decided here and nowhere else.
 *
 * <p>Two shapes broadcast when, aligned at their last dimension, each pair of sizes is equal or one
 * of them is 1; a missing leading dimension counts as 1. The result takes the larger size of each
 * pair. Example: {@code (4, 1, 3)} and {@code (2, 1)} broadcast to {@code (4, 2, 3)}.
 */
public final class Broadcast {

    private Broadcast() {
    }

    /**
     * The shape two operands broadcast to.
     *
     * @param op the operation, named in the error message
     * @param a one operand's shape
     * @param b the other's
     * @return the shape two operands broadcast to
     * @throws IllegalArgumentException naming the operation and both shapes if they do not broadcast
     */
    public static Shape shape(String op, Shape a, Shape b) {
        if (a.equals(b)) {
            return a;
        }
        int[] da = a.toArray();
        int[] db = b.toArray();
        int rank = Math.max(da.length, db.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int sa = sizeFromEnd(da, rank - 1 - i);
            int sb = sizeFromEnd(db, rank - 1 - i);
            if (sa != sb && sa != 1 && sb != 1) {
                throw new IllegalArgumentException(op + ": shapes " + a + " and " + b
                        + " do not broadcast: aligned from the last dimension, sizes " + sa + " and " + sb
                        + " differ and neither is 1; reshape one operand so each pair of sizes is equal or 1");
            }
            out[i] = sa == 1 ? sb : sa;
        }
        return Shape.of(out);
    }

    /**
     * Whether {@code from} broadcasts to exactly {@code to} (without changing {@code to}).
     *
     * @param from the shape broadcast
     * @param to the shape it must reach
     * @return whether {@code from} broadcasts to exactly {@code to} (without changing {@code to})
     */
    public static boolean broadcastsTo(Shape from, Shape to) {
        int[] f = from.toArray();
        int[] t = to.toArray();
        if (f.length > t.length) {
            return false;
        }
        for (int i = 0; i < f.length; i++) {
            int sf = f[f.length - 1 - i];
            int st = t[t.length - 1 - i];
            if (sf != st && sf != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * The strides with which to read an array of shape {@code from} as if it had the (larger)
     * shape {@code to}: 0 along every dimension that is broadcast.
     */
    static int[] stridesFor(int[] from, int[] to) {
        int[] fs = NDArray.strides(from);
        int[] s = new int[to.length];
        int lead = to.length - from.length;
        for (int i = 0; i < from.length; i++) {
            s[lead + i] = from[i] == 1 && to[lead + i] != 1 ? 0 : fs[i];
        }
        return s;
    }

    // the size of dimension (rank-1-fromEnd) aligned at the end, 1 if missing
    private static int sizeFromEnd(int[] dims, int fromEnd) {
        int i = dims.length - 1 - fromEnd;
        return i >= 0 ? dims[i] : 1;
    }
}
