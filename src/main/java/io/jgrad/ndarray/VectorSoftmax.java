package io.jgrad.ndarray;

import static io.jgrad.ndarray.VectorKernels.D;
import static io.jgrad.ndarray.VectorKernels.DL;
import static io.jgrad.ndarray.VectorKernels.F;
import static io.jgrad.ndarray.VectorKernels.FAST_MATH;
import static io.jgrad.ndarray.VectorKernels.FL;
import static io.jgrad.ndarray.VectorKernels.lower;
import static io.jgrad.ndarray.VectorKernels.narrow;
import static io.jgrad.ndarray.VectorKernels.upper;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Softmax and log-softmax on the Vector API, for {@link VectorReductions}: the three passes of
 * {@link PlainReductions#softmax} (the maximum, the exponentials and their sum, the division or
 * subtraction), each element's arithmetic unchanged.
 *
 * <ul>
 *   <li>Along the last dimension ({@code inner = 1}): the maximum of a slice is taken with SIMD
 *       ({@link Math#max} is associative and commutative, NaN and signed zeros included, so any
 *       order gives the same value), the last pass runs on vectors, and the sum stays one
 *       sequential chain in the order {@code j = 0 … d-1}.</li>
 *   <li>Along another dimension ({@code inner > 1}): every pass walks whole rows of {@code inner}
 *       contiguous elements, the running maxima and sums of a row of slices kept side by side,
 *       where the plain loop walks each slice with stride {@code inner}.</li>
 * </ul>
 *
 * <p>Float64 results are bit-identical to the plain set's: its exponentials are
 * {@link Math#exp}, one call per element. Float32 exponentials are the Vector API's when
 * {@link VectorKernels#FAST_MATH} holds, within 1 ulp of the plain {@code (float) Math.exp}; the
 * sums, divisions and logarithms that follow are the plain loop's, so a float32 softmax differs
 * from the plain one by a few ulp at most, and only where an exponential did.
 */
final class VectorSoftmax {

    private VectorSoftmax() {
    }

    /**
     * Softmax (or log-softmax) along the middle dimension of {@code (outer, d, inner)}, as
     * {@link ReductionKernels#softmax}.
     *
     * @return {@code false} if the shape is left to the plain loop (a slice shorter than a vector
     *     along the last dimension)
     */
    static boolean softmax(double[] x, int outer, int d, int inner, boolean log, double[] out) {
        if (inner == 1) {
            if (d < DL) {
                return false;
            }
            for (int o = 0; o < outer; o++) {
                lastDim(x, o * d, d, log, out);
            }
            return true;
        }
        double[] mx = new double[inner];
        double[] sum = new double[inner];
        for (int o = 0; o < outer; o++) {
            int base = o * d * inner;
            Arrays.fill(mx, Double.NEGATIVE_INFINITY);
            for (int j = 0; j < d; j++) {
                maxInto(x, base + j * inner, mx, inner);
            }
            for (int i = 0; i < inner; i++) {
                if (mx[i] == Double.NEGATIVE_INFINITY) {
                    mx[i] = 0; // all -∞: keep x - max at -∞ rather than NaN
                }
            }
            Arrays.fill(sum, 0.0);
            for (int j = 0; j < d; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) {
                    double e = Math.exp(x[row + i] - mx[i]);
                    out[row + i] = e; // (log-softmax overwrites it below)
                    sum[i] += e;
                }
            }
            if (log) {
                for (int i = 0; i < inner; i++) {
                    sum[i] = Math.log(sum[i]);
                }
                for (int j = 0; j < d; j++) {
                    logRow(x, base + j * inner, mx, sum, out, inner);
                }
            } else {
                for (int j = 0; j < d; j++) {
                    divideRow(out, base + j * inner, sum, inner);
                }
            }
        }
        return true;
    }

    /** One slice along the last dimension: {@code x[at … at+d-1]}. */
    private static void lastDim(double[] x, int at, int d, boolean log, double[] out) {
        double max = max(x, at, d);
        if (max == Double.NEGATIVE_INFINITY) {
            max = 0; // all -∞: keep x - max at -∞ rather than NaN
        }
        double sum = 0;
        for (int j = 0; j < d; j++) {
            double e = Math.exp(x[at + j] - max);
            sum += e;
            out[at + j] = e;
        }
        if (log) {
            // (x - max) - ln Σ, not x - (max + ln Σ), as the plain loop
            shift(x, at, max, Math.log(sum), out, d);
        } else {
            scale(out, at, sum, d);
        }
    }

    // Each vector loop is a small method of its own, so that C2 compiles it with its vectors in
    // registers whichever paths ran first.

    /** The largest of {@code x[at … at+n-1]} (NaN if any is), {@code -∞} for none. */
    private static double max(double[] x, int at, int n) {
        int end = D.loopBound(n);
        DoubleVector mv = DoubleVector.broadcast(D, Double.NEGATIVE_INFINITY);
        for (int j = 0; j < end; j += DL) {
            mv = mv.max(DoubleVector.fromArray(D, x, at + j));
        }
        double max = mv.reduceLanes(VectorOperators.MAX);
        for (int j = end; j < n; j++) {
            max = Math.max(max, x[at + j]);
        }
        return max;
    }

    /** {@code out[at + j] = (x[at + j] - max) - logSum} for {@code j < n}. */
    private static void shift(double[] x, int at, double max, double logSum, double[] out, int n) {
        int end = D.loopBound(n);
        for (int j = 0; j < end; j += DL) {
            DoubleVector.fromArray(D, x, at + j).sub(max).sub(logSum).intoArray(out, at + j);
        }
        for (int j = end; j < n; j++) {
            out[at + j] = (x[at + j] - max) - logSum;
        }
    }

    /** {@code out[at + j] /= sum} for {@code j < n}. */
    private static void scale(double[] out, int at, double sum, int n) {
        int end = D.loopBound(n);
        for (int j = 0; j < end; j += DL) {
            DoubleVector.fromArray(D, out, at + j).div(sum).intoArray(out, at + j);
        }
        for (int j = end; j < n; j++) {
            out[at + j] /= sum;
        }
    }

    /** {@code mx[i] = max(mx[i], x[at + i])} for {@code i < n}. */
    private static void maxInto(double[] x, int at, double[] mx, int n) {
        int end = D.loopBound(n);
        for (int i = 0; i < end; i += DL) {
            DoubleVector.fromArray(D, mx, i).max(DoubleVector.fromArray(D, x, at + i)).intoArray(mx, i);
        }
        for (int i = end; i < n; i++) {
            mx[i] = Math.max(mx[i], x[at + i]);
        }
    }

    /** {@code out[at + i] = (x[at + i] - mx[i]) - logSum[i]} for {@code i < n}. */
    private static void logRow(double[] x, int at, double[] mx, double[] logSum, double[] out, int n) {
        int end = D.loopBound(n);
        for (int i = 0; i < end; i += DL) {
            DoubleVector v = DoubleVector.fromArray(D, x, at + i).sub(DoubleVector.fromArray(D, mx, i));
            v.sub(DoubleVector.fromArray(D, logSum, i)).intoArray(out, at + i);
        }
        for (int i = end; i < n; i++) {
            out[at + i] = (x[at + i] - mx[i]) - logSum[i];
        }
    }

    /** {@code out[at + i] /= sum[i]} for {@code i < n}. */
    private static void divideRow(double[] out, int at, double[] sum, int n) {
        int end = D.loopBound(n);
        for (int i = 0; i < end; i += DL) {
            DoubleVector.fromArray(D, out, at + i).div(DoubleVector.fromArray(D, sum, i)).intoArray(out, at + i);
        }
        for (int i = end; i < n; i++) {
            out[at + i] /= sum[i];
        }
    }

    /**
     * As the float64 form, float32: the maxima and the differences {@code x - max} in float, the
     * exponentials rounded to float (the Vector API's with {@link VectorKernels#FAST_MATH}), their
     * sums in double, {@code (float) (e / sum)} and {@code (x - max) - (float) ln sum}.
     */
    static boolean softmax(float[] x, int outer, int d, int inner, boolean log, float[] out) {
        if (inner == 1) {
            if (d < FL) {
                return false;
            }
            for (int o = 0; o < outer; o++) {
                lastDim(x, o * d, d, log, out);
            }
            return true;
        }
        float[] mx = new float[inner];
        double[] sum = new double[inner];
        float[] logSum = log ? new float[inner] : null;
        for (int o = 0; o < outer; o++) {
            int base = o * d * inner;
            Arrays.fill(mx, Float.NEGATIVE_INFINITY);
            for (int j = 0; j < d; j++) {
                maxInto(x, base + j * inner, mx, inner);
            }
            for (int i = 0; i < inner; i++) {
                if (mx[i] == Float.NEGATIVE_INFINITY) {
                    mx[i] = 0;
                }
            }
            Arrays.fill(sum, 0.0);
            for (int j = 0; j < d; j++) {
                int row = base + j * inner;
                expRow(x, row, mx, out, inner);
                addRow(out, row, sum, inner);
            }
            if (log) {
                for (int i = 0; i < inner; i++) {
                    logSum[i] = (float) Math.log(sum[i]);
                }
                for (int j = 0; j < d; j++) {
                    logRow(x, base + j * inner, mx, logSum, out, inner);
                }
            } else {
                for (int j = 0; j < d; j++) {
                    divideRow(out, base + j * inner, sum, inner);
                }
            }
        }
        return true;
    }

    /** One float32 slice along the last dimension. */
    private static void lastDim(float[] x, int at, int d, boolean log, float[] out) {
        float max = max(x, at, d);
        if (max == Float.NEGATIVE_INFINITY) {
            max = 0;
        }
        int j0 = FAST_MATH ? exp(x, at, max, out, d) : 0;
        for (int j = j0; j < d; j++) {
            out[at + j] = (float) Math.exp(x[at + j] - max);
        }
        double sum = 0;
        for (int j = 0; j < d; j++) {
            sum += out[at + j];
        }
        if (log) {
            shift(x, at, max, (float) Math.log(sum), out, d);
        } else {
            scale(out, at, sum, d);
        }
    }

    /** The largest of {@code x[at … at+n-1]} (NaN if any is), {@code -∞} for none; float32. */
    private static float max(float[] x, int at, int n) {
        int end = F.loopBound(n);
        FloatVector mv = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < end; j += FL) {
            mv = mv.max(FloatVector.fromArray(F, x, at + j));
        }
        float max = mv.reduceLanes(VectorOperators.MAX);
        for (int j = end; j < n; j++) {
            max = Math.max(max, x[at + j]);
        }
        return max;
    }

    /**
     * {@code out[at + j] = e^(x[at + j] - max)} with the Vector API's float exponential, for the
     * whole vectors of {@code j < n}; returns how many it did.
     */
    private static int exp(float[] x, int at, float max, float[] out, int n) {
        int end = F.loopBound(n);
        for (int j = 0; j < end; j += FL) {
            FloatVector.fromArray(F, x, at + j).sub(max).lanewise(VectorOperators.EXP).intoArray(out, at + j);
        }
        return end;
    }

    /** {@code out[at + j] = (x[at + j] - max) - logSum} for {@code j < n}, in float. */
    private static void shift(float[] x, int at, float max, float logSum, float[] out, int n) {
        int end = F.loopBound(n);
        for (int j = 0; j < end; j += FL) {
            FloatVector.fromArray(F, x, at + j).sub(max).sub(logSum).intoArray(out, at + j);
        }
        for (int j = end; j < n; j++) {
            out[at + j] = (x[at + j] - max) - logSum;
        }
    }

    /** {@code out[at + j] = (float) (out[at + j] / sum)} for {@code j < n}, divided in double lanes. */
    private static void scale(float[] out, int at, double sum, int n) {
        int end = F.loopBound(n);
        DoubleVector s = DoubleVector.broadcast(D, sum);
        for (int j = 0; j < end; j += FL) {
            FloatVector e = FloatVector.fromArray(F, out, at + j);
            narrow(lower(e).div(s), upper(e).div(s)).intoArray(out, at + j);
        }
        for (int j = end; j < n; j++) {
            out[at + j] = (float) (out[at + j] / sum);
        }
    }

    /** {@code mx[i] = max(mx[i], x[at + i])} for {@code i < n}, float32. */
    private static void maxInto(float[] x, int at, float[] mx, int n) {
        int end = F.loopBound(n);
        for (int i = 0; i < end; i += FL) {
            FloatVector.fromArray(F, mx, i).max(FloatVector.fromArray(F, x, at + i)).intoArray(mx, i);
        }
        for (int i = end; i < n; i++) {
            mx[i] = Math.max(mx[i], x[at + i]);
        }
    }

    /** {@code out[at + i] = (float) e^(x[at + i] - mx[i])} for {@code i < n}. */
    private static void expRow(float[] x, int at, float[] mx, float[] out, int n) {
        int i = 0;
        if (FAST_MATH) {
            int end = F.loopBound(n);
            for (; i < end; i += FL) {
                FloatVector v = FloatVector.fromArray(F, x, at + i).sub(FloatVector.fromArray(F, mx, i));
                v.lanewise(VectorOperators.EXP).intoArray(out, at + i);
            }
        }
        for (; i < n; i++) {
            out[at + i] = (float) Math.exp(x[at + i] - mx[i]);
        }
    }

    /** {@code sum[i] += e[at + i]} in double, for {@code i < n}. */
    private static void addRow(float[] e, int at, double[] sum, int n) {
        int end = F.loopBound(n);
        for (int i = 0; i < end; i += FL) {
            FloatVector v = FloatVector.fromArray(F, e, at + i);
            DoubleVector.fromArray(D, sum, i).add(lower(v)).intoArray(sum, i);
            DoubleVector.fromArray(D, sum, i + DL).add(upper(v)).intoArray(sum, i + DL);
        }
        for (int i = end; i < n; i++) {
            sum[i] += e[at + i];
        }
    }

    /** {@code out[at + i] = (x[at + i] - mx[i]) - logSum[i]} for {@code i < n}, float32. */
    private static void logRow(float[] x, int at, float[] mx, float[] logSum, float[] out, int n) {
        int end = F.loopBound(n);
        for (int i = 0; i < end; i += FL) {
            FloatVector v = FloatVector.fromArray(F, x, at + i).sub(FloatVector.fromArray(F, mx, i));
            v.sub(FloatVector.fromArray(F, logSum, i)).intoArray(out, at + i);
        }
        for (int i = end; i < n; i++) {
            out[at + i] = (x[at + i] - mx[i]) - logSum[i];
        }
    }

    /** {@code out[at + i] = (float) (out[at + i] / sum[i])} for {@code i < n}. */
    private static void divideRow(float[] out, int at, double[] sum, int n) {
        int end = F.loopBound(n);
        for (int i = 0; i < end; i += FL) {
            FloatVector e = FloatVector.fromArray(F, out, at + i);
            DoubleVector lo = lower(e).div(DoubleVector.fromArray(D, sum, i));
            DoubleVector hi = upper(e).div(DoubleVector.fromArray(D, sum, i + DL));
            narrow(lo, hi).intoArray(out, at + i);
        }
        for (int i = end; i < n; i++) {
            out[at + i] = (float) (out[at + i] / sum[i]);
        }
    }
}
