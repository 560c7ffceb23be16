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
 * Exact GELU and its backward on the Vector API, for float32 runs computed in double lanes (as
 * {@link ScalarMath#gelu(float)} and {@link ScalarMath#geluBackward(float, float)} compute in
 * double) and rounded once: {@link VectorUnary}'s {@code GELU} and {@link VectorBinary}'s
 * {@code GELU_BACKWARD} call {@link #gelu} and {@link #geluBackward}.
 *
 * <p>A run is done in chunks of {@value #CHUNK}: the arguments {@code w = −x/√2} widened into a
 * double scratch array, then {@code erfc(w)} by {@link FdlibmErf#erfc}'s algorithm in three passes,
 * one per piece of its range ({@code |w| < 0.84375}, {@code < 1.25}, and the tail {@code e^(−w² −
 * 0.5625 + R/S)/|w|}, whose two fits of {@code R/S} have a pass each), each lane kept by a blend
 * and a vector without a lane in a piece skipped; then the result, rounded to float. Two
 * simplifications, each far below a float's rounding: the tail takes one exponential of {@code −w²
 * − 0.5625 + R/S} (the Vector API's, within 1 ulp) where fdlibm splits {@code w²} exactly over two,
 * which costs a relative error of at most {@code 2^-53·w²} (below 10^-14 for the {@code |w| < 10}
 * where a float GELU is not 0), and {@code 1 − (w + w·y)} serves the whole first piece (fdlibm
 * rearranges it above 1/4, a double ulp better). The polynomials use fused multiply-adds. The
 * result differs from the double that {@link FdlibmErf#erfc} gives by a few double ulps, so the
 * float results match the plain ones except, rarely, by one ulp where the double falls next to a
 * halfway point between floats.
 *
 * <p>1.9 (GELU) and 2.4 (backward) times the plain loops on standard-normal inputs (13.3 → 7.2 and
 * 19.0 → 8.0 ns per element), 2.4 and 3.7 times on inputs of standard deviation 0.25, where most
 * vectors skip the middle piece and the tail. Only with {@link VectorKernels#FAST_MATH} (the exponential must be the vectorised one);
 * float64 keeps the plain loops, whose bits are {@link FdlibmErf}'s and {@link Math#exp}'s.
 */
final class VectorGelu {

    private VectorGelu() {
    }

    private static final double SQRT1_2 = ScalarMath.SQRT1_2;
    private static final double ERX = 8.45062911510467529297e-01;
    /** Where {@link FdlibmErf#erfc} changes fits, about {@code 1/0.35}: its high word {@code 0x4006db6d}. */
    private static final double FAR = Double.longBitsToDouble(0x4006db6d00000000L);

    /** Elements per chunk: the scratch arrays of one chunk stay in the L1 cache. */
    private static final int CHUNK = 512;

    /**
     * {@code out[oo + i] = gelu(x[xo + i])} ({@link ScalarMath#gelu(float)} in double lanes) for
     * the first multiple of the float lane count of the {@code n} elements.
     *
     * @return how many elements were done
     */
    static int gelu(float[] x, int xo, float[] out, int oo, int n) {
        int done = F.loopBound(n);
        double[] w = new double[Math.min(CHUNK, done)];
        double[] e = new double[w.length];
        double[] r = new double[w.length];
        for (int start = 0; start < done; start += CHUNK) {
            int m = Math.min(CHUNK, done - start);
            arguments(x, xo + start, w, m);
            for (Pass pass : FORWARD) {
                pass.run(w, e, r, null, m);
            }
            geluFinish(x, xo + start, e, out, oo + start, m);
        }
        return done;
    }

    /**
     * {@code out[oo + i] = g[go + i]·(Φ(x) + x·φ(x))}, {@code x = x[xo + i]}
     * ({@link ScalarMath#geluBackward(float, float)} in double lanes) for the first multiple of the
     * float lane count of the {@code n} elements.
     *
     * @return how many elements were done
     */
    static int geluBackward(float[] g, int go, float[] x, int xo, float[] out, int oo, int n) {
        int done = F.loopBound(n);
        double[] w = new double[Math.min(CHUNK, done)];
        double[] e = new double[w.length];
        double[] r = new double[w.length];
        double[] d = new double[w.length];
        for (int start = 0; start < done; start += CHUNK) {
            int m = Math.min(CHUNK, done - start);
            arguments(x, xo + start, w, m);
            for (Pass pass : BACKWARD) {
                pass.run(w, e, r, d, m);
            }
            backwardFinish(g, go + start, x, xo + start, e, d, out, oo + start, m);
        }
        return done;
    }

    /**
     * One pass over a chunk's scratch arrays: {@code w} the arguments, {@code e} the erfc being
     * built, {@code r} the tail's {@code R/S}, {@code d} the density (backward only).
     */
    private abstract static class Pass {
        abstract void run(double[] w, double[] e, double[] r, double[] d, int m);
    }

    private static final class Near extends Pass {
        @Override
        void run(double[] w, double[] e, double[] r, double[] d, int m) {
            erfcNear(w, e, m);
        }
    }

    private static final class Mid extends Pass {
        @Override
        void run(double[] w, double[] e, double[] r, double[] d, int m) {
            erfcMid(w, e, m);
        }
    }

    private static final class NearFit extends Pass {
        @Override
        void run(double[] w, double[] e, double[] r, double[] d, int m) {
            tailNearFit(w, r, m);
        }
    }

    private static final class FarFit extends Pass {
        @Override
        void run(double[] w, double[] e, double[] r, double[] d, int m) {
            tailFarFit(w, r, m);
        }
    }

    private static final class Tail extends Pass {
        @Override
        void run(double[] w, double[] e, double[] r, double[] d, int m) {
            erfcTail(w, e, r, m);
        }
    }

    private static final class Density extends Pass {
        @Override
        void run(double[] w, double[] e, double[] r, double[] d, int m) {
            density(w, d, m);
        }
    }

    private static final Pass[] FORWARD = {new Near(), new Mid(), new NearFit(), new FarFit(), new Tail()};
    private static final Pass[] BACKWARD = {new Near(), new Mid(), new NearFit(), new FarFit(), new Tail(), new Density()};

    // The work is cut in passes over a chunk, each a method of its own called from one megamorphic
    // call site (Pass), so that C2 compiles each alone: all of it in one loop body, or the passes
    // inlined into the driver, is more than C2 compiles (erfc alone is 900 bytes of bytecode, far
    // above FreqInlineSize, and its vector operations exceed NodeCountInliningCutoff), and what it
    // does not inline runs with every vector boxed and its operations in their Java fallbacks, slower
    // than the scalar loop (measured: 2× slower; inside a GPT step, the pass that fell out of the
    // budget changed with every rearrangement until the passes were kept apart so).

    // The conversions between float and double: each float vector widened in two halves
    // (VectorKernels.lower, upper) and narrowed back (narrow); m is a multiple of the float lanes.

    /** {@code w[i] = −x[xo + i]·√½} in double. */
    private static void arguments(float[] x, int xo, double[] w, int m) {
        for (int i = 0; i < m; i += FL) {
            FloatVector v = FloatVector.fromArray(F, x, xo + i);
            lower(v).mul(-SQRT1_2).intoArray(w, i);
            upper(v).mul(-SQRT1_2).intoArray(w, i + DL);
        }
    }

    /** {@code out[oo + i] = (float) (x·0.5·e[i])}, {@code x = x[xo + i]}. */
    private static void geluFinish(float[] x, int xo, double[] e, float[] out, int oo, int m) {
        for (int i = 0; i < m; i += FL) {
            FloatVector v = FloatVector.fromArray(F, x, xo + i);
            DoubleVector lo = lower(v).mul(0.5).mul(DoubleVector.fromArray(D, e, i));
            DoubleVector hi = upper(v).mul(0.5).mul(DoubleVector.fromArray(D, e, i + DL));
            narrow(lo, hi).intoArray(out, oo + i);
        }
    }

    /** {@code d[i] = e^(−w[i]²)/√(2π)}: the normal density at {@code x = −w·√2}, as {@code e^(x·x·−0.5)/√(2π)}. */
    private static void density(double[] w, double[] d, int m) {
        for (int i = 0; i < m; i += DL) {
            DoubleVector v = DoubleVector.fromArray(D, w, i);
            v.mul(v).neg().lanewise(VectorOperators.EXP).mul(ScalarMath.INV_SQRT_2PI).intoArray(d, i);
        }
    }

    /** {@code out[oo + i] = (float) (g·(0.5·e[i] + x·d[i]))}, {@code g = g[go + i]}, {@code x = x[xo + i]}. */
    private static void backwardFinish(float[] g, int go, float[] x, int xo, double[] e, double[] d, float[] out,
                                       int oo, int m) {
        for (int i = 0; i < m; i += FL) {
            FloatVector gv = FloatVector.fromArray(F, g, go + i);
            FloatVector xv = FloatVector.fromArray(F, x, xo + i);
            DoubleVector lo = DoubleVector.fromArray(D, e, i).mul(0.5).add(lower(xv).mul(DoubleVector.fromArray(D, d, i)));
            DoubleVector hi = DoubleVector.fromArray(D, e, i + DL).mul(0.5)
                    .add(upper(xv).mul(DoubleVector.fromArray(D, d, i + DL)));
            narrow(lower(gv).mul(lo), upper(gv).mul(hi)).intoArray(out, oo + i);
        }
    }

    /**
     * {@code e[i] = erfc(ws[i])} where {@code |ws[i]| < 0.84375}, the first piece (the other lanes
     * get a value that {@link #erfcMid} or {@link #erfcTail} overwrites).
     */
    private static void erfcNear(double[] ws, double[] e, int m) {
        for (int i = 0; i < m; i += DL) {
            DoubleVector w = DoubleVector.fromArray(D, ws, i);
            DoubleVector z = w.mul(w);
            // erfc = 1 − (w + w·P(w²)/Q(w²))
            DoubleVector p = DoubleVector.broadcast(D, -2.37630166566501626084e-05);
            p = p.fma(z, c(-5.77027029648944159157e-03));
            p = p.fma(z, c(-2.84817495755985104766e-02));
            p = p.fma(z, c(-3.25042107247001499370e-01));
            p = p.fma(z, c(1.28379167095512558561e-01));
            DoubleVector q = DoubleVector.broadcast(D, -3.96022827877536812320e-06);
            q = q.fma(z, c(1.32494738004321644526e-04));
            q = q.fma(z, c(5.08130628187576562776e-03));
            q = q.fma(z, c(6.50222499887672944485e-02));
            q = q.fma(z, c(3.97917223959155352819e-01));
            q = q.fma(z, c(1.0));
            DoubleVector.broadcast(D, 1.0).sub(w.fma(p.div(q), w)).intoArray(e, i);
        }
    }

    /**
     * {@code e[i] = erfc(ws[i])} where {@code 0.84375 ≤ |ws[i]| < 1.25}, leaving the other lanes; a
     * vector without such a lane is skipped (most of them, where the inputs are small).
     */
    private static void erfcMid(double[] ws, double[] e, int m) {
        for (int i = 0; i < m; i += DL) {
            DoubleVector w = DoubleVector.fromArray(D, ws, i);
            DoubleVector a = w.abs();
            VectorMask<Double> inMid = a.compare(VectorOperators.GE, 0.84375)
                    .and(a.compare(VectorOperators.LT, 1.25));
            if (!inMid.anyTrue()) {
                continue;
            }
            // erfc = (1 − c) − P1(s)/Q1(s), or 1 + (c + P1/Q1) below 0, s = |w| − 1
            DoubleVector s = a.sub(1.0);
            DoubleVector p1 = DoubleVector.broadcast(D, -2.16637559486879084300e-03);
            p1 = p1.fma(s, c(3.54783043256182359371e-02));
            p1 = p1.fma(s, c(-1.10894694282396677476e-01));
            p1 = p1.fma(s, c(3.18346619901161753674e-01));
            p1 = p1.fma(s, c(-3.72207876035701323847e-01));
            p1 = p1.fma(s, c(4.14856118683748331666e-01));
            p1 = p1.fma(s, c(-2.36211856075265944077e-03));
            DoubleVector q1 = DoubleVector.broadcast(D, 1.19844998467991074170e-02);
            q1 = q1.fma(s, c(1.36370839120290507362e-02));
            q1 = q1.fma(s, c(1.26171219808761642112e-01));
            q1 = q1.fma(s, c(7.18286544141962662868e-02));
            q1 = q1.fma(s, c(5.40397917702171048937e-01));
            q1 = q1.fma(s, c(1.06420880400844228286e-01));
            q1 = q1.fma(s, c(1.0));
            DoubleVector ratio = p1.div(q1);
            DoubleVector mid = DoubleVector.broadcast(D, 1.0 - ERX).sub(ratio)
                    .blend(ratio.add(ERX).add(1.0), w.compare(VectorOperators.LT, 0.0));
            DoubleVector.fromArray(D, e, i).blend(mid, inMid).intoArray(e, i);
        }
    }

    /**
     * {@code e[i] = erfc(ws[i])} where {@code |ws[i]| ≥ 1.25} (and NaN), leaving the other lanes,
     * from {@code r = R/S} of the two fits ({@link #tailNearFit}, {@link #tailFarFit}: a loop of
     * their own each, since one loop that picked the coefficients lane by lane was more than C2
     * compiled without boxing). Vectors without such a lane are skipped.
     */
    private static void erfcTail(double[] ws, double[] e, double[] r, int m) {
        for (int i = 0; i < m; i += DL) {
            DoubleVector w = DoubleVector.fromArray(D, ws, i);
            DoubleVector a = w.abs();
            VectorMask<Double> inTail = a.compare(VectorOperators.LT, 1.25).not();
            if (!inTail.anyTrue()) {
                continue;
            }
            // erfc(|w|) = e^(−w² − 0.5625 + R/S) / |w|, and 2 − that below 0
            DoubleVector ex = DoubleVector.fromArray(D, r, i).sub(0.5625).sub(a.mul(a))
                    .lanewise(VectorOperators.EXP).div(a);
            DoubleVector tail = ex.blend(DoubleVector.broadcast(D, 2.0).sub(ex), w.compare(VectorOperators.LT, 0.0));
            DoubleVector.fromArray(D, e, i).blend(tail, inTail).intoArray(e, i);
        }
    }

    /** {@code r[i] = R(1/w²)/S(1/w²)}, fdlibm's fit for {@code 1.25 ≤ |w| < 1/0.35}, in vectors with such a lane. */
    private static void tailNearFit(double[] ws, double[] r, int m) {
        for (int i = 0; i < m; i += DL) {
            DoubleVector a = DoubleVector.fromArray(D, ws, i).abs();
            if (!a.compare(VectorOperators.GE, 1.25).and(a.compare(VectorOperators.LT, FAR)).anyTrue()) {
                continue;
            }
            DoubleVector t = DoubleVector.broadcast(D, 1.0).div(a.mul(a));
            DoubleVector p = DoubleVector.broadcast(D, -9.81432934416914548592e+00);
            p = p.fma(t, c(-8.12874355063065934246e+01));
            p = p.fma(t, c(-1.84605092906711035994e+02));
            p = p.fma(t, c(-1.62396669462573470355e+02));
            p = p.fma(t, c(-6.23753324503260060396e+01));
            p = p.fma(t, c(-1.05586262253232909814e+01));
            p = p.fma(t, c(-6.93858572707181764372e-01));
            p = p.fma(t, c(-9.86494403484714822705e-03));
            DoubleVector q = DoubleVector.broadcast(D, -6.04244152148580987438e-02);
            q = q.fma(t, c(6.57024977031928170135e+00));
            q = q.fma(t, c(1.08635005541779435134e+02));
            q = q.fma(t, c(4.29008140027567833386e+02));
            q = q.fma(t, c(6.45387271733267880336e+02));
            q = q.fma(t, c(4.34565877475229228821e+02));
            q = q.fma(t, c(1.37657754143519042600e+02));
            q = q.fma(t, c(1.96512716674392571292e+01));
            q = q.fma(t, c(1.0));
            p.div(q).intoArray(r, i);
        }
    }

    /** {@code r[i] = R(1/w²)/S(1/w²)}, fdlibm's fit for {@code |w| ≥ 1/0.35}, in those lanes. */
    private static void tailFarFit(double[] ws, double[] r, int m) {
        for (int i = 0; i < m; i += DL) {
            DoubleVector a = DoubleVector.fromArray(D, ws, i).abs();
            VectorMask<Double> far = a.compare(VectorOperators.GE, FAR);
            if (!far.anyTrue()) {
                continue;
            }
            DoubleVector t = DoubleVector.broadcast(D, 1.0).div(a.mul(a));
            DoubleVector p = DoubleVector.broadcast(D, -4.83519191608651397019e+02);
            p = p.fma(t, c(-1.02509513161107724954e+03));
            p = p.fma(t, c(-6.37566443368389627722e+02));
            p = p.fma(t, c(-1.60636384855821916062e+02));
            p = p.fma(t, c(-1.77579549177547519889e+01));
            p = p.fma(t, c(-7.99283237680523006574e-01));
            p = p.fma(t, c(-9.86494292470009928597e-03));
            DoubleVector q = DoubleVector.broadcast(D, -2.24409524465858183362e+01);
            q = q.fma(t, c(4.74528541206955367215e+02));
            q = q.fma(t, c(2.55305040643316442583e+03));
            q = q.fma(t, c(3.19985821950859553908e+03));
            q = q.fma(t, c(1.53672958608443695994e+03));
            q = q.fma(t, c(3.25792512996573918826e+02));
            q = q.fma(t, c(3.03380607434824582924e+01));
            q = q.fma(t, c(1.0));
            DoubleVector.fromArray(D, r, i).blend(p.div(q), far).intoArray(r, i);
        }
    }

    /** {@return {@code v} in every lane} */
    private static DoubleVector c(double v) {
        return DoubleVector.broadcast(D, v);
    }
}
