package io.jgrad.ndarray;

import static io.jgrad.ndarray.VectorKernels.D;
import static io.jgrad.ndarray.VectorKernels.DL;
import static io.jgrad.ndarray.VectorKernels.F;
import static io.jgrad.ndarray.VectorKernels.FAST_MATH;
import static io.jgrad.ndarray.VectorKernels.FL;
import static io.jgrad.ndarray.VectorKernels.lower;
import static io.jgrad.ndarray.VectorKernels.narrow;
import static io.jgrad.ndarray.VectorKernels.positive;
import static io.jgrad.ndarray.VectorKernels.upper;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Element-wise functions of one argument on the Vector API, one loop per function and dtype.
 *
 * <p>Float64 and float32: {@code NEG}, {@code ABS}, {@code SQRT}, {@code RELU},
 * {@code POSITIVE_MASK}, {@code SQUARE} and {@code RECIPROCAL}, bit-identical to
 * {@link PlainUnary} (sign flips and masks, correctly rounded IEEE operations; a float's square
 * root rounded once is the plain {@code (float) Math.sqrt(x)}, since double has more than twice
 * float's precision; {@code max} with {@link Math#max}'s rules).
 *
 * <p>Float32 only, when {@link VectorKernels#FAST_MATH}: the exact {@code GELU} in double lanes
 * ({@link VectorGelu}: within 1 ulp of the plain {@link ScalarMath#gelu(float)}, 1.9–2.4 times faster);
 * {@code EXP}, {@code LOG} and {@code TANH}
 * with the Vector API's float functions, and {@code SIGMOID} in double lanes (the plain formula,
 * with {@code e^-|x|} from the Vector API's double exponential) rounded to float. Each is within
 * 1 ulp of the plain {@code (float) Math.f(x)}: checked on all 2^32 float inputs (JDK 17 and 25),
 * where 0.2 % of the exponentials, 0.04 % of the tangents, 0.001 % of the logarithms and 3
 * sigmoids differ by that ulp. (A float formula for the sigmoid was up to 2^21 ulp off near
 * underflow.) They are 27 to 80 times faster than the plain loops, the sigmoid 2.8 to 7 times. An
 * interpreted or C1-compiled call falls back to {@code (float) Math.f(x)} per lane, so the same
 * input can round differently before and after C2 compiles the loop; within the same 1 ulp.
 *
 * <p>The loops are called through one object per function, for the reason given in
 * {@link VectorBinary}.
 *
 * <p>Inherited from {@link PlainUnary}: {@code SIGN}, the float64 transcendental functions (they
 * must stay bit-identical to {@link Math}, which no vector library promises) and int64.
 */
class VectorUnary extends PlainUnary {

    /** The vector loops of each function, by {@link UnaryOp#ordinal()}; null where the plain loop serves. */
    private static final Loop[] LOOPS = new Loop[UnaryOp.values().length];

    static {
        LOOPS[UnaryOp.NEG.ordinal()] = new Neg();
        LOOPS[UnaryOp.ABS.ordinal()] = new Abs();
        LOOPS[UnaryOp.SQRT.ordinal()] = new Sqrt();
        LOOPS[UnaryOp.RELU.ordinal()] = new Relu();
        LOOPS[UnaryOp.POSITIVE_MASK.ordinal()] = new PositiveMask();
        LOOPS[UnaryOp.SQUARE.ordinal()] = new Square();
        LOOPS[UnaryOp.RECIPROCAL.ordinal()] = new Reciprocal();
        if (FAST_MATH) {
            LOOPS[UnaryOp.EXP.ordinal()] = new Exp();
            LOOPS[UnaryOp.LOG.ordinal()] = new Log();
            LOOPS[UnaryOp.TANH.ordinal()] = new Tanh();
            LOOPS[UnaryOp.SIGMOID.ordinal()] = new Sigmoid();
            LOOPS[UnaryOp.GELU.ordinal()] = new Gelu();
        }
    }

    VectorUnary() {
    }

    @Override
    public void unary(UnaryOp op, double[] x, int xo, double[] out, int oo, int n) {
        Loop loop = LOOPS[op.ordinal()];
        int done = loop != null ? loop.run(x, xo, out, oo, n) : 0;
        if (done < n) {
            // the tail (or the whole run) by the plain loop, so it is computed by the same code
            super.unary(op, x, xo + done, out, oo + done, n - done);
        }
    }

    @Override
    public void unary(UnaryOp op, float[] x, int xo, float[] out, int oo, int n) {
        Loop loop = LOOPS[op.ordinal()];
        int done = loop != null ? loop.run(x, xo, out, oo, n) : 0;
        if (done < n) {
            super.unary(op, x, xo + done, out, oo + done, n - done);
        }
    }

    /**
     * One function's vector loops: {@code out[oo + i] = f(x[xo + i])}; each returns how many
     * elements it did (a multiple of the lane count, 0 for a dtype it leaves to the plain loop).
     */
    private abstract static class Loop {

        int run(double[] x, int xo, double[] out, int oo, int n) {
            return 0;
        }

        int run(float[] x, int xo, float[] out, int oo, int n) {
            return 0;
        }
    }

    /** {@code -x}. */
    private static final class Neg extends Loop {

        @Override
        int run(double[] x, int xo, double[] out, int oo, int n) {
            int end = D.loopBound(n);
            int i = 0;
            for (; i < end; i += DL) {
                DoubleVector.fromArray(D, x, xo + i).neg().intoArray(out, oo + i);
            }
            return i;
        }

        @Override
        int run(float[] x, int xo, float[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            for (; i < end; i += FL) {
                FloatVector.fromArray(F, x, xo + i).neg().intoArray(out, oo + i);
            }
            return i;
        }
    }

    /** {@code |x|}. */
    private static final class Abs extends Loop {

        @Override
        int run(double[] x, int xo, double[] out, int oo, int n) {
            int end = D.loopBound(n);
            int i = 0;
            for (; i < end; i += DL) {
                DoubleVector.fromArray(D, x, xo + i).abs().intoArray(out, oo + i);
            }
            return i;
        }

        @Override
        int run(float[] x, int xo, float[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            for (; i < end; i += FL) {
                FloatVector.fromArray(F, x, xo + i).abs().intoArray(out, oo + i);
            }
            return i;
        }
    }

    /** {@code √x}. */
    private static final class Sqrt extends Loop {

        @Override
        int run(double[] x, int xo, double[] out, int oo, int n) {
            int end = D.loopBound(n);
            int i = 0;
            for (; i < end; i += DL) {
                DoubleVector.fromArray(D, x, xo + i).sqrt().intoArray(out, oo + i);
            }
            return i;
        }

        @Override
        int run(float[] x, int xo, float[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            for (; i < end; i += FL) {
                FloatVector.fromArray(F, x, xo + i).sqrt().intoArray(out, oo + i);
            }
            return i;
        }
    }

    /** {@code max(x, 0)}. */
    private static final class Relu extends Loop {

        @Override
        int run(double[] x, int xo, double[] out, int oo, int n) {
            int end = D.loopBound(n);
            int i = 0;
            for (; i < end; i += DL) {
                DoubleVector.fromArray(D, x, xo + i).max(0.0).intoArray(out, oo + i);
            }
            return i;
        }

        @Override
        int run(float[] x, int xo, float[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            for (; i < end; i += FL) {
                FloatVector.fromArray(F, x, xo + i).max(0.0f).intoArray(out, oo + i);
            }
            return i;
        }
    }

    /** {@code positive(x)}. */
    private static final class PositiveMask extends Loop {

        @Override
        int run(double[] x, int xo, double[] out, int oo, int n) {
            int end = D.loopBound(n);
            int i = 0;
            for (; i < end; i += DL) {
                positive(DoubleVector.fromArray(D, x, xo + i)).intoArray(out, oo + i);
            }
            return i;
        }

        @Override
        int run(float[] x, int xo, float[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            for (; i < end; i += FL) {
                positive(FloatVector.fromArray(F, x, xo + i)).intoArray(out, oo + i);
            }
            return i;
        }
    }

    /** {@code x²}. */
    private static final class Square extends Loop {

        @Override
        int run(double[] x, int xo, double[] out, int oo, int n) {
            int end = D.loopBound(n);
            int i = 0;
            for (; i < end; i += DL) {
                DoubleVector v = DoubleVector.fromArray(D, x, xo + i);
                v.mul(v).intoArray(out, oo + i);
            }
            return i;
        }

        @Override
        int run(float[] x, int xo, float[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            for (; i < end; i += FL) {
                FloatVector v = FloatVector.fromArray(F, x, xo + i);
                v.mul(v).intoArray(out, oo + i);
            }
            return i;
        }
    }

    /** {@code 1 / x}. */
    private static final class Reciprocal extends Loop {

        @Override
        int run(double[] x, int xo, double[] out, int oo, int n) {
            int end = D.loopBound(n);
            int i = 0;
            DoubleVector one = DoubleVector.broadcast(D, 1.0);
            for (; i < end; i += DL) {
                one.div(DoubleVector.fromArray(D, x, xo + i)).intoArray(out, oo + i);
            }
            return i;
        }

        @Override
        int run(float[] x, int xo, float[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            FloatVector one = FloatVector.broadcast(F, 1.0f);
            for (; i < end; i += FL) {
                one.div(FloatVector.fromArray(F, x, xo + i)).intoArray(out, oo + i);
            }
            return i;
        }
    }

    /** {@code e^x}, float32 only (float64 keeps Math's bits: the plain loop). */
    private static final class Exp extends Loop {

        @Override
        int run(float[] x, int xo, float[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            for (; i < end; i += FL) {
                FloatVector.fromArray(F, x, xo + i).lanewise(VectorOperators.EXP).intoArray(out, oo + i);
            }
            return i;
        }
    }

    /** {@code ln x}, float32 only (float64 keeps Math's bits: the plain loop). */
    private static final class Log extends Loop {

        @Override
        int run(float[] x, int xo, float[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            for (; i < end; i += FL) {
                FloatVector.fromArray(F, x, xo + i).lanewise(VectorOperators.LOG).intoArray(out, oo + i);
            }
            return i;
        }
    }

    /** {@code tanh x}, float32 only (float64 keeps Math's bits: the plain loop). */
    private static final class Tanh extends Loop {

        @Override
        int run(float[] x, int xo, float[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            for (; i < end; i += FL) {
                FloatVector.fromArray(F, x, xo + i).lanewise(VectorOperators.TANH).intoArray(out, oo + i);
            }
            return i;
        }
    }

    /**
     * {@link ScalarMath#sigmoid(double)} in double lanes, rounded to float: {@code 1 / (1 + e)}
     * for {@code x ≥ 0} and {@code e / (1 + e)} below, where {@code e = e^-|x|} is the plain
     * branches' {@code e^-x} and {@code e^x} in one exponential; float32 only.
     */
    private static final class Sigmoid extends Loop {

        @Override
        int run(float[] x, int xo, float[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            for (; i < end; i += FL) {
                FloatVector v = FloatVector.fromArray(F, x, xo + i);
                narrow(sigmoid(lower(v)), sigmoid(upper(v))).intoArray(out, oo + i);
            }
            return i;
        }

        private static DoubleVector sigmoid(DoubleVector v) {
            DoubleVector e = v.abs().neg().lanewise(VectorOperators.EXP);
            DoubleVector den = e.add(1.0); // 1 + e, as the plain branches (addition commutes exactly)
            return e.div(den).blend(DoubleVector.broadcast(D, 1.0).div(den), v.compare(VectorOperators.GE, 0.0));
        }
    }

    /** Exact GELU ({@link VectorGelu#gelu}) in double lanes, rounded to float; float32 only. */
    private static final class Gelu extends Loop {

        @Override
        int run(float[] x, int xo, float[] out, int oo, int n) {
            return VectorGelu.gelu(x, xo, out, oo, n);
        }
    }
}
