package io.jgrad.ndarray;

import static io.jgrad.ndarray.VectorKernels.D;
import static io.jgrad.ndarray.VectorKernels.DL;
import static io.jgrad.ndarray.VectorKernels.F;
import static io.jgrad.ndarray.VectorKernels.FL;
import static io.jgrad.ndarray.VectorKernels.lower;
import static io.jgrad.ndarray.VectorKernels.narrow;
import static io.jgrad.ndarray.VectorKernels.upper;

import io.jgrad.DType;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * Dtype conversions on the Vector API: float64 → float32 and float32 → float64, a vector of
 * floats to or from two vectors of doubles per step. A lane's conversion is the Java cast's
 * (round to nearest even toward float, exact toward double), so the results are bit-identical to
 * {@link PlainCasts}; the last {@code n mod L} elements are left to the plain loop.
 *
 * <p>Inherited from {@link PlainCasts}: same-dtype copies ({@code System.arraycopy}) and every
 * conversion to or from int64 and bool (Java's saturating float-to-long cast and the bool tests
 * are not where a network spends its time).
 */
class VectorCasts extends PlainCasts {

    VectorCasts() {
    }

    @Override
    public void convert(DType from, Object src, int sOff, DType to, Object dst, int dOff, int n) {
        int done = 0;
        if (from == DType.FLOAT64 && to == DType.FLOAT32) {
            done = toFloat((double[]) src, sOff, (float[]) dst, dOff, n);
        } else if (from == DType.FLOAT32 && to == DType.FLOAT64) {
            done = toDouble((float[]) src, sOff, (double[]) dst, dOff, n);
        }
        if (done < n) {
            // the tail (or the whole run) by the plain loop, so it is converted by the same code
            super.convert(from, src, sOff + done, to, dst, dOff + done, n - done);
        }
    }

    /** {@code d[dOff + i] = (float) s[sOff + i]}; returns how many it did (a multiple of the float lane count). */
    private static int toFloat(double[] s, int sOff, float[] d, int dOff, int n) {
        int end = F.loopBound(n);
        int i = 0;
        for (; i < end; i += FL) {
            DoubleVector lo = DoubleVector.fromArray(D, s, sOff + i);
            DoubleVector hi = DoubleVector.fromArray(D, s, sOff + i + DL);
            narrow(lo, hi).intoArray(d, dOff + i);
        }
        return i;
    }

    /** {@code d[dOff + i] = s[sOff + i]} widened; returns how many it did (a multiple of the float lane count). */
    private static int toDouble(float[] s, int sOff, double[] d, int dOff, int n) {
        int end = F.loopBound(n);
        int i = 0;
        for (; i < end; i += FL) {
            FloatVector v = FloatVector.fromArray(F, s, sOff + i);
            lower(v).intoArray(d, dOff + i);
            upper(v).intoArray(d, dOff + i + DL);
        }
        return i;
    }
}
