package io.jgrad.ndarray;

import static io.jgrad.ndarray.VectorKernels.D;
import static io.jgrad.ndarray.VectorKernels.DL;
import static io.jgrad.ndarray.VectorKernels.F;
import static io.jgrad.ndarray.VectorKernels.FL;
import static io.jgrad.ndarray.VectorKernels.lower;
import static io.jgrad.ndarray.VectorKernels.narrow;
import static io.jgrad.ndarray.VectorKernels.upper;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Reductions on the Vector API, where the reduced elements are {@code inner > 1} apart: the lanes
 * of a vector are neighbouring output elements, and each lane runs its element's own loop over
 * {@code j = 0, 1, …, d-1}, so every element is combined in the order {@link ReductionKernels}
 * promises and the results are bit-identical to {@link PlainReductions}'s.
 *
 * <ul>
 *   <li>{@code sum}, float64 and float32 (float32 lanes widened to double accumulators, rounded
 *       once): a block of up to {@value #BLOCK} vectors of sums stays in registers while {@code j}
 *       runs, where the plain loop reloads and stores its row of sums for every {@code j}.</li>
 *   <li>{@code extreme}: the running best and its index per lane, updated with blends where the
 *       plain loop's test holds ({@code v < best} or {@code v > best}, or {@code v} the first NaN),
 *       so the first occurrence wins as there.</li>
 *   <li>{@code softmax}: see {@link VectorSoftmax}.</li>
 * </ul>
 *
 * <p>Left to {@link PlainReductions}: {@code inner} smaller than a vector (for sums and extremes
 * along the last dimension, {@code inner = 1}, each element is one sequential chain that SIMD
 * could only speed up by reordering it), the columns past the last whole vector (the plain
 * per-element loops, restricted to them), int64, and float32 extremes along a dimension longer
 * than 2^24 (the index is carried in a float lane).
 */
class VectorReductions extends PlainReductions {

    /** Vectors of sums kept in registers while a sum runs down {@code d}. */
    static final int BLOCK = 4;

    VectorReductions() {
    }

    @Override
    public void sum(double[] x, int outer, int d, int inner, double[] out) {
        if (inner < DL) {
            super.sum(x, outer, d, inner, out);
            return;
        }
        int wide = inner / (BLOCK * DL) * (BLOCK * DL);
        int vec = inner / DL * DL;
        for (int o = 0; o < outer; o++) {
            int base = o * d * inner;
            int rb = o * inner;
            for (int i = 0; i < wide; i += BLOCK * DL) {
                sum4(x, base + i, d, inner, out, rb + i);
            }
            for (int i = wide; i < vec; i += DL) {
                sum1(x, base + i, d, inner, out, rb + i);
            }
            for (int i = vec; i < inner; i++) {
                double s = 0;
                for (int j = 0, r = base + i; j < d; j++, r += inner) {
                    s += x[r];
                }
                out[rb + i] = s;
            }
        }
    }

    // The loops over j live in small methods of their own: C2 then compiles each with its vectors
    // in registers, whichever shapes came first (in one large method, a loop first reached after
    // the method was compiled could end up boxing its vectors).

    /** {@code out[at … at+4L-1]}: sums of the columns {@code x[from …]} over {@code d} rows {@code inner} apart. */
    private static void sum4(double[] x, int from, int d, int inner, double[] out, int at) {
        // 0 + x[0] + x[1] + …, as the plain loop's zero-filled row of sums
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        for (int j = 0, r = from; j < d; j++, r += inner) {
            s0 = s0.add(DoubleVector.fromArray(D, x, r));
            s1 = s1.add(DoubleVector.fromArray(D, x, r + DL));
            s2 = s2.add(DoubleVector.fromArray(D, x, r + 2 * DL));
            s3 = s3.add(DoubleVector.fromArray(D, x, r + 3 * DL));
        }
        s0.intoArray(out, at);
        s1.intoArray(out, at + DL);
        s2.intoArray(out, at + 2 * DL);
        s3.intoArray(out, at + 3 * DL);
    }

    /** As {@link #sum4(double[], int, int, int, double[], int)}, one vector of columns. */
    private static void sum1(double[] x, int from, int d, int inner, double[] out, int at) {
        DoubleVector s = DoubleVector.zero(D);
        for (int j = 0, r = from; j < d; j++, r += inner) {
            s = s.add(DoubleVector.fromArray(D, x, r));
        }
        s.intoArray(out, at);
    }

    @Override
    public void sum(float[] x, int outer, int d, int inner, float[] out) {
        if (inner < FL) {
            super.sum(x, outer, d, inner, out);
            return;
        }
        // each float vector feeds two vectors of double sums (its lanes widened exactly, as the
        // plain acc[i] += x), and each sum is rounded to float once at the end
        int wide = inner / (2 * FL) * (2 * FL);
        int vec = inner / FL * FL;
        for (int o = 0; o < outer; o++) {
            int base = o * d * inner;
            int rb = o * inner;
            for (int i = 0; i < wide; i += 2 * FL) {
                sum2(x, base + i, d, inner, out, rb + i);
            }
            for (int i = wide; i < vec; i += FL) {
                sum1(x, base + i, d, inner, out, rb + i);
            }
            for (int i = vec; i < inner; i++) {
                double s = 0;
                for (int j = 0, r = base + i; j < d; j++, r += inner) {
                    s += x[r];
                }
                out[rb + i] = (float) s;
            }
        }
    }

    /** As the float64 form: two vectors of float columns summed in four vectors of double lanes. */
    private static void sum2(float[] x, int from, int d, int inner, float[] out, int at) {
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        for (int j = 0, r = from; j < d; j++, r += inner) {
            FloatVector v = FloatVector.fromArray(F, x, r);
            FloatVector w = FloatVector.fromArray(F, x, r + FL);
            s0 = s0.add(lower(v));
            s1 = s1.add(upper(v));
            s2 = s2.add(lower(w));
            s3 = s3.add(upper(w));
        }
        narrow(s0, s1).intoArray(out, at);
        narrow(s2, s3).intoArray(out, at + FL);
    }

    /** As {@link #sum2(float[], int, int, int, float[], int)}, one vector of float columns. */
    private static void sum1(float[] x, int from, int d, int inner, float[] out, int at) {
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = s0;
        for (int j = 0, r = from; j < d; j++, r += inner) {
            FloatVector v = FloatVector.fromArray(F, x, r);
            s0 = s0.add(lower(v));
            s1 = s1.add(upper(v));
        }
        narrow(s0, s1).intoArray(out, at);
    }

    @Override
    public void extreme(double[] x, int outer, int d, int inner, boolean min, double[] out, int[] arg) {
        if (inner < DL || d == 0) {
            super.extreme(x, outer, d, inner, min, out, arg);
            return;
        }
        int vec = inner / DL * DL;
        double[] lanes = new double[DL];
        for (int o = 0; o < outer; o++) {
            int base = o * d * inner;
            int rb = o * inner;
            for (int i = 0; i < vec; i += DL) {
                if (min) {
                    min1(x, base + i, d, inner, out, arg, rb + i, lanes);
                } else {
                    max1(x, base + i, d, inner, out, arg, rb + i, lanes);
                }
            }
            extremeColumns(x, base, d, inner, vec, min, out, arg, rb);
        }
    }

    // min and max are separate loops: each comparison must be a constant for C2 to compile it to
    // one instruction. The running best's NaN mask is recomputed rather than carried, which keeps
    // the loop's state in vectors C2 holds in registers. The indices go out through a small array:
    // JDK 17 has no intrinsic for the double-to-int vector conversion (it would allocate).

    /**
     * The maximum of one vector of columns of {@code x[from …]} over {@code d} rows, and the index of
     * its first occurrence, into {@code out[at …]} and {@code arg[at …]}: a lane takes {@code v} where
     * {@code v > best}, or where {@code v} is the first NaN, as the plain loop's test.
     */
    private static void max1(double[] x, int from, int d, int inner, double[] out, int[] arg, int at,
                             double[] lanes) {
        DoubleVector best = DoubleVector.fromArray(D, x, from);
        DoubleVector idx = DoubleVector.zero(D); // indices as doubles: exact below 2^53
        for (int j = 1, r = from + inner; j < d; j++, r += inner) {
            DoubleVector v = DoubleVector.fromArray(D, x, r);
            VectorMask<Double> bestNaN = best.compare(VectorOperators.NE, best);
            VectorMask<Double> firstNaN = v.compare(VectorOperators.NE, v).andNot(bestNaN);
            VectorMask<Double> take = v.compare(VectorOperators.GT, best).or(firstNaN);
            best = best.blend(v, take);
            idx = idx.blend(DoubleVector.broadcast(D, j), take);
        }
        best.intoArray(out, at);
        idx.intoArray(lanes, 0);
        for (int l = 0; l < DL; l++) {
            arg[at + l] = (int) lanes[l];
        }
    }

    /** As {@link #max1(double[], int, int, int, double[], int[], int, double[])}, the minimum ({@code v < best}). */
    private static void min1(double[] x, int from, int d, int inner, double[] out, int[] arg, int at,
                             double[] lanes) {
        DoubleVector best = DoubleVector.fromArray(D, x, from);
        DoubleVector idx = DoubleVector.zero(D);
        for (int j = 1, r = from + inner; j < d; j++, r += inner) {
            DoubleVector v = DoubleVector.fromArray(D, x, r);
            VectorMask<Double> bestNaN = best.compare(VectorOperators.NE, best);
            VectorMask<Double> firstNaN = v.compare(VectorOperators.NE, v).andNot(bestNaN);
            VectorMask<Double> take = v.compare(VectorOperators.LT, best).or(firstNaN);
            best = best.blend(v, take);
            idx = idx.blend(DoubleVector.broadcast(D, j), take);
        }
        best.intoArray(out, at);
        idx.intoArray(lanes, 0);
        for (int l = 0; l < DL; l++) {
            arg[at + l] = (int) lanes[l];
        }
    }

    @Override
    public void extreme(float[] x, int outer, int d, int inner, boolean min, float[] out, int[] arg) {
        if (inner < FL || d == 0 || d > 1 << 24) {
            super.extreme(x, outer, d, inner, min, out, arg);
            return;
        }
        int vec = inner / FL * FL;
        float[] lanes = new float[FL];
        for (int o = 0; o < outer; o++) {
            int base = o * d * inner;
            int rb = o * inner;
            for (int i = 0; i < vec; i += FL) {
                if (min) {
                    min1(x, base + i, d, inner, out, arg, rb + i, lanes);
                } else {
                    max1(x, base + i, d, inner, out, arg, rb + i, lanes);
                }
            }
            extremeColumns(x, base, d, inner, vec, min, out, arg, rb);
        }
    }

    /** As the float64 form, float32; the indices are carried as floats, exact up to 2^24. */
    private static void max1(float[] x, int from, int d, int inner, float[] out, int[] arg, int at,
                             float[] lanes) {
        FloatVector best = FloatVector.fromArray(F, x, from);
        FloatVector idx = FloatVector.zero(F);
        for (int j = 1, r = from + inner; j < d; j++, r += inner) {
            FloatVector v = FloatVector.fromArray(F, x, r);
            VectorMask<Float> bestNaN = best.compare(VectorOperators.NE, best);
            VectorMask<Float> firstNaN = v.compare(VectorOperators.NE, v).andNot(bestNaN);
            VectorMask<Float> take = v.compare(VectorOperators.GT, best).or(firstNaN);
            best = best.blend(v, take);
            idx = idx.blend(FloatVector.broadcast(F, j), take);
        }
        best.intoArray(out, at);
        idx.intoArray(lanes, 0);
        for (int l = 0; l < FL; l++) {
            arg[at + l] = (int) lanes[l];
        }
    }

    /** As the float64 form, float32. */
    private static void min1(float[] x, int from, int d, int inner, float[] out, int[] arg, int at,
                             float[] lanes) {
        FloatVector best = FloatVector.fromArray(F, x, from);
        FloatVector idx = FloatVector.zero(F);
        for (int j = 1, r = from + inner; j < d; j++, r += inner) {
            FloatVector v = FloatVector.fromArray(F, x, r);
            VectorMask<Float> bestNaN = best.compare(VectorOperators.NE, best);
            VectorMask<Float> firstNaN = v.compare(VectorOperators.NE, v).andNot(bestNaN);
            VectorMask<Float> take = v.compare(VectorOperators.LT, best).or(firstNaN);
            best = best.blend(v, take);
            idx = idx.blend(FloatVector.broadcast(F, j), take);
        }
        best.intoArray(out, at);
        idx.intoArray(lanes, 0);
        for (int l = 0; l < FL; l++) {
            arg[at + l] = (int) lanes[l];
        }
    }

    /**
     * The plain per-element loop of {@link PlainReductions#extreme}, for the columns
     * {@code i0 … inner-1} of one {@code o}.
     */
    private static void extremeColumns(double[] x, int base, int d, int inner, int i0, boolean min, double[] out,
                                       int[] arg, int rb) {
        for (int i = i0; i < inner; i++) {
            double best = x[base + i];
            int at = 0;
            for (int j = 1; j < d && best == best; j++) {
                double v = x[base + j * inner + i];
                if ((min ? v < best : v > best) || v != v) {
                    best = v;
                    at = j;
                }
            }
            out[rb + i] = best;
            arg[rb + i] = at;
        }
    }

    /** As the float64 form, float32. */
    private static void extremeColumns(float[] x, int base, int d, int inner, int i0, boolean min, float[] out,
                                       int[] arg, int rb) {
        for (int i = i0; i < inner; i++) {
            float best = x[base + i];
            int at = 0;
            for (int j = 1; j < d && best == best; j++) {
                float v = x[base + j * inner + i];
                if ((min ? v < best : v > best) || v != v) {
                    best = v;
                    at = j;
                }
            }
            out[rb + i] = best;
            arg[rb + i] = at;
        }
    }

    @Override
    public void softmax(double[] x, int outer, int d, int inner, boolean log, double[] out) {
        if (!VectorSoftmax.softmax(x, outer, d, inner, log, out)) {
            super.softmax(x, outer, d, inner, log, out);
        }
    }

    @Override
    public void softmax(float[] x, int outer, int d, int inner, boolean log, float[] out) {
        if (!VectorSoftmax.softmax(x, outer, d, inner, log, out)) {
            super.softmax(x, outer, d, inner, log, out);
        }
    }
}
